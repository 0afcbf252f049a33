"""At 375 px every evidence page fits the screen, and each finding's Certainty
and Source are on screen, not hidden in a sideways scroll."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/evidence/",
    "/evidence/probiotics/",
    "/evidence/recommendations/",
    "/evidence/recommendations/probiotic-policy/print/",
]

CELLS_VISIBLE = """() => [...document.querySelectorAll(
    '.findings-table td.cell-certainty, .findings-table td.cell-source')]
  .map(td => { const r = td.getBoundingClientRect();
               return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth; })"""


@pytest.mark.parametrize("path", PAGES)
def test_evidence_pages_fit_a_375px_phone(live_server, chromium, path):
    from research.seed.loader import load
    from tests.research.factories import EDITOR_PERMS, staff_with

    load(
        author=staff_with(EDITOR_PERMS),
        reviewer=staff_with([*EDITOR_PERMS, "review_evidencesummary"]),
    )
    page = chromium.new_context(viewport={"width": 375, "height": 800}).new_page()
    page.goto(live_server.url + path)
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, f"{path} scrolls sideways at 375 px"
    if path == "/evidence/probiotics/":
        visible = page.evaluate(CELLS_VISIBLE)
        assert visible and all(visible), visible
        assert page.locator("svg.forest-svg tspan").count() >= 3
