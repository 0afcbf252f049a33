"""The profile form's institution type-ahead in a real browser (Chromium)."""

import os

import pytest
from django.db import connections

from partners.models import Partner

from .factories import InstitutionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def server(transactional_db, settings):
    """A live server started after the test settings apply.

    pytest-django's session-wide live_server builds its middleware once, with
    production's https redirect on; this one sees SECURE_SSL_REDIRECT off.
    """
    from pytest_django.live_server_helper import LiveServer

    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    live = LiveServer("localhost")
    yield live
    live.stop()


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the test's own ORM calls
    # happen between browser steps, never concurrently.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-features=HttpsUpgrades"],
        )
        yield browser.new_page(viewport={"width": 320, "height": 800})
        # ORM calls made while Playwright's loop runs get their own connection
        # (Django's connections are context-local); close it here, in context.
        connections.close_all()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def test_type_ahead_narrows_the_list_and_the_profile_is_saved(page, server, researcher):
    wanted = InstitutionFactory(name="Amstel Neonatal Centre", country="NL")
    for n in range(30):
        InstitutionFactory(name=f"Other Hospital {n}")
    from django.conf import settings
    from django.test import Client
    from playwright.sync_api import expect

    client = Client()
    client.force_login(researcher)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": server.url}]
    )
    page.goto(f"{server.url}/partners/me/edit/")
    page.fill("#id_display_name", "Dr Browser Test")
    page.fill("#id_institution_search", "amstel")
    # The placeholder and the one match.
    expect(page.locator("#id_institution option")).to_have_count(2)
    assert page.input_value("#id_institution") == str(wanted.pk)
    page.get_by_role("button", name="Submit for verification").click()
    page.wait_for_url("**/partners/me/")
    assert Partner.objects.get(user=researcher).institution == wanted
