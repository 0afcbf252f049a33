"""Atom feeds, sitemap.xml and robots.txt: what they say, and only public items."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from priorities import services
from priorities.models import Status
from tests.priorities.factories import PriorityFactory
from tests.research.factories import RecommendationFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def atom(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    return response.content.decode(), ET.fromstring(response.content)


def entries(feed):
    return [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]


@pytest.fixture
def mixed_priorities(topic, family):
    return {
        "published": PriorityFactory(
            topic=topic,
            status=Status.PUBLISHED,
            title="Public question one?",
            author=family,
        ),
        "answered": PriorityFactory(
            topic=topic, status=Status.ANSWERED, title="Answered question two?"
        ),
        "pending": PriorityFactory(
            topic=topic, status=Status.PENDING, title="Pending question PENDINGX?"
        ),
        "declined": PriorityFactory(
            topic=topic, status=Status.DECLINED, title="Declined question DECLINEDX?"
        ),
        "hidden": PriorityFactory(
            topic=topic,
            status=Status.PUBLISHED,
            title="Hidden question HIDDENX?",
            is_hidden=True,
        ),
    }


def test_new_priorities_feed_lists_public_priorities_only(client, mixed_priorities):
    text, feed = atom(client, "/priorities/feed/")
    titles = entries(feed)
    assert "Public question one?" in titles
    assert "Answered question two?" in titles
    for secret in ("PENDINGX", "DECLINEDX", "HIDDENX"):
        assert secret not in text
    # Private fields never leave: no author, no e-mail address.
    assert "@" not in text.replace("xmlns", "")
    assert mixed_priorities["published"].author.public_name not in text
    # Links are absolute, on the site's own address (the Site follows SITE_URL).
    link = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.startswith("http") and "/priorities/" in link


def test_status_feed_follows_one_priority(client, moderator, topic):
    priority = PriorityFactory(topic=topic, status=Status.PENDING, title="Lifecycle?")
    services.priority_transition(
        priority=priority, actor=moderator, to_status=Status.PUBLISHED, reason=""
    )
    services.priority_transition(
        priority=priority,
        actor=moderator,
        to_status=Status.SHORTLISTED,
        reason="Chosen for the shortlist.",
    )
    text, feed = atom(client, f"/priorities/{priority.pk}/feed/")
    assert "Lifecycle?" in feed.find(f"{ATOM}title").text
    titles = entries(feed)
    assert titles[0] == "Now: Shortlisted"
    assert "Now: Published" in titles
    assert "Chosen for the shortlist." in text
    assert moderator.email not in text and moderator.public_name not in text
    ids = [e.find(f"{ATOM}id").text for e in feed.findall(f"{ATOM}entry")]
    assert all(i.startswith("urn:nec-portal:status-change:") for i in ids)


@pytest.mark.parametrize("status", [Status.PENDING, Status.DECLINED])
def test_status_feed_of_a_private_priority_is_404(client, topic, status):
    priority = PriorityFactory(topic=topic, status=status)
    assert client.get(f"/priorities/{priority.pk}/feed/").status_code == 404


def test_status_feed_of_a_hidden_or_missing_priority_is_404(client, topic):
    hidden = PriorityFactory(topic=topic, status=Status.PUBLISHED, is_hidden=True)
    assert client.get(f"/priorities/{hidden.pk}/feed/").status_code == 404
    assert client.get("/priorities/999999/feed/").status_code == 404


def test_evidence_feed_lists_published_versions_and_recommendations(
    client, published, draft
):
    RecommendationFactory(title="Published advice RECOK", published_at=timezone.now())
    RecommendationFactory(title="Draft advice RECDRAFT", published_at=None)
    text, feed = atom(client, "/evidence/feed/")
    titles = entries(feed)
    assert "Probiotic drops: evidence summary, version 1" in titles
    assert "Recommendation: Published advice RECOK" in titles
    for secret in ("RECDRAFT", "DRAFTONLY", "Secret draft factor", "SECRETROW"):
        assert secret not in text
    # Editors and reviewers are staff accounts: never named here.
    assert "Edna Editor" not in text and "Rita Reviewer" not in text
    assert "@" not in text.replace("xmlns", "")


def test_sitemap_lists_public_pages_only(client, mixed_priorities, published, draft):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    paths = {"/" + loc.split("/", 3)[3] for loc in locations}
    assert {"/", "/priorities/", "/partners/", "/evidence/", "/faq/"} <= paths
    assert mixed_priorities["published"].get_absolute_url() in paths
    assert mixed_priorities["answered"].get_absolute_url() in paths
    for key in ("pending", "declined", "hidden"):
        assert mixed_priorities[key].get_absolute_url() not in paths
    assert published.factor.get_absolute_url() in paths
    assert draft.factor.get_absolute_url() not in paths
    for private in ("/staff/", "/api/", "/account/", "/moderation/"):
        assert not any(private in p for p in paths), private


def test_robots_disallows_staff_admin_and_api_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    for path in ("/staff/", "/api/", "/account/", "/priorities/moderation/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines  # this site's address
    # Public pages stay open to crawlers.
    assert "Disallow: /" not in lines
    assert "Disallow: /priorities/" not in lines


def test_pages_point_to_the_feeds(client):
    html = client.get("/").content.decode()
    assert 'type="application/atom+xml" href="/priorities/feed/"' in html
    assert 'type="application/atom+xml" href="/evidence/feed/"' in html
