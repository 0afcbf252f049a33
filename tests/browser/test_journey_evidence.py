"""Journey 2: a clinician searches the evidence for probiotics, reads the findings
with their certainty and the chart's text equivalent, and prints a recommendation.
Keyboard only from the home page to the search results. Runs in English and in
Spanish (conftest.VARIANTS)."""

import pytest

from tests.browser import journey_data
from tests.browser.conftest import VARIANTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# templates/research/includes/forest_plot.html: the caption's msgid (blocktranslate
# doubles its "%", which `% {}` turns back into one).
PLOT_CAPTION = (
    "Dots are estimates; lines are 95%% confidence intervals. The dashed line marks"
    " no difference; “lower” and “higher” refer to the first option named in each"
    " comparison. The table gives the same figures in words."
)


@pytest.mark.parametrize(("lang", "width"), VARIANTS)
def test_clinician_reads_probiotic_evidence_and_prints_advice(journey, lang, width):
    from playwright.sync_api import expect

    data = journey_data.evidence()
    j = journey("evidence", width, lang)
    page, t = j.page, j.t
    j.goto("/")
    j.step("home")

    # Keyboard only: header link, search field, Enter.
    if j.phone:
        j.tab_to(t("Menu"))
        page.keyboard.press("Enter")
    j.tab_to(t("Evidence"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t("What changes the risk of NEC")
    )
    j.step("evidence index")
    j.tab_to(t("Search summaries, findings and sources"))
    page.keyboard.type("probiotics")
    page.keyboard.press("Enter")
    page.wait_for_url("**/evidence/?*")
    results = page.locator("main")
    expect(results.get_by_role("link", name="Probiotics", exact=True)).to_be_visible()
    expect(results.get_by_role("link", name="Exclusive human-milk diet")).to_have_count(
        0
    )
    j.step("search results")

    results.get_by_role("link", name="Probiotics", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Probiotics")
    table = page.locator("table.findings-table").first
    expect(table).to_contain_text("Probiotics vs placebo")
    expect(table.locator(".cell-certainty").first).to_have_text(t("Low"))
    expect(table).to_contain_text(t("Very low"))
    # The chart's text equivalent: the same figures in a table, named by its caption.
    expect(page.locator("figure figcaption").first).to_have_text(t(PLOT_CAPTION) % {})
    j.step("findings and certainty")

    j.goto(data["rec"].get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("probiotic policy")
    j.step("recommendation")
    page.get_by_role("link", name=t("One-page version to print")).click()
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_contain_text("probiotic policy")
    # Printed, the page is the recommendation alone: no site menu, no footer.
    expect(page.locator(".site-footer")).to_be_hidden()
    j.step("printable page")
    page.emulate_media(media="screen")
