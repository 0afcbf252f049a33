"""Journey 4: a staff member clears the moderation queue: approves a priority,
merges a duplicate, hides a flagged comment, verifies a researcher; the researcher
then sees the verified badge. Keyboard only from the home page to the queue.

axe checks the portal's own moderation pages; Django's admin (where profiles are
verified) is Django's markup, so there only the visitor-facing result is checked.
Runs in English and in Spanish (conftest.VARIANTS).
"""

import pytest

from tests.browser import journey_data
from tests.browser.conftest import VARIANTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("lang", "width"), VARIANTS)
def test_staff_clear_the_queue_and_verify_a_researcher(
    journey, browser_sign_in, moderator, lang, width
):
    from playwright.sync_api import expect

    from discussion.comments import comment_create
    from discussion.models import FlagReason
    from discussion.moderation import flag_create
    from partners.models import Partner
    from priorities.models import Priority, Status
    from tests.partners.factories import PartnerFactory
    from tests.priorities.factories import PriorityFactory

    original, *_ = journey_data.priorities(2)
    duplicate = PriorityFactory(
        topic=original.topic,
        status=Status.PUBLISHED,
        title="Does donor milk lower NEC in babies born before 28 weeks?",
    )
    pending = PriorityFactory(
        topic=original.topic,
        status=Status.PENDING,
        title="Would a NEC checklist at admission help parents?",
    )
    parent = journey_data.member()
    rude = comment_create(author=parent, priority=original, body="RUDE remark here.")
    for reporter in (journey_data.member(), journey_data.member()):
        flag_create(user=reporter, reason=FlagReason.values[0], comment=rude)
    partner = PartnerFactory(status="pending", display_name=f"Dr Verify {width}")

    j = journey("staff", width, lang)
    page, t = j.page, j.t
    browser_sign_in(page, moderator)
    j.goto("/")
    j.step("home, signed in as staff")

    # Keyboard only: the header's Moderation link.
    if j.phone:
        j.tab_to(t("Menu"))
        page.keyboard.press("Enter")
    j.tab_to(t("Moderation"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Pending priorities"))
    j.step("moderation queue")

    # Approve: the one reason box, then the button.
    item = page.locator("article", has_text=pending.title)
    item.get_by_label(t("Reason")).fill("Clear and new.")
    item.get_by_role("button", name=t("Approve and publish")).click()
    expect(page.get_by_text(t("Nothing waits for review."))).to_be_visible()
    j.step("queue cleared")
    pending.refresh_from_db()
    assert pending.status == Status.PUBLISHED

    # Merge the duplicate into the original.
    page.locator(".moderation-nav").get_by_role(
        "link", name=t("Possible duplicates")
    ).click()
    form = page.locator(f"form[action$='/priorities/{duplicate.pk}/merge/']")
    expect(form).to_be_visible()
    j.step("possible duplicates")
    form.locator("select").select_option(value=str(original.pk))
    form.get_by_label(t("Reason")).fill("Asks the same question.")
    form.get_by_role("button", name=t("Merge")).click()
    expect(page.locator(".messages")).to_be_visible()
    j.step("merged")
    duplicate.refresh_from_db()
    assert duplicate.status == Status.MERGED

    # Hide the flagged comment with a reason.
    nav = page.locator(".moderation-nav")
    nav.get_by_role("link", name=t("Flagged content")).click()
    expect(page.get_by_text("RUDE remark here.")).to_be_visible()
    j.step("flagged content")
    page.get_by_label(t("Reason (shown to the author)")).first.fill("Please be kind.")
    page.get_by_role("button", name=t("Hide")).first.click()
    expect(page.locator(".messages")).to_be_visible()
    j.step("comment hidden")
    rude.refresh_from_db()
    assert rude.is_hidden

    # Verify the researcher's profile in the staff pages (Django admin).
    j.goto("/staff/partners/partner/?status__exact=pending")
    page.locator(f"input[name='_selected_action'][value='{partner.pk}']").check()
    page.locator("select[name='action']").select_option("verify")
    page.locator("button[name='index']").click()
    page.locator("input[type='submit'].default").click()
    partner.refresh_from_db()
    assert partner.status == "verified"

    # The researcher sees the badge on the profile and in the directory.
    researcher = j.new_context()
    try:
        view = researcher.new_page()
        browser_sign_in(view, Partner.objects.get(pk=partner.pk).user)
        view.goto(j.base + partner.get_absolute_url())
        verified_on = t("Verified by staff on %(date)s", date="").strip()
        expect(view.get_by_text(verified_on)).to_be_visible()
        view.goto(j.base + "/partners/")
        card = view.locator(".partner-card", has_text=partner.display_name)
        expect(card.get_by_text(t("Verified"), exact=True)).to_be_visible()
    finally:
        researcher.close()
    j.goto(partner.get_absolute_url())
    j.step("verified profile")
    assert Priority.objects.filter(status=Status.PENDING).count() == 0
