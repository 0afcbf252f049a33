import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import RequestContext, Template
from django.test import RequestFactory

from discussion.comments import comment_create
from discussion.models import Comment, Flag, ModerationAction, Notification
from discussion.moderation import flag_create, item_restore
from priorities.models import Priority
from tests.discussion.factories import (
    CommentFactory,
    PriorityFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _render(priority, user):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load discussion %}{% discussion_section priority %}").render(
        RequestContext(request, {"priority": priority})
    )


def test_a_flag_is_stored_and_counted(family):
    comment = CommentFactory()
    flag = flag_create(user=family, comment=comment, reason="spam")
    comment.refresh_from_db()
    assert flag.comment_id == comment.pk and flag.priority_id is None
    assert comment.flag_count == 1
    assert not comment.is_hidden


def test_a_second_flag_by_the_same_member_is_refused_and_nothing_changes(family):
    comment = CommentFactory()
    flag_create(user=family, comment=comment, reason="spam")
    with pytest.raises(ValidationError) as err:
        flag_create(user=family, comment=comment, reason="offensive")
    assert "already reported" in str(err.value)
    comment.refresh_from_db()
    assert comment.flag_count == 1
    assert Flag.objects.get().reason == "spam"


def test_other_needs_a_text(family):
    comment = CommentFactory()
    with pytest.raises(ValidationError) as err:
        flag_create(user=family, comment=comment, reason="other", text="  ")
    assert "text" in err.value.message_dict
    flag_create(user=family, comment=comment, reason="other", text="Mentions a name")
    assert Flag.objects.count() == 1


@pytest.mark.parametrize(
    ("reason", "text", "field"),
    [("nonsense", "", "reason"), ("spam", "x" * 1001, "text")],
)
def test_bad_flag_input_is_refused(family, reason, text, field):
    comment = CommentFactory()
    with pytest.raises(ValidationError) as err:
        flag_create(user=family, comment=comment, reason=reason, text=text)
    assert field in err.value.message_dict
    assert Flag.objects.count() == 0


def test_members_cannot_flag_their_own_contribution(family):
    comment = CommentFactory(author=family)
    with pytest.raises(ValidationError):
        flag_create(user=family, comment=comment, reason="spam")


@pytest.mark.parametrize("who", ["unverified", "blocked"])
def test_only_participants_flag(request, who):
    with pytest.raises(PermissionDenied):
        flag_create(
            user=request.getfixturevalue(who), comment=CommentFactory(), reason="spam"
        )


def test_third_distinct_flag_hides_a_comment_pending_review(settings, researcher):
    settings.FLAG_HIDE_THRESHOLD = 3
    priority = PriorityFactory()
    comment = comment_create(
        author=researcher, priority=priority, body="Buy now", stance="favour"
    )
    reporters = UserFactory.create_batch(3)
    for member in reporters[:2]:
        flag_create(user=member, comment=comment, reason="spam")
    comment.refresh_from_db()
    assert not comment.is_hidden
    flag_create(user=reporters[2], comment=comment, reason="offensive")
    comment.refresh_from_db()
    priority.refresh_from_db()
    assert comment.is_hidden and comment.flag_count == 3
    assert "pending review" in comment.hidden_reason
    # Hidden comments leave the public counts.
    assert (priority.comment_count, priority.stance_favour) == (0, 0)
    action = ModerationAction.objects.get()
    assert action.action == "auto_hide" and action.actor is None
    assert action.comment_id == comment.pk and action.member_id == researcher.pk
    assert Notification.objects.filter(user=researcher, kind="moderation").count() == 1


def test_hidden_comment_disappears_for_the_public_but_staff_see_it_with_reason(
    settings, family, moderator
):
    settings.FLAG_HIDE_THRESHOLD = 1
    lonely = CommentFactory(body="Nobody answered this")
    priority = lonely.priority
    answered = CommentFactory(priority=priority, body="Someone answered this")
    CommentFactory(priority=priority, parent=answered, depth=1, body="The answer")
    flag_create(user=family, comment=lonely, reason="spam")
    flag_create(user=family, comment=answered, reason="offensive")
    public = _render(priority, family)
    assert "Nobody answered this" not in public
    assert "Someone answered this" not in public
    assert public.count("hidden pending review") == 1  # only where replies hang
    assert "The answer" in public
    staff = _render(priority, moderator)
    assert "Nobody answered this" in staff and "Someone answered this" in staff
    assert "Hidden automatically after 1 report," in staff


def test_staff_restore_shows_the_comment_again_and_counts_it(settings, moderator):
    settings.FLAG_HIDE_THRESHOLD = 2
    comment = CommentFactory(body="Fine actually")
    Priority.objects.filter(pk=comment.priority_id).update(comment_count=1)
    for member in UserFactory.create_batch(2):
        flag_create(user=member, comment=comment, reason="spam")
    comment.refresh_from_db()
    assert comment.is_hidden
    item_restore(actor=moderator, comment=comment, reason="Not spam.")
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.flag_count == 0
    assert comment.flags.filter(resolved_at__isnull=True).count() == 0
    assert Priority.objects.get(pk=comment.priority_id).comment_count == 1


def test_a_priority_can_be_flagged_and_is_hidden_at_the_threshold(db, settings):
    settings.FLAG_HIDE_THRESHOLD = 2
    priority = PriorityFactory()
    for member in UserFactory.create_batch(2):
        flag_create(user=member, priority=priority, reason="off_topic")
    priority.refresh_from_db()
    assert priority.is_hidden and priority.flag_count == 2
    assert ModerationAction.objects.get().priority_id == priority.pk


def test_hidden_or_removed_items_cannot_be_flagged(family):
    hidden = CommentFactory(is_hidden=True)
    removed = CommentFactory()
    Comment.objects.filter(pk=removed.pk).update(deleted_at=removed.created_at)
    for target in (hidden, Comment.objects.get(pk=removed.pk)):
        with pytest.raises(ValidationError):
            flag_create(user=family, comment=target, reason="spam")


# --- Pages --------------------------------------------------------------------------


def test_flag_page_round_trip(client_for, family):
    comment = CommentFactory(body="Rude words")
    client = client_for(family)
    page = client.get(f"/priorities/comments/{comment.pk}/report/")
    assert page.status_code == 200
    assert "Personal medical details" in page.content.decode()
    response = client.post(
        f"/priorities/comments/{comment.pk}/report/", {"reason": "offensive"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    section = client.get(response["Location"]).content.decode()
    assert "Reported" in section


def test_flagging_twice_via_the_page_says_so(client_for, family):
    comment = CommentFactory()
    client = client_for(family)
    url = f"/priorities/comments/{comment.pk}/report/"
    client.post(url, {"reason": "spam"})
    response = client.post(url, {"reason": "spam"})
    assert response.status_code == 400
    assert "already reported" in response.content.decode()
    assert Flag.objects.count() == 1


def test_flag_other_without_text_shows_the_field_error(client_for, family):
    comment = CommentFactory()
    response = client_for(family).post(
        f"/priorities/comments/{comment.pk}/report/", {"reason": "other"}
    )
    assert response.status_code == 400
    assert "Tell us briefly" in response.content.decode()


def test_priority_flag_page(client_for, family):
    priority = PriorityFactory()
    response = client_for(family).post(
        f"/priorities/{priority.pk}/report/", {"reason": "medical_details"}
    )
    assert response.status_code == 302
    assert Flag.objects.get().priority_id == priority.pk


def test_flag_rate_limit(client_for, family, settings):
    settings.FLAG_RATE = "2/h"
    comments = CommentFactory.create_batch(3)
    client = client_for(family)
    for comment in comments[:2]:
        url = f"/priorities/comments/{comment.pk}/report/"
        assert client.post(url, {"reason": "spam"}).status_code == 302
    response = client.post(
        f"/priorities/comments/{comments[2].pk}/report/", {"reason": "spam"}
    )
    assert response.status_code == 429
    assert "many reports in a short time" in response.content.decode()
    assert Flag.objects.count() == 2


def test_hidden_comment_cannot_be_reported_via_the_page(client_for, family):
    comment = CommentFactory(is_hidden=True)
    response = client_for(family).get(f"/priorities/comments/{comment.pk}/report/")
    assert response.status_code == 404


def test_staff_see_that_a_priority_is_reported_or_hidden(family, moderator):
    priority = PriorityFactory()
    flag_create(user=family, priority=priority, reason="off_topic")
    priority.refresh_from_db()
    assert "1 open report on this priority" in _render(priority, moderator)
    assert "open report" not in _render(priority, family)
    priority.is_hidden, priority.hidden_reason = True, "Duplicate of another."
    assert "Duplicate of another." in _render(priority, moderator)
