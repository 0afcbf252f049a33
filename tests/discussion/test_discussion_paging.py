"""A priority's discussion is paged: threads, then "show more", whatever its size."""

from datetime import timedelta

import pytest
from django.utils import timezone

from discussion.models import Comment
from discussion.threads import REPLIES_SHOWN, THREADS_PER_PAGE
from tests.factories import UserFactory

from .factories import PriorityFactory

pytestmark = pytest.mark.django_db


def _discussion(priority, *, threads: int, replies: int = 0) -> list[Comment]:
    """`threads` top-level comments, a minute apart, each with `replies` replies."""
    author = UserFactory()
    start = timezone.now() - timedelta(days=30)
    roots = Comment.objects.bulk_create(
        Comment(
            priority=priority,
            author=author,
            author_group=author.stakeholder_group,
            body=f"Thread {i}",
            created_at=start + timedelta(minutes=i),
        )
        for i in range(threads)
    )
    Comment.objects.bulk_create(
        Comment(
            priority=priority,
            author=author,
            author_group=author.stakeholder_group,
            parent=root,
            depth=1,
            body=f"Reply {j} to {root.body}",
            created_at=root.created_at + timedelta(seconds=j + 1),
        )
        for root in roots
        for j in range(replies)
    )
    return roots


def test_first_page_shows_the_newest_threads_and_a_link_to_more(client):
    priority = PriorityFactory()
    _discussion(priority, threads=THREADS_PER_PAGE + 5)
    html = client.get(priority.get_absolute_url()).content.decode()
    newest = THREADS_PER_PAGE + 4
    assert f"Thread {newest}<" in html
    assert f"Thread {newest - THREADS_PER_PAGE + 1}<" in html
    assert f"Thread {newest - THREADS_PER_PAGE}<" not in html
    assert "Show more comments" in html
    # Without JavaScript the link is the priority page's next page of threads.
    assert "?comments_page=2&amp;comments_order=newest#discussion" in html
    page2 = client.get(priority.get_absolute_url(), {"comments_page": 2}).content
    assert b"Thread 0<" in page2
    assert f"Thread {newest}<".encode() not in page2
    assert b"Show more comments" not in page2


def test_oldest_first_order(client):
    priority = PriorityFactory()
    _discussion(priority, threads=THREADS_PER_PAGE + 1)
    html = client.get(
        priority.get_absolute_url(), {"comments_order": "oldest"}
    ).content.decode()
    assert "Thread 0<" in html
    assert f"Thread {THREADS_PER_PAGE}<" not in html


def test_htmx_show_more_returns_only_the_next_threads(client):
    priority = PriorityFactory()
    _discussion(priority, threads=THREADS_PER_PAGE + 2)
    url = f"/priorities/{priority.pk}/threads/?page=2&order=newest"
    response = client.get(url, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Thread 0<" in html and "Thread 1<" in html
    assert "Thread 2<" not in html
    # Without htmx the same address leads to the page that shows those threads.
    plain = client.get(url)
    assert plain.status_code == 302
    assert "comments_page=2" in plain["Location"]


def test_bad_paging_parameters_fall_back_to_the_first_page(client):
    priority = PriorityFactory()
    _discussion(priority, threads=3)
    for params in (
        {"comments_page": "x"},
        {"comments_page": "-4"},
        {"comments_order": "?"},
    ):
        response = client.get(priority.get_absolute_url(), params)
        assert response.status_code == 200
        assert b"Thread 2<" in response.content


def test_long_thread_shows_first_replies_and_a_link_to_the_whole_thread(client):
    priority = PriorityFactory()
    (root,) = _discussion(priority, threads=1, replies=REPLIES_SHOWN + 3)
    html = client.get(priority.get_absolute_url()).content.decode()
    assert f"Reply {REPLIES_SHOWN - 1} to Thread 0<" in html
    assert f"Reply {REPLIES_SHOWN} to Thread 0<" not in html
    assert "Show 3 more replies" in html
    thread = client.get(f"/priorities/comments/{root.pk}/thread/")
    assert thread.status_code == 200
    assert f"Reply {REPLIES_SHOWN + 2} to Thread 0<".encode() in thread.content


def test_thread_page_of_a_reply_leads_to_its_thread(client):
    priority = PriorityFactory()
    (root,) = _discussion(priority, threads=1, replies=1)
    reply = Comment.objects.get(parent=root)
    response = client.get(f"/priorities/comments/{reply.pk}/thread/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/priorities/comments/{root.pk}/thread/")


def test_thread_of_a_hidden_priority_is_not_found(client):
    priority = PriorityFactory(is_hidden=True)
    (root,) = _discussion(priority, threads=1)
    assert client.get(f"/priorities/comments/{root.pk}/thread/").status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "family", "moderator"])
def test_priority_page_queries_do_not_grow_with_the_discussion(
    request, role, client_for, client, django_assert_max_num_queries
):
    viewer = None if role == "anonymous" else request.getfixturevalue(role)
    browser = client if viewer is None else client_for(viewer)
    small, big = PriorityFactory(), PriorityFactory()
    _discussion(small, threads=3, replies=2)
    _discussion(big, threads=200, replies=30)
    # Warm the per-process caches (for staff, the similarity engine's copy of
    # each priority's document), so both counts are of a page seen before.
    browser.get(small.get_absolute_url())
    browser.get(big.get_absolute_url())
    with django_assert_max_num_queries(40) as few:
        browser.get(small.get_absolute_url())
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = browser.get(big.get_absolute_url())
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    assert response.content.count(b'class="comment depth-0') == THREADS_PER_PAGE


def test_thread_page_queries_do_not_grow(client, django_assert_max_num_queries):
    priority = PriorityFactory()
    small, big = _discussion(priority, threads=2, replies=3)
    Comment.objects.filter(parent=big).delete()
    (big,) = _discussion(priority, threads=1, replies=400)
    with django_assert_max_num_queries(12) as few:
        client.get(f"/priorities/comments/{small.pk}/thread/")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/priorities/comments/{big.pk}/thread/")


def test_api_pages_threads_and_one_threads_replies(
    api_client, django_assert_max_num_queries
):
    priority = PriorityFactory()
    roots = _discussion(priority, threads=30, replies=3)
    url = f"/api/v1/comments/?priority={priority.pk}&top_level=true&order=newest"
    with django_assert_max_num_queries(3) as few:
        body = api_client.get(url + "&page_size=10").json()
    assert body["count"] == 30
    assert [c["body"] for c in body["results"][:2]] == ["Thread 29", "Thread 28"]
    _discussion(priority, threads=300, replies=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api_client.get(url + "&page_size=10").json()["count"] == 330
    replies = api_client.get(f"/api/v1/comments/?thread={roots[0].pk}").json()
    assert [c["body"] for c in replies["results"]] == [
        f"Reply {j} to Thread 0" for j in range(3)
    ]


@pytest.mark.parametrize(
    "query", ["thread=abc", "thread=0", "top_level=maybe", "order=best"]
)
def test_api_bad_paging_filters_are_a_400_naming_the_field(api_client, query):
    response = api_client.get(f"/api/v1/comments/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["errors"]
