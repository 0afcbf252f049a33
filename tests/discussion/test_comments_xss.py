"""Comment text is untrusted: every payload below must come out inert."""

import re
from html.parser import HTMLParser

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory

from discussion.comments import comment_create
from tests.discussion.factories import (
    PriorityFactory,
)

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<a href="#" onclick="alert(1)">click</a>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div style="position:fixed;top:0">overlay</div>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript&#x3A;alert(1))",
    "[x]( javascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x](VBScript:msgbox(1))",
    '<a href="javascript:alert(1)">raw link</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab link</a>',
    "![img](javascript:alert(1))",
    '![img](x" onerror="alert(1))',
    "<math><mi xlink:href='javascript:alert(1)'>m</mi></math>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<body onload=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '"><script>alert(1)</script>',
    "`<script>alert(1)</script>`",
    "<<script>script>alert(1)<</script>/script>",
    '[link](https://example.org "title" onmouseover=alert(1))',
]

ALLOWED_TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol"}
ALLOWED_TAGS |= {"li", "a"}
SAFE_SCHEMES = ("http://", "https://", "mailto:")


class _Inspector(HTMLParser):
    """Collects every element and attribute a browser would build from the HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name not in {"href", "title", "rel"} or (tag != "a"):
                self.problems.append(f"attribute {name} on <{tag}>")
            if name == "href":
                # Browsers ignore whitespace and control characters in the scheme.
                cleaned = re.sub(r"[\x00-\x20]", "", value or "").lower()
                if ":" in cleaned.split("/")[0] and not cleaned.startswith(
                    SAFE_SCHEMES
                ):
                    self.problems.append(f"href {value!r}")


def problems_in(html: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


def _render_section(priority, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load discussion %}{% discussion_section priority %}")
    return template.render(RequestContext(request, {"priority": priority}))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_rendered_inert(family, payload):
    priority = PriorityFactory()
    comment_create(author=family, priority=priority, body=payload)
    html = _render_section(priority, family)
    body = html.split('class="comment-body">', 1)[1].split("</div>", 1)[0]
    assert problems_in(body) == [], body


def test_links_get_nofollow_ugc_noopener(family):
    priority = PriorityFactory()
    comment_create(
        author=family, priority=priority, body="See [the trial](https://example.org/t)"
    )
    html = _render_section(priority, family)
    assert '<a href="https://example.org/t" rel="nofollow ugc noopener">' in html


def test_allowed_markdown_still_works(family):
    priority = PriorityFactory()
    comment_create(
        author=family, priority=priority, body="**bold** and *soft*\n\n- one\n- two"
    )
    html = _render_section(priority, family)
    assert "<strong>bold</strong>" in html
    assert "<em>soft</em>" in html
    assert "<li>one</li>" in html


def test_the_api_body_html_is_sanitised_too(api_client, family):
    priority = PriorityFactory()
    comment_create(
        author=family,
        priority=priority,
        body='<img src=x onerror="alert(1)">[x](javascript:alert(1))',
    )
    data = api_client.get(f"/api/v1/comments/?priority={priority.pk}").json()
    assert problems_in(data["results"][0]["body_html"]) == []


def test_the_inspector_catches_what_it_should():
    # Guard against a test that cannot fail.
    assert problems_in('<a href="JaVa&#x09;script:alert(1)">x</a>')
    assert problems_in('<img src=x onerror="alert(1)">')
    assert problems_in('<p style="color:red">x</p>')
    assert problems_in("<script>alert(1)</script>")
    assert not problems_in('<p>&lt;script&gt; <a href="https://a.org">a</a></p>')
