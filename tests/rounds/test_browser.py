"""The ranking list in a real browser, with the keyboard only; and without
JavaScript, the numbered selects alone."""

import pytest

from rounds.models import Ballot

from .factories import ranking_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _saved(round_, member):
    ballot = Ballot.objects.get(round=round_, member=member)
    return list(ballot.choices.order_by("rank").values_list("question_id", flat=True))


def test_a_member_orders_questions_with_the_keyboard(
    browser_page, browser_sign_in, console_errors, live_server, family
):
    from playwright.sync_api import expect

    round_, qs = ranking_round(4)
    page = browser_sign_in(browser_page, family)
    page.goto(f"{live_server.url}/rounds/{round_.slug}/ballot/")
    expect(page.locator("#ballot-selects")).to_be_hidden()
    add = page.get_by_role("button", name=f"Add: {qs[1].text}")
    add.focus()
    page.keyboard.press("Enter")
    # Focus moves to the question's Remove button in the list.
    expect(page.get_by_role("button", name=f"Remove: {qs[1].text}")).to_be_focused()
    page.get_by_role("button", name=f"Add: {qs[3].text}").focus()
    page.keyboard.press("Enter")
    up = page.get_by_role("button", name=f"Move up: {qs[3].text}")
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#ballot-status")).to_contain_text("Now number 1")
    page.get_by_role("button", name="Save my ranking").click()
    expect(page.get_by_text("Your ranking is saved")).to_be_visible()
    assert _saved(round_, family) == [qs[3].pk, qs[1].pk]
    assert console_errors == []


def test_without_javascript_the_numbered_selects_work(
    chromium, browser_sign_in, live_server, family
):
    from playwright.sync_api import expect

    round_, qs = ranking_round(3)
    context = chromium.new_context(java_script_enabled=False)
    page = browser_sign_in(context.new_page(), family)
    page.goto(f"{live_server.url}/rounds/{round_.slug}/ballot/")
    page.get_by_label("Choice 1").select_option(str(qs[2].pk))
    page.get_by_label("Choice 2").select_option(str(qs[0].pk))
    page.get_by_role("button", name="Save my ranking").click()
    expect(page.get_by_text("Your ranking is saved")).to_be_visible()
    assert _saved(round_, family) == [qs[2].pk, qs[0].pk]
    context.close()
