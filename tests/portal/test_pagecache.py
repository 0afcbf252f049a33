"""The shared copy of public pages for visitors (portal/pagecache.py)."""

import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from priorities.models import Status
from tests.factories import UserFactory
from tests.priorities.factories import PriorityFactory, TopicFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


@pytest.fixture(autouse=True)
def _copies_on(settings):
    settings.PAGE_CACHE_SECONDS = 30


@pytest.fixture
def priority(db):
    return PriorityFactory(topic=TopicFactory(), title="Does donor milk prevent NEC?")


def visit(path, **extra):
    """A new visitor: no cookies."""
    return Client().get(path, **extra)


def test_second_visitor_gets_the_copy_without_touching_the_database(
    priority, django_assert_num_queries
):
    first = visit("/priorities/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = visit("/priorities/")
    assert second["X-Page-Cache"] == "hit"
    assert priority.title in second.content.decode()
    # Security headers are part of the copy.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == first["X-Frame-Options"]


def test_each_visitor_gets_their_own_csrf_token_and_can_post_with_it(priority):
    visit("/priorities/")
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/priorities/")
    assert page["X-Page-Cache"] == "hit"
    assert b"\x00" not in page.content
    tokens = set(TOKEN.findall(page.content))
    assert len(tokens) == 1
    first_visitors = set(TOKEN.findall(visit("/priorities/").content))
    assert tokens != first_visitors
    # The language switcher on the copied page works with the token it carries.
    answer = visitor.post(
        "/i18n/setlang/",
        {
            "language": "es",
            "next": "/priorities/",
            "csrfmiddlewaretoken": tokens.pop().decode(),
        },
    )
    assert answer.status_code == 302


def test_members_never_get_or_leave_a_copy(priority, family):
    member = Client()
    member.force_login(family)
    member.post(f"/priorities/{priority.pk}/vote/", {"action": "support"})
    page = member.get("/priorities/")
    assert "X-Page-Cache" not in page
    assert "Supported · withdraw" in page.content.decode()
    visitor_page = visit("/priorities/")
    assert visitor_page["X-Page-Cache"] == "miss"
    assert "Supported · withdraw" not in visitor_page.content.decode()
    assert "X-Page-Cache" not in member.get("/priorities/")


def test_a_moderation_decision_retires_every_copy_at_once(priority, moderator):
    visit("/priorities/")
    visit(f"/priorities/{priority.pk}/")
    staff = Client()
    staff.force_login(moderator)
    staff.post(
        f"/priorities/{priority.pk}/status/",
        {"to_status": "declined", "reason": "Out of scope for this portal."},
    )
    listing = visit("/priorities/")
    assert listing["X-Page-Cache"] == "miss"
    assert priority.title not in listing.content.decode()


def test_an_edit_shows_to_the_next_visitor(priority):
    visit("/priorities/")
    new_title = "Does pasteurised donor milk prevent NEC in babies under 1500 g?"
    author = Client()
    author.force_login(priority.author)
    author.post(
        f"/priorities/{priority.pk}/edit/",
        {
            "title": new_title,
            "description": priority.description,
            "topic": priority.topic_id,
            "tags": "",
        },
    )
    priority.refresh_from_db()
    assert priority.title == new_title
    assert new_title in visit("/priorities/").content.decode()


def test_a_support_leaves_the_copies_in_place(priority, family):
    visit("/priorities/")
    member = Client()
    member.force_login(family)
    assert member.post(f"/priorities/{priority.pk}/vote/", {"action": "support"})
    # Counts may lag by PAGE_CACHE_SECONDS; content never does.
    assert visit("/priorities/")["X-Page-Cache"] == "hit"


def test_a_refused_change_leaves_the_copies_in_place(priority, family):
    visit("/priorities/")
    api = APIClient()
    api.force_authenticate(family)
    refused = api.post("/api/v1/priorities/", {"title": ""}, format="json")
    assert refused.status_code == 400
    assert visit("/priorities/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    "path_extra",
    [
        {"HTTP_HX_REQUEST": "true"},
        {"HTTP_AUTHORIZATION": "Token nothing-secret"},
    ],
    ids=["script request", "API key"],
)
def test_script_requests_and_api_keys_bypass_the_copy(priority, path_extra):
    visit("/priorities/")
    assert "X-Page-Cache" not in visit("/priorities/", **path_extra)


def test_languages_and_api_formats_have_their_own_copies(priority):
    english = visit("/priorities/")
    spanish = visit("/es/priorities/")
    assert spanish["X-Page-Cache"] == "miss"
    assert english.content != spanish.content
    assert visit("/es/priorities/")["Content-Language"] == "es"
    api = APIClient()
    as_json = api.get("/api/v1/priorities/", HTTP_ACCEPT="application/json")
    browsable = api.get("/api/v1/priorities/", HTTP_ACCEPT="text/html")
    assert as_json["Content-Type"].startswith("application/json")
    assert browsable["Content-Type"].startswith("text/html")
    again = APIClient().get("/api/v1/priorities/", HTTP_ACCEPT="application/json")
    assert again["X-Page-Cache"] == "hit"
    assert again.json() == as_json.json()


def test_only_listed_views_and_plain_successes_are_copied(priority):
    visit("/contact/")
    assert "X-Page-Cache" not in visit("/contact/")
    visit("/priorities/999999/")
    missing = visit("/priorities/999999/")
    assert missing.status_code == 404 and "X-Page-Cache" not in missing


def test_hidden_priorities_stay_hidden_from_visitors_after_a_member_saw_them(
    priority,
):
    hidden = PriorityFactory(topic=priority.topic, title="Pending question")
    hidden.status = Status.PENDING
    hidden.save()
    author = Client()
    author.force_login(hidden.author)
    assert author.get(f"/priorities/{hidden.pk}/").status_code == 200
    assert visit(f"/priorities/{hidden.pk}/").status_code == 404


def test_turned_off_with_zero_seconds(priority, settings):
    settings.PAGE_CACHE_SECONDS = 0
    visit("/priorities/")
    assert "X-Page-Cache" not in visit("/priorities/")


def test_no_copy_carries_a_members_name(priority):
    member = UserFactory(display_name="Private Person")
    signed_in = Client()
    signed_in.force_login(member)
    signed_in.get("/priorities/")
    assert "Private Person" not in visit("/priorities/").content.decode()


class BrokenCache:
    """A cache server that does not answer."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache server unreachable")

        return fail


def test_visitors_get_rendered_pages_while_the_cache_is_down(
    priority, monkeypatch, caplog
):
    monkeypatch.setattr("portal.pagecache.cache", BrokenCache())
    page = visit("/priorities/")
    assert page.status_code == 200 and "X-Page-Cache" not in page
    assert priority.title in page.content.decode()
    assert "page_cache_unavailable" in caplog.text


def test_a_change_succeeds_while_the_cache_is_down(priority, monkeypatch, caplog):
    monkeypatch.setattr("portal.pagecache.cache", BrokenCache())
    author = Client()
    author.force_login(priority.author)
    response = author.post(
        f"/priorities/{priority.pk}/edit/",
        {
            "title": "Does donor milk prevent NEC in babies under 1000 g?",
            "description": priority.description,
            "topic": priority.topic_id,
            "tags": "",
        },
    )
    assert response.status_code == 302
    priority.refresh_from_db()
    assert priority.title == "Does donor milk prevent NEC in babies under 1000 g?"
    assert "page_cache_not_retired" in caplog.text
