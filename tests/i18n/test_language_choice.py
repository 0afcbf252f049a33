"""Which language a visitor gets, the switcher, hreflang and the member's choice."""

import re

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.test import Client

from portal.i18n import BilingualSitemap, language_from_accept_header
from portal.models import User

pytestmark = pytest.mark.django_db
SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9,en;q=0.5"}


def test_english_stays_at_the_unprefixed_address(client):
    response = client.get("/faq/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text


def test_spanish_lives_under_es(client):
    response = client.get("/es/faq/")
    assert response.status_code == 200
    assert '<html lang="es">' in response.text


def test_a_spanish_browser_lands_on_the_spanish_page(client):
    response = client.get("/faq/?category=x", **SPANISH)
    assert response.status_code == 302
    assert response["Location"] == "/es/faq/?category=x"


def test_a_visitor_who_chose_english_is_not_sent_to_spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/faq/", **SPANISH).status_code == 200


def test_a_visitor_who_chose_spanish_follows_an_english_link_to_spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.get("/about/")
    assert response.status_code == 302
    assert response["Location"] == "/es/about/"


def test_a_form_post_to_an_english_page_is_never_redirected(client):
    response = client.post("/contact/", {}, **SPANISH)
    assert response.status_code != 302 or not response["Location"].startswith("/es/")


def test_the_switcher_names_the_same_page_in_the_other_language(client):
    page = client.get("/es/faq/").text
    form = re.search(r'<form class="wrap language-switcher".*?</form>', page, re.S)
    assert form, "the footer carries the switcher"
    assert 'name="next" value="/faq/"' in form.group(0)
    assert 'value="en"' in form.group(0)
    page = client.get("/faq/").text
    assert 'name="next" value="/es/faq/"' in page


def test_switching_sets_the_cookie_and_returns_to_the_same_page(client):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/faq/"}, **SPANISH
    )
    assert response.status_code == 302
    assert response["Location"] == "/faq/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/faq/", **SPANISH).status_code == 200


def test_switching_rejects_a_language_we_do_not_offer(client, user):
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "xx", "next": "/faq/"})
    user.refresh_from_db()
    assert user.language == ""


def test_a_member_choice_is_stored_and_applied_at_the_next_sign_in(user):
    browser = Client()
    browser.force_login(user)
    browser.post("/i18n/setlang/", {"language": "es", "next": "/es/faq/"})
    user.refresh_from_db()
    assert user.language == "es"

    elsewhere = Client()  # another device, no cookie yet
    signed_in = elsewhere.post(
        "/account/login/",
        {"login": user.email, "password": "correct horse battery staple"},
    )
    assert signed_in.status_code == 302
    assert elsewhere.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    response = elsewhere.get("/faq/")
    assert response["Location"] == "/es/faq/"


def test_the_profile_form_saves_the_language(client, user):
    client.force_login(user)
    response = client.post(
        "/account/profile/",
        {
            "display_name": user.display_name,
            "stakeholder_group": user.stakeholder_group,
            "profession": user.profession,
            "language": "es",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/es/account/profile/"
    assert User.objects.get(pk=user.pk).language == "es"


def test_hreflang_alternates_name_both_languages(client):
    page = client.get("/es/evidence/").text
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/evidence/">'
        in page
    )
    assert (
        '<link rel="alternate" hreflang="es" href="http://testserver/es/evidence/">'
        in page
    )
    assert 'hreflang="x-default" href="http://testserver/evidence/"' in page


@pytest.mark.parametrize(
    "header, expected",
    [("es-MX,es;q=0.9", "es"), ("fr,es;q=0.5", "es"), ("de", "en"), ("", "en")],
)
def test_accept_language_picks_the_best_offered_language(header, expected):
    assert language_from_accept_header(header) == expected


def test_the_api_answers_in_the_language_of_accept_language(api_client):
    english = api_client.get("/api/v1/priorities/?page=abc")
    spanish = api_client.get("/api/v1/priorities/?page=abc", HTTP_ACCEPT_LANGUAGE="es")
    assert english.status_code == spanish.status_code
    assert english["Content-Language"] == "en"
    assert spanish["Content-Language"] == "es"


def test_the_api_is_not_prefixed(client):
    assert client.get("/es/api/v1/").status_code == 404


def test_the_bilingual_sitemap_lists_each_page_in_both_languages():
    from django.urls import reverse

    class Pages(BilingualSitemap):
        def items(self):
            return ["faq", "about"]

        def location(self, item):
            return reverse(item)

    urls = Pages().get_urls(site=Site(domain="example.org"), protocol="https")
    locations = sorted(u["location"] for u in urls)
    assert locations == [
        "https://example.org/about/",
        "https://example.org/es/about/",
        "https://example.org/es/faq/",
        "https://example.org/faq/",
    ]
    faq = next(u for u in urls if u["location"] == "https://example.org/es/faq/")
    assert {a["lang_code"] for a in faq["alternates"]} == {"en", "es", "x-default"}
