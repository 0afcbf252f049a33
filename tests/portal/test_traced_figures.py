"""Every figure on a public page is traced to a verified row of the evidence table.

The pages are found, not listed by hand: every route of the URL conf without
parameters, and the published objects of the demo data for the routes that take
one, so a new page is checked as soon as it exists. In each page's `<main>`, a
figure (a percentage, a ratio or effect estimate, a rate, a count of infants,
deaths, trials or studies) must be one of the figures of a verified row of
research/seed/findings.json: estimates and CIs, counts of studies and
participants, and the numbers inside the row's verified words (its outcome,
comparison, measure, certainty and quote). A few things that look like figures
are not claims; they are in NOT_CLAIMS below, each with the reason.
"""

import json
import re
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)

import research

SEED_FILE = Path(research.__file__).parent / "seed" / "findings.json"

# Pages that are not the organisation's own words, or not pages at all: the API and
# the staff area; sign-in and account forms; member-written content (priorities,
# comments, partner profiles), whose numbers are votes and tallies.
NOT_CONTENT_PREFIXES = (
    "/api/",
    "/staff/",
    "/evidence/staff/",
    "/account/",
    "/priorities/",
    "/partners/",
    "/health/",
    "/reports/",
    # Rounds: member-written questions, their ranks and scores, and member pages.
    "/rounds/",
)
# Routes with a parameter that are links from e-mails (a signed token), not content.
TOKEN_ROUTES = {"webinar_confirm", "webinar_unsubscribe"}

# Text that looks like a figure but makes no claim. Keep this list short.
NOT_CLAIMS = [
    # The level of every confidence interval, a convention, not a result.
    re.compile(r"\b95\s*%\s*(?=CI\b|confidence interval)", re.I),
    # Identifiers and addresses: DOIs, PMIDs, links.
    re.compile(r"\b10\.\d{4,9}/\S+"),
    re.compile(r"https?://\S+"),
    re.compile(r"\bPMID:?\s*\d+", re.I),
    # Ranges of years ("1979-85", "2010 to 2018") and page ranges in citations.
    re.compile(r"\b(?:19|20)\d\d\s*(?:-|\u2013|to)\s*(?:(?:19|20)?\d\d)\b"),
    re.compile(r"\d+\(\d+\):\d+\s*-\s*\d+"),
    # "Top 10", version numbers.
    re.compile(r"\bTop 10\b", re.I),
    re.compile(r"\bversion \d+(?:\.\d+)*", re.I),
]

NUMBER = r"[\u2212-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
IN_EVERY = re.compile(
    rf"\b({NUMBER})\s+(?:in|out of)\s+(?:every\s+)?({NUMBER})\b", re.I
)
FIGURES = [
    # percentages
    re.compile(rf"({NUMBER})\s*(?:%|percent\b|per cent\b)", re.I),
    # rates: "13.1 per 100,000", "12.3 deaths per 100,000"
    re.compile(rf"({NUMBER})\s+(?:\w+\s+){{0,2}}per\s+({NUMBER})\b", re.I),
    # effect estimates and their intervals: "RR 0.54 (0.45 to 0.65)", "P = .02"
    re.compile(
        rf"\b(?:a?RR|a?OR|HR|RD|MD|ratio|difference|P)\s*[:=<>]?\s*({NUMBER})",
        re.I,
    ),
    re.compile(rf"\(\s*({NUMBER})\s*%?\s*(?:to|\u2013)\s*({NUMBER})\s*%?\s*\)"),
    # any other decimal number is an estimate of some kind
    re.compile(r"(?<![\w.])(\d*\.\d+)(?![\w.])"),
    # plain-language ratios: "1 in 4", "7 in every 100", "70/1394", "3-fold"
    IN_EVERY,
    re.compile(r"\b(\d+)/(\d+)\b"),
    re.compile(rf"\b({NUMBER})\s*(?:-fold|times)\b", re.I),
    # counts of infants, deaths, trials and studies
    re.compile(
        rf"({NUMBER})\s+(?:[a-z-]+\s+){{0,2}}(?:babies|baby|infants?|newborns?|"
        r"neonates?|children|deaths?|died|die|participants|trials?|studies|"
        r"cases|controls)\b",
        re.I,
    ),
]


def _number(text: str) -> Decimal | None:
    text = text.replace(",", "").replace("\u2212", "-").strip()
    if not text or text in {"-", "."}:
        return None
    try:
        return Decimal(text).normalize()
    except InvalidOperation:
        return None


def verified_figures() -> tuple[set[Decimal], list[tuple[Decimal, Decimal]]]:
    """The figures of the verified rows, and the CIs of their percentages."""
    figures: set[Decimal] = set()
    percent_ranges: list[tuple[Decimal, Decimal]] = []
    for row in json.loads(SEED_FILE.read_text(encoding="utf-8")):
        if not row.get("verified"):
            continue
        for key in ("estimate", "ci_low", "ci_high", "studies", "participants"):
            if row.get(key) is not None:
                figures.add(Decimal(str(row[key])).normalize())
        for key in ("comparison", "outcome", "effect_measure", "certainty", "quote"):
            for match in re.findall(NUMBER, row.get(key) or ""):
                if (value := _number(match)) is not None:
                    figures.add(abs(value))
        measure = (row.get("effect_measure") or "").lower()
        if "%" in measure or "incidence" in measure or "mortality" in measure:
            low, high = row.get("ci_low"), row.get("ci_high")
            if low is not None and high is not None:
                percent_ranges.append((Decimal(str(low)), Decimal(str(high))))
    return figures, percent_ranges


def untraced(text: str) -> list[str]:
    """The figures in the text that no verified row gives."""
    figures, percent_ranges = verified_figures()
    for pattern in NOT_CLAIMS:
        text = pattern.sub(" ", text)
    problems = []
    for pattern in FIGURES:
        for match in pattern.finditer(text):
            values = [_number(group) for group in match.groups()]
            values = [v for v in values if v is not None]
            if not values:
                continue
            if pattern is not IN_EVERY and all(abs(v) in figures for v in values):
                continue
            if pattern is IN_EVERY and len(values) == 2 and values[1]:
                # "1 in 4" restates a verified percentage if it lies within its CI.
                share = values[0] / values[1] * 100
                if any(low <= share <= high for low, high in percent_ranges):
                    continue
            problems.append(match.group(0).strip())
    return sorted(set(problems))


BLOCKS = {
    *("p", "li", "td", "th", "tr", "dt", "dd", "div", "section", "br", "summary"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption", "blockquote"),
    *("desc", "title", "text"),
}


class _MainText(HTMLParser):
    """The text inside <main>, without scripts and styles, and without the tick
    labels of a forest plot's axis (a scale, not a result)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.skipping: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append(" ¦ ")  # a figure never runs on into the next block
        if tag == "main":
            self.depth += 1
        elif tag in {"script", "style"} or ("class", "fp-tick") in attrs:
            self.skip += 1
            self.skipping.append(tag)

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.parts.append(" ¦ ")
        if tag == "main":
            self.depth -= 1
        elif self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def main_text(html: str) -> str:
    parser = _MainText()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def _routes(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _routes(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield "/" + prefix + str(entry.pattern), name, entry.pattern


def public_pages() -> tuple[list[str], dict[str, list[str]]]:
    """Every page without a parameter, and for each route with one, the addresses
    of the published demo objects it serves (an empty list: nothing covers it)."""
    static, parametrised = [], {}
    for route, name, pattern in _routes(get_resolver()):
        if route.startswith(NOT_CONTENT_PREFIXES) or "^" in route:
            continue
        if getattr(pattern, "converters", None):
            if name.split(":")[-1] not in TOKEN_ROUTES:
                parametrised[name] = []
        else:
            static.append(route)
    published = []
    for model in apps.get_models():
        manager = model._default_manager
        method = next((m for m in ("published", "public") if hasattr(manager, m)), "")
        if method and hasattr(model, "get_absolute_url"):
            published += [o.get_absolute_url() for o in getattr(manager, method)()]
    # A published object's address, and its other views (family page, print
    # view): every route of the same namespace that takes the same parameters.
    for url in published:
        match = resolve(url.split("#")[0])
        for name in parametrised:
            namespace = name.rpartition(":")[0]
            if namespace != match.namespace:
                continue
            try:
                parametrised[name].append(reverse(name, kwargs=match.kwargs))
            except NoReverseMatch:
                continue
    return sorted(static), parametrised


@pytest.fixture
def demo_site(db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    call_command("seed_demo", stdout=StringIO())


def test_the_figure_finder_catches_the_claims_it_must(db):
    # The sentences the site once carried, and ways of writing figures.
    assert untraced("about 500 babies die of it every year")
    assert untraced("Deaths fell to 8.3 per 100,000 live births.")
    assert untraced("Donor milk cut NEC by 42%.") == ["42%"]
    assert untraced("a 9-fold risk")
    assert untraced("RR 0.61 (0.40 to 0.90)")
    assert untraced("about 1 in 10 babies") != []
    assert untraced("NEC in 125 cases")
    # Verified figures, and their plain restatements, pass.
    assert untraced("RR 0.54 (0.45 to 0.65); 54 trials, 10,604 infants") == []
    assert untraced("about 7 in every 100 got NEC; about 1 in 4 died") == []
    assert untraced("with a 95% confidence interval, reviewed in version 2") == []


def _html_main(client, url: str) -> str | None:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response["Content-Type"]:
        return None
    return main_text(response.content.decode())


def test_every_public_page_is_covered(client, demo_site):
    static, parametrised = public_pages()
    for expected in ("/", "/about/", "/faq/", "/families/", "/evidence/"):
        assert expected in static
    uncovered = [
        name
        for name, urls in parametrised.items()
        if not any(_html_main(client, url) is not None for url in urls)
    ]
    assert not uncovered, f"no published demo object shows: {uncovered}"


def test_every_figure_on_a_public_page_comes_from_a_verified_row(client, demo_site):
    static, parametrised = public_pages()
    problems = {}
    for url in static + sorted({u for urls in parametrised.values() for u in urls}):
        text = _html_main(client, url)
        if text is not None and (found := untraced(text)):
            problems[url] = found
    assert not problems, "\n".join(f"{url}: {found}" for url, found in problems.items())
