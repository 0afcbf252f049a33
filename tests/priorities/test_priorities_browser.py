"""In a real browser: htmx works under the strict CSP (support in place, similar
priorities while typing), and the vote button still works without JavaScript."""

import pytest
from django.db import connections

from portal.models import StakeholderGroup as G
from priorities.models import Vote

from .factories import PriorityFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def server(settings, transactional_db, monkeypatch):
    """A live server started after the test settings apply.

    pytest-django's session-wide live_server loads the middleware once, before
    the per-test settings turn the HTTPS redirect off.
    """
    from pytest_django.live_server_helper import LiveServer

    # Playwright's sync API runs an event loop in this thread; the ORM calls in
    # these tests are ordinary blocking calls made by the test itself.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.ALLOWED_HOSTS = ["localhost"]
    live = LiveServer("localhost")
    yield live
    live.stop()


@pytest.fixture
def browser_page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        context = browser.new_context(java_script_enabled=True)
        yield context
        context.close()
        browser.close()
        # Playwright runs the test in its own context, where Django opened a
        # separate connection: close it, or the test database cannot be dropped.
        connections.close_all()


def _signed_in(context, server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies(
        [{"name": "sessionid", "value": cookie.value, "url": server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(8000)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return page, errors


def test_support_updates_in_place_with_htmx(browser_page, server, client):
    from tests.factories import UserFactory

    member = UserFactory(stakeholder_group=G.FAMILY)
    priority = PriorityFactory(topic=TopicFactory())
    page, errors = _signed_in(browser_page, server, client, member)
    page.goto(f"{server.url}/priorities/{priority.pk}/")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Support").click()
    page.get_by_text("your support is counted").wait_for()
    assert page.evaluate("window.notReloaded") is True  # no full page load
    assert page.locator(".chart-text").inner_text().startswith("Families: 1")
    assert Vote.objects.filter(user=member, priority=priority).exists()
    assert not [e for e in errors if "Content Security Policy" in e]


def test_similar_priorities_appear_while_typing(browser_page, server, client):
    from tests.factories import UserFactory

    member = UserFactory(stakeholder_group=G.RESEARCHER)
    PriorityFactory(topic=TopicFactory(), title="Does donor milk fortifier reduce NEC?")
    page, errors = _signed_in(browser_page, server, client, member)
    page.goto(f"{server.url}/priorities/propose/")
    page.get_by_label("Your research question").press_sequentially(
        "donor milk fortifier and NEC", delay=20
    )
    page.get_by_text("These priorities look similar").wait_for()
    assert "Does donor milk fortifier reduce NEC?" in page.content()
    assert not [e for e in errors if "Content Security Policy" in e]


def test_support_works_without_javascript(server, client):
    from playwright.sync_api import sync_playwright

    from tests.factories import UserFactory

    member = UserFactory(stakeholder_group=G.CLINICIAN)
    priority = PriorityFactory(topic=TopicFactory())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        context = browser.new_context(java_script_enabled=False)
        page, _errors = _signed_in(context, server, client, member)
        page.goto(f"{server.url}/priorities/{priority.pk}/")
        page.get_by_role("button", name="Support").click()
        page.get_by_text("your support is counted").wait_for()
        assert page.url.endswith(f"/priorities/{priority.pk}/")
        context.close()
        browser.close()
        assert Vote.objects.filter(user=member, priority=priority).exists()
        connections.close_all()
