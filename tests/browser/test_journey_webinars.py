"""Journey 5: a visitor subscribes to the webinar series, confirms by the e-mail
link, and unsubscribes in one click. Keyboard only up to the subscribe form.
Runs in English and in Spanish (conftest.VARIANTS)."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import VARIANTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("lang", "width"), VARIANTS)
def test_subscribe_confirm_and_unsubscribe(journey, lang, width):
    from playwright.sync_api import expect

    from portal.models import WebinarSubscriber

    j = journey("webinars", width, lang)
    page, t = j.page, j.t
    address = f"visitor{width}@example.org"
    j.goto("/")
    j.step("home")

    # Keyboard only: from the footer link to the subscribe button.
    j.tab_to(t("Webinar series"))
    page.keyboard.press("Enter")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(t("Quarterly webinar series"))
    j.step("webinar page")
    j.tab_to(t("Your e-mail address"))
    page.keyboard.type(address)
    page.keyboard.press("Enter")
    expect(heading).to_have_text(t("Check your inbox"))
    j.step("check your inbox")

    confirm = [m for m in mail.outbox if address in m.to]
    assert len(confirm) == 1, [m.subject for m in mail.outbox]
    links = re.findall(r"https?://\S+", confirm[0].body)
    confirm_url = next(u for u in links if "/webinars/confirm/" in u)
    unsubscribe_url = next(u for u in links if "/webinars/unsubscribe/" in u)
    assert address not in confirm_url and address not in unsubscribe_url

    page.goto(confirm_url)
    j.step("confirm")
    page.get_by_role("button", name=t("Yes, subscribe me")).click()
    expect(heading).to_have_text(t("You are subscribed"))
    j.step("subscribed")
    assert WebinarSubscriber.objects.get(email=address).confirmed_at is not None

    # One click: the link, then its one button.
    page.goto(unsubscribe_url)
    j.step("unsubscribe")
    page.get_by_role("button", name=t("Unsubscribe")).click()
    expect(heading).to_have_text(t("You are unsubscribed"))
    j.step("unsubscribed")
    subscriber = WebinarSubscriber.objects.filter(email=address).first()
    assert subscriber is None or subscriber.unsubscribed_at is not None
