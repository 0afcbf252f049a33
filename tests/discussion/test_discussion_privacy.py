import pytest

from discussion.comments import (
    comment_create,
    discussion_counts,
    user_discussion_erase,
    user_discussion_export,
)
from discussion.models import Comment, Flag, Follow, Notification, NotificationSettings
from discussion.moderation import flag_create
from discussion.notifications import notification_settings_update
from priorities.models import Priority
from tests.discussion.factories import (
    CommentFactory,
    PriorityFactory,
)

pytestmark = pytest.mark.django_db


def test_export_contains_comments_flags_follows_and_settings(family):
    priority = PriorityFactory()
    comment_create(author=family, priority=priority, body="Mine", stance="favour")
    flag_create(user=family, comment=CommentFactory(), reason="spam")
    notification_settings_update(user=family, email_mode="daily")
    data = user_discussion_export(user=family)
    assert [c["body"] for c in data["comments"]] == ["Mine"]
    assert data["comments"][0]["stance"] == "favour"
    assert data["flags"][0]["reason"] == "spam"
    assert data["follows"][0]["priority_id"] == priority.pk
    assert data["notification_settings"] == {"email_mode": "daily"}


def test_erase_keeps_replied_to_comments_and_deletes_the_rest(family, clinician):
    priority = PriorityFactory()
    answered = comment_create(
        author=family, priority=priority, body="Answered", stance="favour"
    )
    comment_create(author=clinician, priority=priority, body="Reply", parent=answered)
    lonely = comment_create(
        author=family, priority=priority, body="Lonely", stance="against"
    )
    own_thread = comment_create(author=family, priority=priority, body="Own top")
    comment_create(author=family, priority=priority, body="Own re", parent=own_thread)
    flagged = CommentFactory()  # someone else's, elsewhere
    flag_create(user=family, comment=flagged, reason="spam")
    Notification.objects.create(user=family, kind="comment", key="k", message="m")
    notification_settings_update(user=family, email_mode="off")

    user_discussion_erase(user=family)

    assert list(
        Comment.objects.filter(author=family).values_list("body", flat=True)
    ) == ["Answered"]
    assert not Comment.objects.filter(pk=lonely.pk).exists()
    # Their reply-to-self thread went as a whole, deepest first.
    assert not Comment.objects.filter(body__startswith="Own").exists()
    assert not Follow.objects.filter(user=family).exists()
    assert not Flag.objects.filter(user=family).exists()
    assert not Notification.objects.filter(user=family).exists()
    assert not NotificationSettings.objects.filter(user=family).exists()
    flagged.refresh_from_db()
    assert flagged.flag_count == 0
    priority = Priority.objects.get(pk=priority.pk)
    real = discussion_counts(priority)
    assert priority.comment_count == real["comment_count"] == 2
    assert (priority.stance_favour, priority.stance_against) == (1, 0)


def test_account_export_includes_the_discussion(client_for, family, monkeypatch):
    comment_create(author=family, priority=PriorityFactory(), body="Exported")
    data = client_for(family).get("/account/export/").json()
    assert data["discussion"]["comments"][0]["body"] == "Exported"


def test_account_deletion_shows_kept_comments_as_a_deleted_member(
    client_for, family, clinician, monkeypatch
):
    from portal.services import account_delete

    priority = PriorityFactory()
    answered = comment_create(author=family, priority=priority, body="Our story")
    comment_create(author=clinician, priority=priority, body="Thanks", parent=answered)
    name = family.public_name
    account_delete(user=family)
    page = client_for(clinician).get(priority.get_absolute_url()).content.decode()
    assert "Our story" in page
    assert "a deleted member" in page
    assert name not in page
