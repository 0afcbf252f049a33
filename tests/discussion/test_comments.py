from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from discussion.comments import (
    comment_create,
    comment_delete,
    comment_edit,
    discussion_counts,
    discussion_counts_recompute,
)
from discussion.models import Comment, Follow, Notification
from priorities.models import Priority, Status
from tests.discussion.factories import (
    CommentFactory,
    FollowFactory,
    PriorityFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _counts(priority: Priority) -> tuple[int, int, int, int]:
    priority.refresh_from_db()
    return (
        priority.comment_count,
        priority.stance_favour,
        priority.stance_neutral,
        priority.stance_against,
    )


def test_comment_counts_and_stance_are_stored_on_the_priority(family, clinician):
    priority = PriorityFactory()
    comment_create(author=family, priority=priority, body="Yes.", stance="favour")
    comment_create(author=clinician, priority=priority, body="Hmm.", stance="against")
    comment_create(author=clinician, priority=priority, body="No stance.")
    assert _counts(priority) == (3, 1, 0, 1)
    assert discussion_counts(priority)["comment_count"] == 3


def test_comment_records_the_authors_group_and_bumps_last_activity(family):
    priority = PriorityFactory(last_activity_at=timezone.now() - timedelta(days=3))
    comment = comment_create(author=family, priority=priority, body="Our story.")
    priority.refresh_from_db()
    assert comment.author_group == "family"
    assert timezone.now() - priority.last_activity_at < timedelta(minutes=1)


def test_replies_nest_two_levels_and_a_deeper_reply_stays_at_depth_two(
    family, clinician, researcher
):
    priority = PriorityFactory()
    top = comment_create(author=family, priority=priority, body="Top")
    reply = comment_create(author=clinician, priority=priority, body="R1", parent=top)
    deep = comment_create(author=researcher, priority=priority, body="R2", parent=reply)
    deeper = comment_create(author=family, priority=priority, body="R3", parent=deep)
    assert (top.depth, reply.depth, deep.depth, deeper.depth) == (0, 1, 2, 2)
    # Attached beside the comment it answers, under the same depth-1 comment.
    assert deeper.parent_id == reply.pk
    # ...and the author of the depth-2 comment still hears about the reply.
    assert Notification.objects.filter(
        user=researcher, kind="reply", comment=deeper
    ).exists()


def test_reply_to_a_comment_on_another_priority_is_refused(family):
    other = CommentFactory()
    priority = PriorityFactory()
    with pytest.raises(ValidationError) as err:
        comment_create(author=family, priority=priority, body="Hi", parent=other)
    assert "parent" in err.value.message_dict
    assert Comment.objects.filter(priority=priority).count() == 0
    assert _counts(priority) == (0, 0, 0, 0)


def test_stance_is_only_for_top_level_comments(family):
    top = CommentFactory()
    with pytest.raises(ValidationError) as err:
        comment_create(
            author=family, priority=top.priority, body="x", stance="favour", parent=top
        )
    assert "stance" in err.value.message_dict


@pytest.mark.parametrize(
    ("body", "stance", "field"),
    [
        ("", "", "body"),
        ("   \n ", "", "body"),
        ("x" * 5001, "", "body"),
        ("fine", "maybe", "stance"),
    ],
)
def test_bad_comment_input_is_refused_with_a_field_message(family, body, stance, field):
    priority = PriorityFactory()
    with pytest.raises(ValidationError) as err:
        comment_create(author=family, priority=priority, body=body, stance=stance)
    assert field in err.value.message_dict
    assert Comment.objects.count() == 0
    assert _counts(priority) == (0, 0, 0, 0)


@pytest.mark.parametrize(
    "status",
    [Status.PENDING, Status.DECLINED, Status.WITHDRAWN, Status.ANSWERED],
)
def test_comments_are_closed_unless_the_priority_is_open(family, status):
    priority = PriorityFactory(status=status)
    with pytest.raises(ValidationError) as err:
        comment_create(author=family, priority=priority, body="Hello")
    assert "Comments are closed" in err.value.message_dict["priority"][0]
    assert Comment.objects.count() == 0


def test_shortlisted_priorities_are_open_for_comments(family):
    priority = PriorityFactory(status=Status.SHORTLISTED)
    assert comment_create(author=family, priority=priority, body="Good").pk


def test_a_hidden_priority_cannot_be_commented(family):
    priority = PriorityFactory(is_hidden=True)
    with pytest.raises(ValidationError):
        comment_create(author=family, priority=priority, body="Hello")


@pytest.mark.parametrize("who", ["unverified", "blocked"])
def test_only_participants_comment(request, who):
    member = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        comment_create(author=member, priority=PriorityFactory(), body="Hello")
    assert Comment.objects.count() == 0


def test_commenting_follows_the_priority_and_notifies_followers_once(
    family, clinician, researcher
):
    priority = PriorityFactory(author=researcher)
    FollowFactory(user=researcher, priority=priority)
    comment = comment_create(author=family, priority=priority, body="First")
    assert Follow.objects.filter(user=family, priority=priority).exists()
    note = Notification.objects.get(user=researcher)
    assert note.kind == "comment"
    assert note.key == f"comment:{comment.pk}"
    assert priority.title in note.message
    # The commenter hears nothing about their own comment.
    assert not Notification.objects.filter(user=family).exists()


def test_a_reply_notifies_the_parent_author_once_even_when_following(family, clinician):
    priority = PriorityFactory()
    top = comment_create(author=family, priority=priority, body="Top")  # follows now
    comment_create(author=clinician, priority=priority, body="Re", parent=top)
    notes = Notification.objects.filter(user=family)
    assert [n.kind for n in notes] == ["reply"]


def test_author_edits_within_the_window_and_the_comment_shows_edited(family, settings):
    settings.COMMENT_EDIT_WINDOW = timedelta(minutes=15)
    comment = comment_create(
        author=family, priority=PriorityFactory(), body="Typo", stance="favour"
    )
    edited = comment_edit(comment=comment, user=family, body="Fixed", stance="against")
    assert edited.body == "Fixed"
    assert edited.edited_at is not None
    assert _counts(comment.priority) == (1, 0, 0, 1)


def test_editing_after_the_window_is_refused_and_nothing_changes(family, settings):
    settings.COMMENT_EDIT_WINDOW = timedelta(minutes=15)
    comment = CommentFactory(
        author=family, created_at=timezone.now() - timedelta(minutes=16)
    )
    with pytest.raises(ValidationError) as err:
        comment_edit(comment=comment, user=family, body="Too late")
    assert "15 minutes" in err.value.message_dict["body"][0]
    comment.refresh_from_db()
    assert comment.body != "Too late"
    assert comment.edited_at is None


def test_only_the_author_edits_or_deletes(family, clinician, moderator):
    comment = CommentFactory(author=family)
    for other in (clinician, moderator):
        with pytest.raises(PermissionDenied):
            comment_edit(comment=comment, user=other, body="Mine now")
        with pytest.raises(PermissionDenied):
            comment_delete(comment=comment, user=other)
    comment.refresh_from_db()
    assert comment.deleted_at is None


def test_delete_removes_the_text_keeps_replies_and_adjusts_counts(family, clinician):
    priority = PriorityFactory()
    top = comment_create(author=family, priority=priority, body="Top", stance="favour")
    reply = comment_create(author=clinician, priority=priority, body="Re", parent=top)
    assert _counts(priority) == (2, 1, 0, 0)
    comment_delete(comment=top, user=family)
    top.refresh_from_db()
    assert top.is_removed and top.body == "" and top.stance == ""
    assert Comment.objects.filter(pk=reply.pk).exists()
    assert _counts(priority) == (1, 0, 0, 0)
    # Deleting twice changes nothing.
    comment_delete(comment=top, user=family)
    assert _counts(priority) == (1, 0, 0, 0)


def test_recompute_reports_and_repairs_drift(family):
    priority = PriorityFactory()
    comment_create(author=family, priority=priority, body="One", stance="neutral")
    Priority.objects.filter(pk=priority.pk).update(comment_count=7, stance_neutral=0)
    drift = discussion_counts_recompute(priority=priority)
    assert drift == {"comment_count": (7, 1), "stance_neutral": (0, 1)}
    assert _counts(priority) == (1, 0, 1, 0)
    assert discussion_counts_recompute(priority=priority) == {}


# --- Pages (no JavaScript) ----------------------------------------------------------


def test_comment_form_posts_and_redirects_to_the_comment(client_for, family):
    priority = PriorityFactory()
    response = client_for(family).post(
        f"/priorities/{priority.pk}/comments/",
        {"body": "We need this.", "stance": "favour"},
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/priorities/{priority.pk}/#comment-{comment.pk}"
    page = client_for(family).get(response["Location"]).content.decode()
    assert "We need this." in page
    assert "In favour" in page


def test_reply_form_posts_a_reply(client_for, family, clinician):
    top = CommentFactory(author=family)
    response = client_for(clinician).post(
        f"/priorities/{top.priority_id}/comments/", {"body": "Reply", "parent": top.pk}
    )
    assert response.status_code == 302
    assert Comment.objects.get(body="Reply").parent_id == top.pk


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": ""}, "This field is required"),
        ({"body": "x" * 5001}, "at most 5000"),
        ({"body": "hi", "parent": 999999}, "no longer exists"),
    ],
)
def test_comment_form_errors_are_shown_and_nothing_is_stored(
    client_for, family, data, message
):
    priority = PriorityFactory()
    response = client_for(family).post(f"/priorities/{priority.pk}/comments/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "status", [Status.DECLINED, Status.ANSWERED, Status.MERGED, Status.WITHDRAWN]
)
def test_comment_on_a_closed_priority_page_shows_why(client_for, family, status):
    other = PriorityFactory()
    priority = PriorityFactory(
        status=status, merged_into=other if status == Status.MERGED else None
    )
    response = client_for(family).post(
        f"/priorities/{priority.pk}/comments/", {"body": "Hello"}
    )
    assert response.status_code == 400
    assert "Comments are closed" in response.content.decode()
    assert Comment.objects.count() == 0


def test_a_pending_priority_is_unknown_to_others_and_closed_to_its_author(
    client_for, family, researcher
):
    priority = PriorityFactory(status=Status.PENDING, author=researcher)
    url = f"/priorities/{priority.pk}/comments/"
    assert client_for(family).post(url, {"body": "Hi"}).status_code == 404
    response = client_for(researcher).post(url, {"body": "Hi"})
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_reply_to_a_comment_of_another_priority_via_the_form_is_refused(
    client_for, family
):
    other = CommentFactory()
    priority = PriorityFactory()
    response = client_for(family).post(
        f"/priorities/{priority.pk}/comments/", {"body": "x", "parent": other.pk}
    )
    assert response.status_code == 400
    assert "only reply to a comment on this priority" in response.content.decode()


def test_comment_rate_limit_gives_a_clear_message(client_for, family, settings):
    settings.COMMENT_RATE = "2/m"
    priority = PriorityFactory()
    client = client_for(family)
    for n in range(2):
        url = f"/priorities/{priority.pk}/comments/"
        assert client.post(url, {"body": f"c{n}"}).status_code == 302
    response = client.post(f"/priorities/{priority.pk}/comments/", {"body": "again"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "several comments in a short time" in page
    assert "again" in page  # the text is kept in the form
    assert Comment.objects.count() == 2


def test_edit_page_round_trip(client_for, family):
    comment = CommentFactory(author=family, body="Old text")
    client = client_for(family)
    assert client.get(f"/priorities/comments/{comment.pk}/edit/").status_code == 200
    response = client.post(
        f"/priorities/comments/{comment.pk}/edit/", {"body": "New text", "stance": ""}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "New text" in page and "(edited)" in page


@pytest.mark.parametrize("method", ["get", "post"])
def test_edit_page_after_the_window_is_a_403_that_says_why(client_for, family, method):
    comment = CommentFactory(
        author=family,
        body="Original",
        stance="",
        created_at=timezone.now() - timedelta(hours=1),
    )
    client = client_for(family)
    url = f"/priorities/comments/{comment.pk}/edit/"
    response = getattr(client, method)(url, {"body": "Late", "stance": ""})
    assert response.status_code == 403
    page = response.content.decode()
    assert "can no longer be edited: the edit window has closed" in page
    assert "Late" not in page
    comment.refresh_from_db()
    assert comment.body == "Original"
    assert comment.edited_at is None


def test_delete_page_confirms_then_removes(client_for, family, clinician):
    top = CommentFactory(author=family, body="Delete me")
    CommentFactory(priority=top.priority, parent=top, depth=1, body="Still here")
    client = client_for(family)
    assert (
        "Delete me"
        in client.get(f"/priorities/comments/{top.pk}/delete/").content.decode()
    )
    response = client.post(f"/priorities/comments/{top.pk}/delete/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Delete me" not in page
    assert "Comment removed by its author." in page
    assert "Still here" in page


def test_someone_elses_comment_cannot_be_edited_or_deleted_via_pages(
    client_for, family, clinician
):
    comment = CommentFactory(author=family)
    client = client_for(clinician)
    assert client.get(f"/priorities/comments/{comment.pk}/edit/").status_code == 403
    assert client.post(f"/priorities/comments/{comment.pk}/delete/").status_code == 403
    comment.refresh_from_db()
    assert comment.deleted_at is None


def test_unknown_ids_are_404(client_for, family):
    client = client_for(family)
    assert client.post("/priorities/999999/comments/", {"body": "x"}).status_code == 404
    assert client.get("/priorities/comments/999999/edit/").status_code == 404
    assert client.post("/priorities/comments/999999/delete/").status_code == 404


def test_a_deleted_member_is_shown_as_a_deleted_member(client_for, family):
    gone = UserFactory(deleted_at=timezone.now(), display_name="")
    comment = CommentFactory(author=gone, body="Kept for the thread")
    page = client_for(family).get(comment.priority.get_absolute_url()).content.decode()
    assert "a deleted member" in page
