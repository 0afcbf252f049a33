"""In a real browser: htmx works under the strict CSP (support in place, similar
priorities while typing), and the vote button still works without JavaScript."""

import pytest

from portal.models import StakeholderGroup as G
from priorities.models import Vote

from .factories import PriorityFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_support_updates_in_place_with_htmx(
    browser_page, browser_sign_in, console_errors, live_server
):
    from tests.factories import UserFactory

    member = UserFactory(stakeholder_group=G.FAMILY)
    priority = PriorityFactory(topic=TopicFactory())
    page = browser_sign_in(browser_page, member)
    page.goto(f"{live_server.url}/priorities/{priority.pk}/")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="Support").click()
    page.get_by_text("your support is counted").wait_for()
    assert page.evaluate("window.notReloaded") is True  # no full page load
    assert page.locator(".chart-text").inner_text().startswith("Families: 1")
    assert Vote.objects.filter(user=member, priority=priority).exists()
    assert not [e for e in console_errors if "Content Security Policy" in e]


def test_similar_priorities_appear_while_typing(
    browser_page, browser_sign_in, console_errors, live_server
):
    from tests.factories import UserFactory

    member = UserFactory(stakeholder_group=G.RESEARCHER)
    PriorityFactory(topic=TopicFactory(), title="Does donor milk fortifier reduce NEC?")
    page = browser_sign_in(browser_page, member)
    page.goto(f"{live_server.url}/priorities/propose/")
    page.get_by_label("Your research question").press_sequentially(
        "donor milk fortifier and NEC", delay=20
    )
    page.get_by_text("These priorities look similar").wait_for()
    assert "Does donor milk fortifier reduce NEC?" in page.content()
    assert not [e for e in console_errors if "Content Security Policy" in e]


def test_support_works_without_javascript(chromium, browser_sign_in, live_server):
    from tests.factories import UserFactory

    member = UserFactory(stakeholder_group=G.CLINICIAN)
    priority = PriorityFactory(topic=TopicFactory())
    context = chromium.new_context(java_script_enabled=False)
    page = browser_sign_in(context.new_page(), member)
    page.set_default_timeout(8000)
    page.goto(f"{live_server.url}/priorities/{priority.pk}/")
    page.get_by_role("button", name="Support").click()
    page.get_by_text("your support is counted").wait_for()
    assert page.url.endswith(f"/priorities/{priority.pk}/")
    context.close()
    assert Vote.objects.filter(user=member, priority=priority).exists()
