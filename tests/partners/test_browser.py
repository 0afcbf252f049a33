"""The profile form's institution type-ahead in a real browser (Chromium)."""

import pytest

from partners.models import Partner

from .factories import InstitutionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_type_ahead_narrows_the_list_and_the_profile_is_saved(
    browser_page, browser_sign_in, live_server, researcher
):
    from playwright.sync_api import expect

    wanted = InstitutionFactory(name="Amstel Neonatal Centre", country="NL")
    for n in range(30):
        InstitutionFactory(name=f"Other Hospital {n}")
    page = browser_sign_in(browser_page, researcher)
    page.goto(f"{live_server.url}/partners/me/edit/")
    page.fill("#id_display_name", "Dr Browser Test")
    page.fill("#id_institution_search", "amstel")
    # The placeholder and the one match.
    expect(page.locator("#id_institution option")).to_have_count(2)
    assert page.input_value("#id_institution") == str(wanted.pk)
    page.get_by_role("button", name="Submit for verification").click()
    page.wait_for_url("**/partners/me/")
    assert Partner.objects.get(user=researcher).institution == wanted
