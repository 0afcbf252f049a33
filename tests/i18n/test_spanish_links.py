"""A Spanish page links to Spanish pages: no link drops the /es/ prefix, which
would send a visitor whose browser prefers English back to English."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

# Addresses that have no language prefix (portal/urls.py).
UNPREFIXED = ("/api/", "/staff/", "/i18n/", "/static/", "/media/", "/health/")
LINK = re.compile(r'(?:href|action)="(/[^"#?]*)')


def stray_links(html: str) -> list[str]:
    return [
        path
        for path in LINK.findall(html)
        if not path.startswith(("/es/", *UNPREFIXED)) and not path.startswith("//")
    ]


@pytest.mark.parametrize(
    "path", ["/es/", "/es/families/", "/es/clinicians/", "/es/researchers/"]
)
def test_a_spanish_page_for_visitors_keeps_every_link_in_spanish(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert stray_links(response.text) == []


def test_the_spanish_moderation_pages_keep_their_links_in_spanish(client, moderator):
    client.force_login(moderator)
    for path in (
        "/es/priorities/moderation/",
        "/es/priorities/moderation/duplicates/",
        "/es/priorities/moderation/flags/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert stray_links(response.text) == [], path
        assert f'href="{path}" aria-current="page"' in response.text


def test_no_template_writes_a_page_address_by_hand():
    """Page links come from {% url %} (or get_absolute_url), which adds the
    prefix of the page's language; a written-out "/priorities/" does not."""
    found = []
    for template in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        for number, line in enumerate(template.read_text().splitlines(), 1):
            found += [
                f"{template.name}:{number}: {path}"
                for path in LINK.findall(line)
                if not path.startswith(UNPREFIXED)
            ]
    assert found == []


@pytest.mark.parametrize(
    "path, link", [("/faq/", "/faq/"), ("/priorities/", "/priorities/")]
)
def test_the_header_marks_the_current_page_in_either_language(client, path, link):
    for prefix in ("", "/es"):
        html = client.get(prefix + path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        current = re.findall(r'<a href="([^"]+)" aria-current="page"', html)
        assert current == [prefix + link], (prefix, current)
