"""The evidence pages in a real browser: 320 px wide, strict CSP, no page overflow."""

import pytest

from tests.conftest import CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own
    # database calls (setup, flush) are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # The session-wide live server built its middleware before the per-test
    # settings switched the HTTPS redirect off; it serves plain HTTP.
    from django.middleware.security import SecurityMiddleware

    monkeypatch.setattr(SecurityMiddleware, "process_request", lambda self, r: None)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 320, "height": 800})
        page = context.new_page()
        errors = []
        page.on(
            "console", lambda m: errors.append(m.text) if m.type == "error" else None
        )
        page.errors = errors
        yield page
        browser.close()


@pytest.mark.parametrize(
    "path",
    [
        "/evidence/",
        "/evidence/probiotic-drops/",
        "/evidence/probiotic-drops/families/",
    ],
)
def test_evidence_pages_fit_a_320px_phone_without_csp_errors(
    live_server, page, path, settings
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

    page.goto(live_server.url + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"page scrolls sideways: {width}px"
    if "probiotic-drops" in path:
        box = page.locator("svg.forest-svg").bounding_box()
        assert box and box["width"] <= 320 and box["height"] > 50
    assert not [e for e in page.errors if "Content Security Policy" in e]
