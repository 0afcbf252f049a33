"""The interactive API docs work under the site's own Content-Security-Policy.

Swagger UI loads everything from the portal's static files: no CSP violation in
the console, no request leaving the site, and the list of operations renders.
"""

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _outside_requests(page, live_server):
    """Every request the page makes to another origin, recorded as it happens."""
    ours = urlsplit(live_server.url).netloc
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if urlsplit(request.url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(request.url).netloc != ours
            else None
        ),
    )
    return outside


def test_swagger_ui_renders_the_operations_with_local_assets_only(
    browser_page, console_errors, live_server
):
    from playwright.sync_api import expect

    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    outside = _outside_requests(page, live_server)
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(
        page.locator(".opblock-summary-path", has_text="/api/v1/priorities/").first
    ).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert console_errors == []
    assert outside == []


def test_old_redoc_address_leads_to_the_working_docs(browser_page, live_server):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(f"{live_server.url}/api/v1/redoc/")
    expect(page).to_have_url(f"{live_server.url}/api/v1/docs/")
