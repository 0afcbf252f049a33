"""A real browser registers, confirms by the e-mail link, signs in, edits the profile.

Runs Debian's chromium (tests/conftest.py) against pytest-django's live server;
the locmem e-mail outbox is shared because the server runs in this process.
"""

import re

import pytest
from django.core import mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and unusual passphrase 42"


def test_register_confirm_sign_in_and_edit_profile(
    browser_page, console_errors, live_server, settings
):
    from playwright.sync_api import expect

    from portal.models import User

    settings.SITE_URL = live_server.url
    page = browser_page
    page.goto(f"{live_server.url}/")
    # At 320 px the header's links are behind the menu button.
    page.locator("summary", has_text="Menu").click()
    page.get_by_role("link", name="Join").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")

    page.get_by_label("Email").fill("parent@example.org")
    page.get_by_label("Display name").fill("Sam (NICU dad)")
    page.get_by_label("Family (parent or caregiver)").check()
    page.get_by_label("Password", exact=False).first.fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()

    # Not signed in: the same "check your inbox" page whatever the address.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    user = User.objects.get(email="parent@example.org")
    assert not user.email_verified

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    assert link.group(0).startswith(live_server.url)

    page.goto(link.group(0))
    page.get_by_role("button", name="Confirm").click()
    user.refresh_from_db()
    assert user.email_verified

    # A fresh sign-in with the new password leads to the profile.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("Email").fill("parent@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    expect(page.get_by_text("Confirmed", exact=True)).to_be_visible()
    expect(page.get_by_text("Please confirm your e-mail address")).to_have_count(0)

    page.get_by_label("Display name").fill("Sam R.")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile was saved.")).to_be_visible()
    user.refresh_from_db()
    assert user.display_name == "Sam R."

    # At 320 px nothing forces sideways scrolling.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320

    # allauth's e-mail page loads its scripts from our own static files.
    page.get_by_role("link", name="Manage your e-mail address").click()
    expect(page.get_by_text("parent@example.org")).to_be_visible()
    assert console_errors == []


@pytest.mark.parametrize("width", [320, 1280])
def test_public_pages_fit_the_screen_and_show_keyboard_focus(
    browser_page, console_errors, live_server, width
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    for path in (
        "/",
        "/faq/",
        "/about/",
        "/contact/",
        "/webinars/",
        "/families/",
        "/account/login/",
        "/account/signup/",
        "/account/password/reset/",
    ):
        page.goto(f"{live_server.url}{path}")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{path} scrolls sideways at {width}px"
        # The first Tab lands on the skip link, which becomes visible and outlined.
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement;"
            " const s = getComputedStyle(e);"
            " const r = e.getBoundingClientRect();"
            " return [e.className, s.outlineStyle, r.top >= 0]; })()"
        )
        assert focused == ["skip-link", "solid", True], (path, focused)
    # No script or style blocked by the Content-Security-Policy, no JS errors.
    assert console_errors == []
