import pytest

from discussion import demo
from discussion.comments import discussion_counts
from discussion.models import Comment, Flag, Follow
from priorities.models import Priority, Status
from tests.discussion.factories import (
    PriorityFactory,
)

pytestmark = pytest.mark.django_db


def test_demo_does_nothing_without_open_priorities():
    PriorityFactory(status=Status.PENDING)
    demo.seed()
    assert not Comment.objects.exists()


def test_demo_threads_are_realistic_and_idempotent():
    PriorityFactory.create_batch(3)
    demo.seed()
    snapshot = (Comment.objects.count(), Flag.objects.count(), Follow.objects.count())
    demo.seed()
    assert (
        Comment.objects.count(),
        Flag.objects.count(),
        Follow.objects.count(),
    ) == snapshot
    assert Comment.objects.filter(depth=2).exists()
    assert set(Comment.objects.values_list("author_group", flat=True)) >= {
        "family",
        "clinician",
        "researcher",
    }
    assert Flag.objects.count() == 1
    for priority in Priority.objects.all():
        real = discussion_counts(priority)
        assert priority.comment_count == real["comment_count"] > 0
        assert priority.stance_favour == real["stance_favour"]


def test_admin_pages_for_discussion_models_load(client_for, moderator):
    PriorityFactory()
    demo.seed()
    client = client_for(moderator)
    for model in (
        "comment",
        "flag",
        "follow",
        "notification",
        "notificationsettings",
        "moderationaction",
    ):
        response = client.get(f"/staff/discussion/{model}/?q=milk")
        assert response.status_code == 200, model
        assert "@demo.nec.invalid" not in response.content.decode()
    comment = Comment.objects.first()
    assert (
        client.get(f"/staff/discussion/comment/{comment.pk}/change/").status_code == 200
    )


def test_admin_hide_action_goes_through_moderation(client_for, moderator):
    PriorityFactory()
    demo.seed()
    comment = Comment.objects.filter(depth=0).first()
    client_for(moderator).post(
        "/staff/discussion/comment/",
        {"action": "hide_selected", "_selected_action": [comment.pk]},
    )
    comment.refresh_from_db()
    assert comment.is_hidden
    assert (
        comment.priority.comment_count
        == discussion_counts(comment.priority)["comment_count"]
    )


def test_old_admin_addresses_of_the_discussion_redirect(client_for, moderator):
    client = client_for(moderator)
    response = client.get("/staff/priorities/comment/?q=milk")
    assert response.status_code == 302
    assert response["Location"] == "/staff/discussion/comment/?q=milk"
    # The priorities' own admin pages are not redirected.
    assert client.get("/staff/priorities/priority/").status_code == 200
