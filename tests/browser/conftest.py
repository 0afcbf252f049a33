"""Real-browser journeys: one chromium per module, axe-core on every step.

Each journey runs in English at 1280 px and at a 375 px phone viewport, and in
Spanish at 375 px (`VARIANTS`), in a fresh browser context (cookies, storage)
per run, sharing one chromium per module and the session's live server. A
Spanish run's browser asks for Spanish (`Accept-Language: es-ES`); the journey
finds every label through the project's own catalogue (`Journey.t`), so one
test reads both languages, and each step checks the page is really Spanish
(`<html lang="es">`, address under `/es/`). The Spanish runs are marked
`postgres`, which keeps the SQLite run's browser time as it was.

`Journey.step()` checks the page with axe-core (the
`axe.min.js` that the axe-playwright-python package ships, evaluated in the
page: nothing is loaded from outside and the site's CSP stays as it is) for
WCAG 2.1 A and AA rules, fails on any violation or console error, and saves a
screenshot to var/screens/journeys/ (not committed; README "Browser tests").
"""

import os
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings

from tests.conftest import CHROMIUM, CHROMIUM_ARGS

SCREENS = Path(django_settings.BASE_DIR) / "var" / "screens" / "journeys"
WIDTHS = [1280, 375]
# (language, width) of each run of a journey: English at both widths, Spanish at
# the phone width a family uses, on PostgreSQL only (CI's first run).
VARIANTS = [
    pytest.param("en", 1280, id="en-1280"),
    pytest.param("en", 375, id="en-375"),
    pytest.param("es", 375, id="es-375", marks=pytest.mark.postgres),
]
# The browser locale (Accept-Language) of a run in each language but the default.
BROWSER_LOCALES = {"es": "es-ES"}
# Addresses with no language prefix (portal/urls.py): API, staff admin, switcher,
# static files and the files tools expect at the root.
UNPREFIXED = (
    "/api/",
    "/staff/",
    "/i18n/",
    "/static/",
    "/media/",
    "/health/",
    "/robots.txt",
    "/sitemap.xml",
    "/favicon.ico",
)
# The site's own links and form targets on the page, as paths.
_SITE_LINKS = """() => [...document.querySelectorAll('a[href], form[action]')]
  .map(e => new URL(e.getAttribute(e.tagName === 'A' ? 'href' : 'action'),
                    location.href))
  .filter(u => u.origin === location.origin)
  .map(u => u.pathname)"""
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def t(msgid: str, lang: str, /, **values) -> str:
    """`msgid` as the project's catalogue writes it in `lang` (the msgid itself
    when the entry is missing or empty, as the page would show it), with
    `%(name)s` placeholders filled from `values`."""
    from django.utils import translation

    with translation.override(lang):
        text = translation.gettext(msgid)
    return text % values if values else text


def _axe_source() -> str:
    import axe_playwright_python

    path = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def module_chromium():
    """One headless chromium for every journey of a module (started once)."""
    # Playwright's sync API runs an event loop in this thread, which trips Django's
    # async-safety check on the tests' own ORM calls (never concurrent).
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.db import connections
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    connections.close_all()
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    print(f"\nbrowser module time: {time.monotonic() - started:.1f}s")


class Journey:
    """One visitor's way through the site at one width, step by step."""

    def __init__(
        self,
        browser,
        base_url: str,
        name: str,
        width: int,
        axe: str,
        lang: str = django_settings.LANGUAGE_CODE,
        *,
        javascript: bool = True,
    ):
        self.browser = browser
        self.width = width
        self.lang = lang
        # Without JavaScript the page's own scripts never run; Playwright's
        # evaluate() (axe, the checks below) still works.
        self.context = self.new_context(javascript=javascript)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.javascript = javascript
        self._cdp = None
        if not javascript:
            # axe needs timers, which do not run where scripts are off: it checks
            # a copy of the page's HTML in a page of its own, the site's CSS
            # loaded and every script request refused.
            self._cdp = self.context.new_cdp_session(self.page)
            self._html = ""
            self._mirror_context = browser.new_context(
                viewport={"width": width, "height": 800}
            )
            self._mirror = self._mirror_context.new_page()
            self._mirror.route("**/*", self._mirror_route)
        self.base = base_url
        self.name = name if lang == django_settings.LANGUAGE_CODE else f"{name}-{lang}"
        self.axe = axe
        self.count = 0
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda msg: self.errors.append(msg.text) if msg.type == "error" else None,
        )
        self.outside: list[str] = []
        self.page.on("request", self._watch_request)

    def _watch_request(self, request) -> None:
        url = request.url
        if url.startswith("http") and not url.startswith(self.base):
            self.outside.append(url)

    def new_context(self, *, javascript: bool = True):
        """A fresh browser context at this journey's width, asking for its language."""
        options = {
            "viewport": {"width": self.width, "height": 800},
            "java_script_enabled": javascript,
        }
        if self.lang in BROWSER_LOCALES:
            options["locale"] = BROWSER_LOCALES[self.lang]
        return self.browser.new_context(**options)

    def t(self, msgid: str, **values) -> str:
        """A label or heading as this journey's language shows it."""
        return t(msgid, self.lang, **values)

    @property
    def phone(self) -> bool:
        return self.width < 960

    def goto(self, path: str):
        return self.page.goto(self.base + path if path.startswith("/") else path)

    def _mirror_route(self, route) -> None:
        request = route.request
        if request.resource_type == "script":
            route.abort()
        elif request.is_navigation_request():
            route.fulfill(body=self._html, content_type="text/html; charset=utf-8")
        else:
            route.continue_()

    def evaluate(self, expression: str):
        """The value of a synchronous JavaScript expression in the page.

        Playwright's evaluate() waits for a script context that never comes when
        the page's JavaScript is off; the DevTools protocol still evaluates there,
        without letting the page's own scripts run."""
        if self.javascript:
            return self.page.evaluate(expression)
        answer = self._cdp.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}
        )
        assert "exceptionDetails" not in answer, answer["exceptionDetails"]
        return answer["result"].get("value")

    def _axe_page(self):
        """The page axe checks: this one, or its copy when JavaScript is off."""
        if self.javascript:
            return self.page
        self._html = self.evaluate("document.documentElement.outerHTML")
        self._mirror.goto(self.page.url)
        self._mirror.wait_for_load_state()
        return self._mirror

    def step(self, label: str) -> None:
        """Check the page as it is now: axe, console, requests; save a screenshot."""
        page = self.page
        page.wait_for_load_state()
        self.count += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        SCREENS.mkdir(parents=True, exist_ok=True)
        shot = SCREENS / f"{self.name}-{self.width}-{self.count:02d}-{slug}.png"
        page.screenshot(path=str(shot), full_page=True)
        checked = self._axe_page()
        if not checked.evaluate("() => typeof window.axe !== 'undefined'"):
            checked.evaluate(self.axe)
        result = checked.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            AXE_TAGS,
        )
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
            for v in result["violations"]
        ]
        where = (
            f"{self.name} at {self.width}px, step {self.count} '{label}' ({page.url})"
        )
        assert not problems, f"axe found WCAG 2.1 AA violations on {where}:\n" + (
            "\n".join(problems)
        )
        assert not self.errors, f"console errors on {where}: {self.errors}"
        assert not self.outside, f"requests left the site on {where}: {self.outside}"
        width = self.evaluate("document.documentElement.scrollWidth")
        assert width <= self.width, f"{where} scrolls sideways ({width}px)"
        if self.lang != django_settings.LANGUAGE_CODE:
            shown = page.evaluate("document.documentElement.lang")
            assert shown == self.lang, f"{where} is in {shown!r}, not {self.lang!r}"
            path = urlsplit(page.url).path
            assert path.startswith(f"/{self.lang}/"), f"{where} left /{self.lang}/"
            stray = [
                url
                for url in page.evaluate(_SITE_LINKS)
                if not url.startswith((f"/{self.lang}/", *UNPREFIXED))
            ]
            assert not stray, f"links on {where} drop /{self.lang}/: {stray}"

    def open_menu(self) -> None:
        """On a phone the header's links are behind the menu button."""
        if self.phone:
            menu = self.page.locator("details.site-menu")
            if menu.get_attribute("open") is None:
                self.page.locator("details.site-menu > summary").click()

    def tab_to(self, text: str, *, limit: int = 60) -> None:
        """Press Tab until the focused element's text contains `text`."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            focused = self.page.evaluate(
                "() => { const e = document.activeElement;"
                " const label = e.labels && e.labels.length"
                " ? e.labels[0].innerText : '';"
                " return (e.innerText || label || e.value"
                " || e.getAttribute('aria-label') || '')"
                ".replace(/\\s+/g, ' ').trim(); }"
            )
            if text.lower() in focused.lower():
                return
        raise AssertionError(f"Tab never reached {text!r} on {self.page.url}")

    def close(self) -> None:
        self.context.close()
        if not self.javascript:
            self._mirror_context.close()


@pytest.fixture(scope="module")
def axe_source():
    return _axe_source()


@pytest.fixture
def journey(module_chromium, live_server, axe_source, settings):
    """journey(name, width, lang="en", javascript=True) -> Journey; closed after
    the test."""
    settings.SITE_URL = live_server.url
    opened = []

    def _open(
        name: str, width: int, lang: str = "en", *, javascript: bool = True
    ) -> Journey:
        j = Journey(
            module_chromium,
            live_server.url,
            name,
            width,
            axe_source,
            lang,
            javascript=javascript,
        )
        opened.append(j)
        return j

    yield _open
    for j in opened:
        j.close()
