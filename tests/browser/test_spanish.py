"""A browser set to Spanish lands on Spanish pages, and the switcher brings it
back to the same page in English."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def spanish_page(chromium):
    """A page in a browser whose language is Spanish (Accept-Language: es-ES)."""
    context = chromium.new_context(
        locale="es-ES", viewport={"width": 320, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page, errors
    context.close()


def test_a_spanish_browser_reads_spanish_and_can_switch_to_english(
    spanish_page, live_server
):
    from playwright.sync_api import expect

    page, errors = spanish_page
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Juntos decidimos qué investigación sobre la ECN importa más"
    )

    # An English address opened later still lands in Spanish.
    page.goto(f"{live_server.url}/faq/")
    expect(page).to_have_url(f"{live_server.url}/es/faq/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Preguntas frecuentes")

    # The switcher: the same page, in English, and the choice is remembered.
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/faq/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Frequently asked questions"
    )
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("button", name="Español")).to_be_visible()
    assert errors == []
