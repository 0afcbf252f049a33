"""The evidence pages in a real browser: 320 px wide, strict CSP, no page overflow."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "path",
    [
        "/evidence/",
        "/evidence/probiotic-drops/",
        "/evidence/probiotic-drops/families/",
    ],
)
def test_evidence_pages_fit_a_320px_phone_without_csp_errors(
    live_server, browser_page, console_errors, path, settings
):
    from research import services
    from tests.research.factories import (
        EDITOR_PERMS,
        FindingFactory,
        SummaryFactory,
        staff_with,
    )

    settings.DEBUG = False
    author = staff_with(EDITOR_PERMS)
    reviewer = staff_with([*EDITOR_PERMS, "review_evidencesummary"])
    summary = SummaryFactory(factor__slug="probiotic-drops")
    FindingFactory(summary=summary, estimate="0.54", ci_low="0.45", ci_high="0.65")
    FindingFactory(summary=summary, estimate="2.72", ci_low="1.65", ci_high="4.47")
    services.summary_submit_for_review(by=author, summary=summary, reviewer=reviewer)
    services.summary_publish(by=reviewer, summary=summary)

    page = browser_page
    page.goto(live_server.url + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"page scrolls sideways: {width}px"
    if "probiotic-drops" in path:
        box = page.locator("svg.forest-svg").bounding_box()
        assert box and box["width"] <= 320 and box["height"] > 50
    assert not [e for e in console_errors if "Content Security Policy" in e]
