"""Find visible text in templates that is not marked for translation.

Everything a reader sees must sit inside {% translate %} / {% blocktranslate %}.
The scan drops comments, translation blocks, template tags and variables,
<script>/<style> bodies and HTML tags, then reports any word left over, and
also reads the attributes a reader or a screen reader meets (alt, title,
placeholder, aria-label, content of a meta description).

ALLOWED lists the words that are the same in every language: names, acronyms
and units. Keep it short; a sentence never belongs here.
"""

import re
from pathlib import Path

ALLOWED = {
    # names and acronyms that stay as they are in Spanish
    "NEC",
    "NICU",
    "API",
    "ORCID",
    "DOI",
    "PMID",
    "GRADE",
    "CSV",
    "JSON",
    "SVG",
    "OpenAPI",
    "REST",
    "ID",
    "iD",
    "CI",
    "OR",
    "RR",
    "HR",
    "RD",
    "MD",
    "PDF",
    "URL",
    "HTML",
    "Swagger",
    "https",
    "http",
    "mailto",
    "FAQ",
    "doi",
}

_DROP = [
    re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S),
    re.compile(r"{#.*?#}", re.S),
    re.compile(r"{%\s*blocktrans(late)?\b.*?{%\s*endblocktrans(late)?\s*%}", re.S),
    re.compile(r"<script\b.*?</script>", re.S | re.I),
    re.compile(r"<style\b.*?</style>", re.S | re.I),
    re.compile(r"<!--.*?-->", re.S),
    # CSS class names, not text
    re.compile(r"{%\s*block body_class\s*%}.*?{%\s*endblock", re.S),
]
_TAG = re.compile(r"{%.*?%}|{{.*?}}", re.S)
_ATTR = re.compile(
    r"""\b(alt|title|placeholder|aria-label|aria-description)\s*=\s*("([^"]*)"|'([^']*)')""",
    re.I,
)
_HTML_TAG = re.compile(r"<[^>]*>", re.S)
_ENTITY = re.compile(r"&#?\w+;")
_WORD = re.compile("[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'\u2019-]+")


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(_ENTITY.sub(" ", text)) if w not in ALLOWED]


def unmarked(source: str) -> list[str]:
    """The phrases of `source` a reader would see untranslated."""
    for pattern in _DROP:
        source = pattern.sub(" ", source)
    found = []
    for match in _ATTR.finditer(source):
        value = match.group(3) if match.group(3) is not None else match.group(4)
        if _words(_TAG.sub(" ", value)):
            found.append(f'{match.group(1)}="{value}"')
    text = _TAG.sub(" ", source)
    text = _HTML_TAG.sub(" ", text)
    for line in text.splitlines():
        if _words(line):
            found.append(line.strip())
    return found


def scan(root: Path) -> dict[str, list[str]]:
    problems = {}
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".html", ".txt") or not path.is_file():
            continue
        found = unmarked(path.read_text(encoding="utf-8"))
        if found:
            problems[str(path.relative_to(root))] = found
    return problems
