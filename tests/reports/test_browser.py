"""The reports page on a 375 px phone, and printed as the board pack."""

import pytest

from .factories import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATH = "/reports/?from=2026-01-01&to=2026-03-31"


@pytest.fixture
def page(live_server, chromium, browser_sign_in):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    build_world()
    reader = UserFactory(is_staff=True, display_name="Reader")
    reader.user_permissions.add(Permission.objects.get(codename="view_reports"))
    page = chromium.new_context(viewport={"width": 375, "height": 800}).new_page()
    browser_sign_in(page, reader)
    page.goto(live_server.url + PATH)
    return page


def test_the_reports_page_fits_a_375px_phone(page):
    assert page.locator("h1").inner_text() == "Reports"
    assert page.locator("svg.report-chart").count() >= 5
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, "the reports page scrolls sideways at 375 px"


def test_the_board_pack_prints_on_one_page(page):
    page.emulate_media(media="print")
    assert page.locator("svg.report-chart").first.is_hidden()
    assert page.locator(".site-header").is_hidden()
    assert pages_in(page.pdf(format="A4")) == 1


def pages_in(pdf: bytes) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
