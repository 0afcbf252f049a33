from datetime import timedelta

import pytest
from django.utils import timezone

from discussion.models import Comment
from priorities.models import Priority, Status
from tests.discussion.factories import (
    CommentFactory,
    PriorityFactory,
)

pytestmark = pytest.mark.django_db


def test_create_reply_and_stance_through_the_api(api_client, family, clinician):
    priority = PriorityFactory()
    api_client.force_authenticate(family)
    top = api_client.post(
        "/api/v1/comments/",
        {"priority": priority.pk, "body": "**Yes**", "stance": "favour"},
    )
    assert top.status_code == 201
    body = top.json()
    assert body["stance"] == "favour" and body["depth"] == 0
    assert body["body_html"] == "<p><strong>Yes</strong></p>\n"
    assert body["author_name"] == family.public_name
    assert "email" not in str(body)
    api_client.force_authenticate(clinician)
    reply = api_client.post(
        "/api/v1/comments/",
        {"priority": priority.pk, "parent": body["id"], "body": "Agreed"},
    )
    assert reply.status_code == 201 and reply.json()["depth"] == 1
    priority.refresh_from_db()
    assert (priority.comment_count, priority.stance_favour) == (2, 1)


P = object()  # stands for the id of a real, open priority


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"body": "x"}, 400, "priority"),
        ({"priority": 999999, "body": "x"}, 404, None),
        ({"priority": "abc", "body": "x"}, 400, "priority"),
        ({"priority": P, "body": ""}, 400, "body"),
        ({"priority": P, "body": "   "}, 400, "body"),
        ({"priority": P, "body": "x" * 5001}, 400, "body"),
        ({"priority": P, "body": "x", "stance": "maybe"}, 400, "stance"),
        ({"priority": P, "body": "x", "parent": 999999}, 400, "parent"),
    ],
)
def test_create_bad_input_gives_400_with_field_and_stores_nothing(
    api_client, family, payload, status, field
):
    priority = PriorityFactory()
    payload = {k: (priority.pk if v is P else v) for k, v in payload.items()}
    api_client.force_authenticate(family)
    response = api_client.post("/api/v1/comments/", payload)
    assert response.status_code == status
    if field:
        assert field in response.json()["errors"]
    assert not Comment.objects.exists()
    priority.refresh_from_db()
    assert priority.comment_count == 0


def test_comment_on_a_closed_priority_is_a_clear_400(api_client, family):
    priority = PriorityFactory(status=Status.ANSWERED)
    api_client.force_authenticate(family)
    response = api_client.post(
        "/api/v1/comments/", {"priority": priority.pk, "body": "x"}
    )
    assert response.status_code == 400
    assert "Comments are closed" in response.json()["errors"]["priority"][0]


def test_comment_on_a_declined_priority_is_a_clear_400(api_client, family):
    priority = PriorityFactory(status=Status.DECLINED)
    api_client.force_authenticate(family)
    response = api_client.post(
        "/api/v1/comments/", {"priority": priority.pk, "body": "x"}
    )
    assert response.status_code == 400
    assert "declined" in response.json()["errors"]["priority"][0]
    assert not Comment.objects.exists()


def test_comment_on_a_hidden_or_someone_elses_pending_priority_is_404(
    api_client, family
):
    api_client.force_authenticate(family)
    for priority in (
        PriorityFactory(is_hidden=True),
        PriorityFactory(status="pending"),
    ):
        response = api_client.post(
            "/api/v1/comments/", {"priority": priority.pk, "body": "x"}
        )
        assert response.status_code == 404
    assert not Comment.objects.exists()


def test_reply_to_a_comment_of_another_priority_is_400(api_client, family):
    other = CommentFactory()
    priority = PriorityFactory()
    api_client.force_authenticate(family)
    response = api_client.post(
        "/api/v1/comments/",
        {"priority": priority.pk, "parent": other.pk, "body": "x"},
    )
    assert response.status_code == 400
    assert "parent" in response.json()["errors"]


def test_edit_in_window_then_refused_after(api_client, family):
    comment = CommentFactory(author=family, body="v1")
    api_client.force_authenticate(family)
    response = api_client.patch(f"/api/v1/comments/{comment.pk}/", {"body": "v2"})
    assert response.status_code == 200 and response.json()["edited"] is True
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    late = api_client.patch(f"/api/v1/comments/{comment.pk}/", {"body": "v3"})
    assert late.status_code == 400
    assert "body" in late.json()["errors"]
    comment.refresh_from_db()
    assert comment.body == "v2"


def test_delete_via_api_keeps_the_place_in_the_thread(api_client, family):
    comment = CommentFactory(author=family, body="Gone soon", stance="against")
    CommentFactory(priority=comment.priority, parent=comment, depth=1)
    Priority.objects.filter(pk=comment.priority_id).update(
        comment_count=2, stance_against=1
    )
    api_client.force_authenticate(family)
    assert api_client.delete(f"/api/v1/comments/{comment.pk}/").status_code == 204
    rows = api_client.get(f"/api/v1/comments/?priority={comment.priority_id}").json()
    first = rows["results"][0]
    assert first["removed"] is True and first["body"] is None
    assert first["author_name"] is None
    priority = Priority.objects.get(pk=comment.priority_id)
    assert (priority.comment_count, priority.stance_against) == (1, 0)


def test_unknown_comment_ids_are_404(api_client, family):
    api_client.force_authenticate(family)
    assert api_client.get("/api/v1/comments/999999/").status_code == 404
    assert (
        api_client.patch("/api/v1/comments/999999/", {"body": "x"}).status_code == 404
    )
    assert api_client.delete("/api/v1/comments/999999/").status_code == 404


def test_list_hides_hidden_comments_from_the_public_but_not_staff(
    api_client, moderator
):
    CommentFactory(body="Shown")
    CommentFactory(body="Hidden", is_hidden=True, hidden_reason="Spam")
    CommentFactory(body="On a pending one", priority=PriorityFactory(status="pending"))
    public = api_client.get("/api/v1/comments/").json()
    assert [row["body"] for row in public["results"]] == ["Shown"]
    api_client.force_authenticate(moderator)
    staff = api_client.get("/api/v1/comments/").json()
    assert staff["count"] == 3
    hidden = next(row for row in staff["results"] if row["body"] == "Hidden")
    assert hidden["hidden_reason"] == "Spam"


def test_comment_api_rate_limit(api_client, family, settings):
    settings.COMMENT_RATE = "1/m"
    priority = PriorityFactory()
    api_client.force_authenticate(family)
    url = "/api/v1/comments/"
    assert (
        api_client.post(url, {"priority": priority.pk, "body": "a"}).status_code == 201
    )
    response = api_client.post(url, {"priority": priority.pk, "body": "b"})
    assert response.status_code == 429
    assert "several comments" in response.json()["detail"]
    assert Comment.objects.count() == 1


def test_flag_api_duplicate_and_bad_input(api_client, family):
    comment = CommentFactory()
    api_client.force_authenticate(family)
    ok = api_client.post("/api/v1/flags/", {"comment": comment.pk, "reason": "spam"})
    assert ok.status_code == 201
    again = api_client.post("/api/v1/flags/", {"comment": comment.pk, "reason": "spam"})
    assert again.status_code == 400
    assert "already reported" in str(again.json()["errors"])
    both = api_client.post(
        "/api/v1/flags/",
        {"comment": comment.pk, "priority": comment.priority_id, "reason": "spam"},
    )
    assert both.status_code == 400
    unknown = api_client.post("/api/v1/flags/", {"comment": 999999, "reason": "spam"})
    assert unknown.status_code == 404
    other = api_client.post(
        "/api/v1/flags/", {"priority": comment.priority_id, "reason": "other"}
    )
    assert other.status_code == 400 and "text" in other.json()["errors"]
    comment.refresh_from_db()
    assert comment.flag_count == 1
