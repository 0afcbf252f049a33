import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, text",
    [
        ("/", "a parent or caregiver"),
        ("/about/", "501(c)(3)"),
        ("/families/", "For parents and caregivers"),
        ("/clinicians/", "GRADE certainty"),
        ("/researchers/", "partner profile"),
        ("/privacy/", "a deleted member"),
        ("/faq/", "Frequently asked questions"),
        ("/contact/", "Contact us"),
        ("/webinars/", "Quarterly webinar series"),
    ],
)
def test_public_pages_render_for_anonymous_visitors(client, path, text):
    response = client.get(path)
    assert response.status_code == 200
    assert text in response.content.decode()


@pytest.mark.django_db
def test_home_page_offers_an_entry_point_for_each_kind_of_visitor(client):
    html = client.get("/").content.decode()
    for url in ("/families/", "/clinicians/", "/researchers/", "/evidence/"):
        assert f'href="{url}"' in html


@pytest.mark.django_db
def test_home_page_is_honest_that_fast_feed_advancement_shows_no_clear_effect(client):
    html = client.get("/").content.decode()
    assert "no clear effect" in html


@pytest.mark.django_db
def test_every_page_has_a_skip_link_to_main_content_and_a_language(client):
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_static_assets_are_served_locally_never_from_a_cdn(client):
    html = client.get("/").content.decode()
    assert "/static/portal/css/site.css" in html
    assert "/static/portal/js/site.js" in html
    assert "https://" not in html.split("</head>")[0]


@pytest.mark.django_db
def test_unverified_member_sees_a_prompt_to_confirm_their_address(client, unverified):
    client.force_login(unverified)
    html = client.get("/").content.decode()
    assert "Please confirm your e-mail address" in html


@pytest.mark.django_db
def test_signed_in_member_is_shown_by_display_name_never_by_email(client, family):
    client.force_login(family)
    html = client.get("/").content.decode()
    assert family.display_name in html
    assert family.email not in html
