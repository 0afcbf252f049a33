"""Journey 1: a parent reads what raises and lowers NEC risk, opens the human-milk
summary, registers, confirms by the e-mail link, supports two priorities, replies
to a comment, follows a priority and sees the notification. Keyboard only from
the home page to the human-milk summary. Runs in English and in Spanish
(conftest.VARIANTS)."""

import re

import pytest
from django.core import mail

from tests.browser import journey_data
from tests.browser.conftest import VARIANTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and unusual passphrase 42"


def register(j, *, email: str, name: str, group_label: str) -> None:
    """Join through the header, confirm by the e-mail link, sign in."""
    from playwright.sync_api import expect

    page, t = j.page, j.t
    j.open_menu()
    page.get_by_role("link", name=t("Join")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Create an account"))
    j.step("sign-up form")
    page.get_by_label(t("Email")).fill(email)
    page.get_by_label(t("Display name")).fill(name)
    page.get_by_label(t(group_label)).check()
    page.get_by_label(t("Password"), exact=False).first.fill(PASSWORD)
    page.get_by_label(t("Password (again)")).fill(PASSWORD)
    page.get_by_role("button", name=t("Create my account")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Check your inbox"))
    j.step("check your inbox")
    sent = [m for m in mail.outbox if email in m.to]
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", sent[-1].body)
    page.goto(link.group(0))
    j.step("confirm address")
    page.get_by_role("button", name=t("Confirm")).click()
    page.goto(j.base + "/account/login/")
    if page.get_by_label(t("Password")).count():
        page.get_by_label(t("Email")).fill(email)
        page.get_by_label(t("Password")).fill(PASSWORD)
        page.get_by_role("button", name=t("Sign in")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your profile"))


@pytest.mark.parametrize(("lang", "width"), VARIANTS)
def test_parent_reads_joins_supports_replies_and_follows(journey, lang, width):
    from playwright.sync_api import expect

    from discussion.comments import comment_create
    from discussion.models import Flag, Notification
    from portal.models import User
    from priorities.models import Vote

    journey_data.evidence()
    first, second, _third = journey_data.priorities(3)
    clinician = journey_data.member(journey_data.G.CLINICIAN, display_name="Dr Ana")
    comment_create(author=clinician, priority=first, body="Donor milk banks differ.")

    j = journey("parent", width, lang)
    page, t = j.page, j.t
    j.goto("/")
    j.step("home")
    expect(page.get_by_role("heading", name=t("What changes the risk"))).to_be_visible()
    expect(page.get_by_text(t("Linked to a lower risk"))).to_be_visible()

    # Keyboard only: skip link, then on to the human-milk summary.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    j.tab_to("Exclusive human-milk diet")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("human-milk")
    j.step("human-milk summary")
    page.get_by_role("link", name=t("For families, in plain words")).click()
    expect(page.get_by_text("Breast milk, or donor milk")).to_be_visible()
    j.step("plain-language summary")

    email = f"parent{width}@example.org"
    register(
        j, email=email, name=f"Sam {width}", group_label="Family (parent or caregiver)"
    )
    parent = User.objects.get(email=email)
    assert parent.email_verified

    # Supports two priorities from the list, in place.
    j.goto("/priorities/")
    j.step("priorities list")
    page.evaluate("window.notReloaded = true")
    for priority in (first, second):
        card = page.locator(f"#priority-{priority.pk}")
        card.get_by_role("button", name=t("Support")).click()
        supported = re.compile(re.escape(t("Supported · withdraw")))
        expect(card.get_by_role("button", name=supported)).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
    j.step("two priorities supported")
    assert Vote.objects.filter(user=parent).count() == 2

    # Replies to a comment on the first priority.
    page.locator(f"#p-{first.pk}-title a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    page.locator("details.reply-box > summary").first.click()
    reply = page.get_by_label(t("Your reply to %(name)s", name="Dr Ana"))
    reply.fill("Ours gave us donor milk for weeks.")
    page.get_by_role("button", name=t("Post reply")).click()
    expect(page.get_by_text("Ours gave us donor milk for weeks.")).to_be_visible()
    j.step("reply posted")

    # Follows the second priority (replying already follows the first), in
    # place; a new comment there brings a notification.
    j.goto(second.get_absolute_url())
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name=t("Follow this priority")).click()
    expect(page.get_by_role("button", name=t("Stop following"))).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
    j.step("following")
    # Reporting opens its small form in place and answers there too.
    page.get_by_role("link", name=t("Report this priority to staff")).click()
    report = page.locator("#priority-report form")
    report.get_by_role("radio").first.check()
    report.get_by_role("button", name=t("Send report")).click()
    reported = t("You reported this priority; staff will review it.")
    expect(page.get_by_text(reported)).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
    j.step("reported in place")
    assert Flag.objects.filter(priority=second, user=parent).exists()
    comment_create(author=clinician, priority=second, body="A new trial starts soon.")
    assert Notification.objects.filter(user=parent, priority=second).exists()
    j.goto("/")
    j.open_menu()
    notifications = re.compile(re.escape(t("Notifications")))
    page.get_by_role("link", name=notifications).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Notifications"))
    expect(page.locator(".notification").first).to_contain_text(second.title[:20])
    j.step("notification")
