"""Journey 3: a researcher registers, creates a partner profile with an ORCID iD
and two DOIs, proposes a priority, sees the similar-priorities hint, and waits
for verification. Keyboard only from the home page to the researchers' page.
Runs in English and in Spanish (conftest.VARIANTS)."""

import pytest

from tests.browser import journey_data
from tests.browser.conftest import VARIANTS
from tests.browser.test_journey_parent import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ORCID = "0000-0002-1825-0097"  # ORCID's own example iD, valid checksum


@pytest.mark.parametrize(("lang", "width"), VARIANTS)
def test_researcher_lists_themself_and_proposes_a_priority(journey, lang, width):
    from playwright.sync_api import expect

    from partners.models import Partner
    from portal.models import User
    from priorities.models import Priority, Status
    from tests.partners.factories import InstitutionFactory

    journey_data.priorities(3)
    institution = InstitutionFactory(name="Amstel Neonatal Centre", country="NL")

    j = journey("researcher", width, lang)
    page, t = j.page, j.t
    j.goto("/")
    j.step("home")
    # Keyboard only: the researchers' card on the home page.
    j.tab_to(t("I'm a researcher"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("For researchers"))
    j.step("for researchers")

    email = f"researcher{width}@example.org"
    register(j, email=email, name=f"Dr Lee {width}", group_label="Researcher")
    member = User.objects.get(email=email)

    # The partner profile: ORCID iD and two DOIs.
    j.goto("/partners/me/edit/")
    j.step("partner form")
    page.fill("#id_display_name", f"Dr Lee {width}")
    page.fill("#id_institution_search", "amstel")
    expect(page.locator("#id_institution option")).to_have_count(2)
    page.select_option("#id_institution", value=str(institution.pk))
    page.get_by_label(t("ORCID iD")).fill(ORCID)
    page.get_by_label(t("Selected publications")).fill(
        "10.1000/nec.2024.001 Donor milk and NEC\n10.1000/nec.2025.017"
    )
    page.get_by_role("button", name=t("Submit for verification")).click()
    page.wait_for_url("**/partners/me/")
    waiting = t(
        "Staff will check your profile soon; you will hear from us by e-mail."
        " It is not listed meanwhile."
    )
    expect(page.get_by_text(waiting)).to_be_visible()
    j.step("waiting for verification")
    partner = Partner.objects.get(user=member)
    assert partner.status == "pending"
    assert partner.orcid == ORCID
    assert sorted(p.identifier for p in partner.publications.all()) == [
        "10.1000/nec.2024.001",
        "10.1000/nec.2025.017",
    ]
    # Not listed until staff verify it.
    j.goto("/partners/")
    expect(
        page.locator("main").get_by_role("link", name=f"Dr Lee {width}")
    ).to_have_count(0)

    # Proposes a priority; a similar one shows while typing.
    j.goto("/priorities/propose/")
    title = page.get_by_label(t("Your research question"))
    title.press_sequentially("Does donor milk lower NEC in small babies?", delay=10)
    expect(page.get_by_text(t("These priorities look similar."))).to_be_visible()
    expect(page.locator("#similar-priorities")).to_contain_text("donor milk")
    j.step("similar priorities hint")
    page.get_by_label(t("Why it matters")).fill(
        "Donor milk supply varies; we need to know who gains most from it."
    )
    page.get_by_label(t("Topic")).select_option(label="Feeding")
    page.get_by_role("button", name=t("Propose this priority")).click()
    # The first send shows the similar priorities again and asks to confirm.
    checkbox = page.get_by_label(
        t("I have looked at the similar priorities and mine asks something else")
    )
    expect(checkbox).to_be_visible()
    j.step("confirm it asks something else")
    checkbox.check()
    page.get_by_role("button", name=t("Propose this priority")).click()
    page.wait_for_url("**/priorities/*/")
    proposed = Priority.objects.filter(author=member).first()
    assert proposed is not None and proposed.status == Status.PENDING
    j.step("proposal sent")
