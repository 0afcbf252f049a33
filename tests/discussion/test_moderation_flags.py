import pytest
from django.core.exceptions import ValidationError

from discussion.models import Comment, ModerationAction, Notification
from discussion.moderation import flag_create, flags_dismiss, item_hide, item_restore
from priorities.models import Priority
from tests.discussion.factories import (
    CommentFactory,
    FlagFactory,
    PriorityFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _flagged_comment(n=1, **kwargs):
    comment = CommentFactory(**kwargs)
    for member in UserFactory.create_batch(n):
        flag_create(user=member, comment=comment, reason="offensive", text="Rude")
    comment.refresh_from_db()
    return comment


def test_hide_needs_a_reason_logs_and_tells_the_author(moderator):
    comment = _flagged_comment()
    Priority.objects.filter(pk=comment.priority_id).update(comment_count=1)
    with pytest.raises(ValidationError):
        item_hide(actor=moderator, comment=comment, reason=" ")
    action = item_hide(actor=moderator, comment=comment, reason="Personal attack.")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Personal attack."
    assert comment.flag_count == 0
    assert Priority.objects.get(pk=comment.priority_id).comment_count == 0
    assert (action.action, action.actor, action.member) == (
        "hide",
        moderator,
        comment.author,
    )
    note = Notification.objects.get(user=comment.author)
    assert note.kind == "moderation" and "Personal attack." in note.message


def test_dismiss_closes_reports_and_keeps_the_item(moderator):
    comment = _flagged_comment(2)
    flags_dismiss(actor=moderator, comment=comment)
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.flag_count == 0
    assert comment.flags.filter(resolved_by=moderator).count() == 2
    with pytest.raises(ValidationError):
        flags_dismiss(actor=moderator, comment=comment)  # nothing left to dismiss
    assert ModerationAction.objects.filter(action="dismiss_flags").count() == 1


def test_restore_of_a_visible_item_is_refused(moderator):
    with pytest.raises(ValidationError):
        item_restore(actor=moderator, comment=CommentFactory())


def test_hide_and_restore_a_priority(moderator):
    priority = PriorityFactory()
    item_hide(actor=moderator, priority=priority, reason="Duplicate spam.")
    priority.refresh_from_db()
    assert priority.is_hidden
    item_restore(actor=moderator, priority=priority)
    priority.refresh_from_db()
    assert not priority.is_hidden and priority.hidden_reason == ""
    assert list(
        ModerationAction.objects.order_by("pk").values_list("action", flat=True)
    ) == ["hide", "restore"]


# --- Queue page ---------------------------------------------------------------------


def test_queue_lists_flagged_and_hidden_items_with_reasons(client_for, moderator):
    flagged = _flagged_comment(body="Flagged body")
    hidden = CommentFactory(body="Hidden body", is_hidden=True, hidden_reason="Spam")
    clean = CommentFactory(body="Clean body")
    reported_priority = PriorityFactory(title="Reported question")
    FlagFactory(comment=None, priority=reported_priority, reason="off_topic")
    Priority.objects.filter(pk=reported_priority.pk).update(flag_count=1)
    page = client_for(moderator).get("/priorities/moderation/flags/")
    assert page.status_code == 200
    html = page.content.decode()
    assert flagged.body in html and hidden.body in html
    assert clean.body not in html
    assert "Reported question" in html and "Off-topic" in html
    assert "Offensive or abusive" in html and "Rude" in html
    # The moderation nav links the three queues by their literal paths.
    for path in (
        'href="/priorities/moderation/"',
        'href="/priorities/moderation/flags/"',
        'href="/priorities/moderation/audit/"',
    ):
        assert path in html
    # No e-mail address of anyone.
    assert "@example.org" not in html


def test_queue_actions_via_the_page(client_for, moderator):
    comment = _flagged_comment()
    client = client_for(moderator)
    base = f"/priorities/moderation/flags/comment/{comment.pk}"
    response = client.post(f"{base}/hide/", {"reason": "Rude."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden
    client.post(f"{base}/restore/", {"reason": ""})
    comment.refresh_from_db()
    assert not comment.is_hidden
    # Hiding without a reason shows the message and changes nothing.
    response = client.post(f"{base}/hide/", {"reason": ""}, follow=True)
    assert "Give a reason" in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_hidden


@pytest.mark.parametrize(
    "url",
    [
        "/priorities/moderation/flags/widget/1/hide/",
        "/priorities/moderation/flags/comment/1/explode/",
        "/priorities/moderation/flags/comment/999999/hide/",
    ],
)
def test_queue_action_unknown_targets_are_404(client_for, moderator, url):
    assert client_for(moderator).post(url, {"reason": "x"}).status_code == 404


@pytest.mark.parametrize("who", ["family", "clinician", "researcher", "blocked"])
def test_queue_is_staff_only(client_for, request, who):
    comment = _flagged_comment()
    client = client_for(request.getfixturevalue(who))
    assert client.get("/priorities/moderation/flags/").status_code == 403
    url = f"/priorities/moderation/flags/comment/{comment.pk}/hide/"
    assert client.post(url, {"reason": "x"}).status_code == 403
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_queue_redirects_anonymous_to_sign_in(client):
    response = client.get("/priorities/moderation/flags/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


# --- API ------------------------------------------------------------------------------


def test_api_flag_list_and_decisions(api_client, moderator):
    comment = _flagged_comment(2)
    api_client.force_authenticate(moderator)
    data = api_client.get("/api/v1/moderation/flags/").json()
    assert data["count"] == 2
    row = data["results"][0]
    assert row["target_type"] == "comment" and row["target_id"] == comment.pk
    assert "@" not in str(data)
    response = api_client.post(
        "/api/v1/moderation/actions/",
        {
            "target_type": "comment",
            "target_id": comment.pk,
            "action": "hide",
            "reason": "Abusive.",
        },
    )
    assert response.status_code == 201
    assert response.json()["action"] == "hide"
    assert Comment.objects.get(pk=comment.pk).is_hidden
    assert api_client.get("/api/v1/moderation/flags/").json()["count"] == 0
    resolved = api_client.get("/api/v1/moderation/flags/?resolved=true").json()
    assert resolved["count"] == 2


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"target_type": "comment", "target_id": 999999, "action": "hide"}, 404),
        ({"target_type": "user", "target_id": 1, "action": "hide"}, 400),
        ({"target_type": "comment", "action": "hide"}, 400),
    ],
)
def test_api_decision_bad_input(api_client, moderator, payload, status):
    api_client.force_authenticate(moderator)
    assert api_client.post("/api/v1/moderation/actions/", payload).status_code == status
    assert not ModerationAction.objects.exists()


def test_api_hide_without_reason_is_a_400_with_the_field(api_client, moderator):
    comment = CommentFactory()
    api_client.force_authenticate(moderator)
    response = api_client.post(
        "/api/v1/moderation/actions/",
        {"target_type": "comment", "target_id": comment.pk, "action": "hide"},
    )
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
