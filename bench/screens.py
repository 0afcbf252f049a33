"""Screenshots and layout measurements of the main pages at 1280 and 375 px.

Run against a server with the demo data (`make run`, or `manage.py seed_demo` on any
database), e.g.::

    .venv/bin/python bench/screens.py --base http://127.0.0.1:8000 \
        --out var/screens/after

It saves a full-page PNG per page and width (`<page>-<width>.png`) and one of the
first screen (`<page>-<width>-first-screen.png`, 800 px high), and prints, per
page and width: the header's height, the HTML size, the CSS+JS bytes the page loads,
the main column's width, any request that left the site, the number of "Take
part" headings broken mid-word, and how far down the first card starts. The staff
pages are taken signed in as the demo staff member. var/ is not committed.
"""

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
PUBLIC = [
    ("home", "/"),
    ("priorities", "/priorities/"),
    ("partners", "/partners/"),
    ("priority", None),  # the first priority in the list
]
STAFF = [
    ("moderation", "/priorities/moderation/"),
    ("moderation-flags", "/priorities/moderation/flags/"),
]
WIDTHS = (1280, 375)
STAFF_EMAIL = "staff@demo.nec.invalid"
DEMO_PASSWORD = "nec-demo-2026"

MEASURE = r"""() => {
  const header = document.querySelector('.site-header');
  const main = document.querySelector('main .wrap') || document.querySelector('main');
  const list = document.querySelector(
    '.priority-list > li, .partner-list > li, .partner-cards > li');
  let broken = 0;
  for (const h of document.querySelectorAll('.cards h2, .cards h3')) {
    const range = document.createRange();
    range.selectNodeContents(h);
    const words = h.textContent.trim().split(/\s+/).length;
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    if (lines > words) broken += 1;
  }
  let cssJs = 0;
  for (const e of performance.getEntriesByType('resource')) {
    if (/\.(css|js)(\?|$)/.test(e.name)) cssJs += e.decodedBodySize;
  }
  return {
    css_js_bytes: cssJs,
    header_px: header ? Math.round(header.getBoundingClientRect().height) : null,
    main_px: main ? Math.round(main.getBoundingClientRect().width) : null,
    list_px: list ? Math.round(list.getBoundingClientRect().width) : null,
    broken_headings: broken,
    scroll_width: document.documentElement.scrollWidth,
    first_card_top: (() => {
      const card = document.querySelector('.priority-card, .partner-card');
      return card ? Math.round(card.getBoundingClientRect().top) : null;
    })(),
  };
}"""


def measure(browser, state, base: str, path: str, out: Path, name: str, width: int):
    # A fresh context per page: nothing cached, so every asset is counted.
    context = browser.new_context(storage_state=state)
    page = context.new_page()
    outside = []
    host = urlsplit(base).netloc

    def on_response(response):
        url = urlsplit(response.url)
        if url.scheme in ("http", "https") and url.netloc != host:
            outside.append(response.url)

    page.on("response", on_response)
    page.set_viewport_size({"width": width, "height": 800})
    response = page.goto(base + path)
    page.wait_for_load_state("networkidle")
    html = response.body() if response else b""
    figures = page.evaluate(MEASURE)
    page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
    page.screenshot(path=str(out / f"{name}-{width}-first-screen.png"))
    context.close()
    return {
        "page": name,
        "path": path,
        "width": width,
        "html_bytes": len(html),
        "outside_requests": outside,
        **figures,
    }


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="var/screens/after")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(base + "/priorities/")
        first = page.locator(".priority-title a").first.get_attribute("href")
        for name, path in PUBLIC:
            for width in WIDTHS:
                path = path or first
                rows.append(measure(browser, None, base, path, out, name, width))
        page.goto(base + "/account/login/")
        page.get_by_label("Email").fill(STAFF_EMAIL)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        state = page.context.storage_state()
        for name, path in STAFF:
            for width in WIDTHS:
                rows.append(measure(browser, state, base, path, out, name, width))
        browser.close()
    for row in rows:
        print(json.dumps(row))
    (out / "measurements.json").write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
