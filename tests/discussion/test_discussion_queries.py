"""The discussion's query counts do not grow with the number of comments."""

import pytest
from django.db import connection
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from discussion.moderation import flag_create
from tests.discussion.factories import (
    CommentFactory,
    PriorityFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SECTION = Template("{% load discussion %}{% discussion_section priority %}")


def _thread(priority, n):
    """n comments: top-level ones with replies two deep, by different people."""
    made = []
    for i in range(n):
        # Every third comment starts a thread; the next two reply one level deeper.
        parent = made[-1] if i % 3 else None
        made.append(
            CommentFactory(
                priority=priority,
                parent=parent,
                depth=0 if parent is None else parent.depth + 1,
                stance="favour" if parent is None else "",
                body=f"Comment number {i}",
            )
        )
    return made


def _queries_to_render(priority, user) -> tuple[int, str]:
    request = RequestFactory().get("/")
    request.user = user
    with CaptureQueriesContext(connection) as ctx:
        html = SECTION.render(RequestContext(request, {"priority": priority}))
    return len(ctx.captured_queries), html


@pytest.mark.parametrize("role", ["anonymous", "family", "moderator"])
def test_section_queries_are_the_same_for_1_and_40_comments(request, role):
    from django.contrib.auth.models import AnonymousUser

    viewer = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    small, big = PriorityFactory(), PriorityFactory()
    _thread(small, 1)
    comments = _thread(big, 40)
    # Some of the viewer's own reports and a hidden comment on the big thread.
    if role != "anonymous":
        flag_create(user=viewer, comment=comments[3], reason="spam")
    comments[6].is_hidden = True
    comments[6].save()
    n_small, _ = _queries_to_render(small, viewer)
    n_big, html = _queries_to_render(big, viewer)
    assert n_small == n_big
    # Threads, their first replies, the viewer's reports, the viewer's follow.
    assert n_big <= 4
    assert "Comment number 39" in html


def test_api_comment_list_queries_do_not_grow(
    api_client, django_assert_max_num_queries
):
    priority = PriorityFactory()
    _thread(priority, 2)
    with django_assert_max_num_queries(3) as small:
        api_client.get(f"/api/v1/comments/?priority={priority.pk}")
    _thread(priority, 40)
    with django_assert_max_num_queries(3) as big:
        response = api_client.get(
            f"/api/v1/comments/?priority={priority.pk}&page_size=100"
        )
    assert response.json()["count"] == 42
    assert len(small.captured_queries) == len(big.captured_queries)


def test_moderation_queue_queries_do_not_grow(
    client_for, moderator, django_assert_max_num_queries
):
    client = client_for(moderator)

    def flagged(n):
        for comment in CommentFactory.create_batch(n):
            for member in UserFactory.create_batch(2):
                flag_create(user=member, comment=comment, reason="spam")

    flagged(1)
    with django_assert_max_num_queries(20) as small:
        client.get("/priorities/moderation/flags/")
    flagged(15)
    with django_assert_max_num_queries(20) as big:
        client.get("/priorities/moderation/flags/")
    assert len(small.captured_queries) == len(big.captured_queries)


def test_notifications_page_queries_do_not_grow(
    client_for, family, django_assert_max_num_queries
):
    from tests.discussion.factories import NotificationFactory

    client = client_for(family)
    NotificationFactory(user=family, priority=PriorityFactory())
    with django_assert_max_num_queries(10) as small:
        client.get("/priorities/notifications/")
    for _ in range(20):
        NotificationFactory(user=family, priority=PriorityFactory())
    with django_assert_max_num_queries(10) as big:
        client.get("/priorities/notifications/")
    assert len(small.captured_queries) == len(big.captured_queries)
