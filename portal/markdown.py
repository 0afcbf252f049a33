"""User-written text: a small Markdown subset rendered to sanitised HTML."""

from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .disable(["image", "heading", "lheading", "table", "hr", "html_block"])
    .disable(["html_inline"])
)


def render_markdown(text: str) -> SafeString:
    """Render untrusted Markdown; raw HTML is shown as text, never executed."""
    return _render(text or "")


# A pure function of the text: each worker keeps recent results instead of parsing
# the same comments and answers on every view (at most ~10 MB of 5,000-character
# texts).
@lru_cache(maxsize=1024)
def _render(text: str) -> SafeString:
    html = _md.render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )
    return mark_safe(clean)
