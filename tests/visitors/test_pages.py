"""What every visitor gets from the main pages: small pages, local assets, a
favicon, Open Graph tags and a description of their own, a vote that returns to
its card without JavaScript, one current item in the header, one reason box per
moderation item."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

from priorities.models import Status
from tests.priorities.factories import PriorityFactory

pytestmark = pytest.mark.django_db

HTML_BUDGET = 60 * 1024
ASSET_BUDGET = 100 * 1024


class Assets(HTMLParser):
    """The stylesheets and scripts a page loads, and its meta tags."""

    def __init__(self):
        super().__init__()
        self.assets: list[str] = []
        self.meta: dict[str, str] = {}
        self.current = 0
        self.in_header = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet":
            self.assets.append(a["href"])
        if tag == "script" and a.get("src"):
            self.assets.append(a["src"])
        if tag == "meta" and a.get("content") is not None:
            self.meta[a.get("name") or a.get("property") or ""] = a["content"]
        if tag == "header":
            self.in_header = True
        if self.in_header and a.get("aria-current") == "page":
            self.current += 1

    def handle_endtag(self, tag):
        if tag == "header":
            self.in_header = False


def parse(html: str) -> Assets:
    found = Assets()
    found.feed(html)
    return found


def asset_bytes(url: str) -> int:
    assert url.startswith("/static/"), f"{url} is not served by this site"
    path = finders.find(url.removeprefix("/static/"))
    assert path, url
    with open(path, "rb") as fh:
        return len(fh.read())


@pytest.fixture
def main_pages(topic, published):
    priority = PriorityFactory(topic=topic, status=Status.PUBLISHED)
    factor = published.factor
    return [
        "/",
        "/priorities/",
        priority.get_absolute_url(),
        "/partners/",
        "/evidence/",
        factor.get_absolute_url(),
        "/faq/",
        "/webinars/",
        "/families/",
    ]


def test_main_pages_keep_to_the_budgets(client, client_for, main_pages, family):
    for who in ("anonymous", "member"):
        if who == "member":
            client = client_for(family)
        for url in main_pages:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert len(response.content) < HTML_BUDGET, (url, len(response.content))
            found = parse(html)
            total = sum(asset_bytes(a) for a in found.assets)
            assert total < ASSET_BUDGET, (url, found.assets, total)
            # No request leaves the site: every asset is ours, no CDN, no fonts.
            # Language alternates name this page's own absolute address; they are
            # links for search engines, not requests the browser makes.
            head = re.sub(
                r'<link rel="alternate" hreflang="[^"]+" href="[^"]+">',
                "",
                html.split("</head>")[0],
            )
            assert not re.search(r'(src|href)="(https?:)?//', head), url
            assert "htmx" not in " ".join(found.assets)


def test_no_inline_script_and_a_strict_policy(client):
    response = client.get("/priorities/")
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    policy = response["Content-Security-Policy"]
    script_src = [p for p in policy.split(";") if "script-src" in p]
    assert script_src and "unsafe-inline" not in script_src[0]


def test_favicon_is_served_from_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.getvalue()[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_main_pages_have_their_own_description_and_open_graph(client, main_pages):
    descriptions = {}
    for url in main_pages:
        meta = parse(client.get(url).content.decode()).meta
        for key in ("description", "og:title", "og:description", "og:url", "og:type"):
            assert meta.get(key), (url, key)
        assert meta["og:description"] == meta["description"]
        assert meta["og:url"].endswith(url)
        descriptions[url] = meta["description"]
    # Each main page says what it is about (the partner directory had its own).
    assert len(set(descriptions.values())) == len(descriptions), descriptions


def test_priority_page_describes_the_priority(client, topic):
    priority = PriorityFactory(
        topic=topic,
        status=Status.PUBLISHED,
        title="Does donor milk lower NEC?",
        description="Families want to know whether donor milk helps.",
    )
    meta = parse(client.get(priority.get_absolute_url()).content.decode()).meta
    assert meta["og:title"] == "Does donor milk lower NEC?"
    assert "donor milk helps" in meta["description"]


def test_vote_without_javascript_returns_to_its_card(client_for, family, topic):
    priority = PriorityFactory(topic=topic, status=Status.PUBLISHED)
    client = client_for(family)
    html = client.get("/priorities/?sort=newest").content.decode()
    assert f'id="priority-{priority.pk}"' in html
    assert f'value="/priorities/?sort=newest#priority-{priority.pk}"' in html
    response = client.post(
        f"/priorities/{priority.pk}/vote/",
        {
            "action": "support",
            "next": f"/priorities/?sort=newest#priority-{priority.pk}",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/priorities/?sort=newest#priority-{priority.pk}"


def test_vote_ignores_a_next_that_leaves_the_site(client_for, family, topic):
    priority = PriorityFactory(topic=topic, status=Status.PUBLISHED)
    response = client_for(family).post(
        f"/priorities/{priority.pk}/vote/",
        {"action": "support", "next": f"https://evil.example/#priority-{priority.pk}"},
    )
    assert response["Location"] == priority.get_absolute_url()


def test_card_states_the_supporter_total_once(client, topic):
    PriorityFactory(topic=topic, status=Status.PUBLISHED)
    html = client.get("/priorities/").content.decode()
    card = html.split('class="card priority-card')[1].split("</article>")[0]
    assert len(re.findall(r"supporters?\b", card)) == 1


def test_staff_header_marks_one_current_item(client_for, moderator):
    client = client_for(moderator)
    for url in ("/priorities/moderation/", "/priorities/moderation/flags/"):
        assert parse(client.get(url).content.decode()).current == 1, url
    assert parse(client.get("/priorities/").content.decode()).current == 1


def test_moderation_pages_share_one_sub_menu(client_for, moderator):
    client = client_for(moderator)
    navs = set()
    for url in (
        "/priorities/moderation/",
        "/priorities/moderation/duplicates/",
        "/priorities/moderation/flags/",
        "/priorities/moderation/audit/",
    ):
        html = client.get(url).content.decode()
        nav = re.search(r'<nav class="moderation-nav".*?</nav>', html, re.S).group(0)
        navs.add(re.sub(r'\s*aria-current="page"', "", nav))
        # Its style lives in the site's stylesheet, loaded on every page.
        assert "/static/portal/css/site.css" in html
    assert len(navs) == 1


def test_moderation_item_has_one_reason_box(client_for, moderator, topic):
    pending = PriorityFactory(topic=topic, status=Status.PENDING)
    client = client_for(moderator)
    html = client.get("/priorities/moderation/").content.decode()
    item = html.split(f'id="m-{pending.pk}"')[1].split("</article>")[0]
    assert item.count("<textarea") == 1
    assert item.count('name="to_status"') == 4
    # The one box's reason goes with whichever button is pressed.
    response = client.post(
        f"/priorities/{pending.pk}/status/",
        {
            "to_status": "declined",
            "reason": "Out of scope.",
            "next": "/priorities/moderation/",
        },
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.DECLINED
    assert pending.status_changes.last().reason == "Out of scope."


def test_header_menu_folds_without_javascript(client):
    html = client.get("/").content.decode()
    header = html.split("<header")[1].split("</header>")[0]
    assert '<details class="site-menu">' in header
    assert "<summary>" in header and "Menu" in header
