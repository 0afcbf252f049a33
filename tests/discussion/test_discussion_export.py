import csv
import io
import json

import pytest

from discussion.models import Comment
from priorities.models import Status
from tests.discussion.factories import (
    CommentFactory,
    PriorityFactory,
)

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.getvalue().decode())))


def test_csv_export_has_no_personal_data_and_leaves_hidden_out(api_client, moderator):
    priority = PriorityFactory()
    top = CommentFactory(priority=priority, body="Visible", stance="favour")
    CommentFactory(priority=priority, parent=top, depth=1, body="A reply")
    CommentFactory(priority=priority, body="Secret", is_hidden=True)
    removed = CommentFactory(priority=priority, body="")
    Comment.objects.filter(pk=removed.pk).update(deleted_at=removed.created_at)
    CommentFactory(priority=PriorityFactory(status=Status.DECLINED), body="Declined")
    api_client.force_authenticate(moderator)
    response = api_client.get("/api/v1/comments/export/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _rows(response)
    assert list(rows[0].keys()) == [
        "comment_id",
        "priority_id",
        "parent_id",
        "author_group",
        "stance",
        "created_at",
        "body",
    ]
    bodies = [row["body"] for row in rows]
    assert bodies == ["Visible", "A reply", "removed"]
    assert rows[1]["parent_id"] == str(top.pk)
    assert rows[0]["author_group"] == "family" and rows[0]["stance"] == "favour"
    text = response.getvalue().decode()
    assert "@example.org" not in text and "Member" not in text


def test_json_export_for_a_reporting_client(api_client, reporting_token):
    _token, key = reporting_token
    comment = CommentFactory(body="Hello")
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api_client.get("/api/v1/comments/export/?format=json")
    assert response.status_code == 200
    assert json.loads(response.getvalue()) == [
        {
            "comment_id": comment.pk,
            "priority_id": comment.priority_id,
            "parent_id": None,
            "author_group": "family",
            "stance": "",
            "created_at": comment.created_at.isoformat(),
            "body": "Hello",
        }
    ]


def test_export_filters_by_priority(api_client, moderator):
    wanted = CommentFactory()
    CommentFactory()
    api_client.force_authenticate(moderator)
    data = json.loads(
        api_client.get(
            f"/api/v1/comments/export/?priority={wanted.priority_id}"
        ).getvalue()
    )
    assert [row["comment_id"] for row in data] == [wanted.pk]


@pytest.mark.parametrize(
    "payload",
    ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_csv_export_defuses_formulas(api_client, moderator, payload):
    CommentFactory(body=payload)
    api_client.force_authenticate(moderator)
    rows = _rows(api_client.get("/api/v1/comments/export/?format=csv"))
    assert rows[0]["body"] == "'" + payload


def test_empty_csv_export_still_has_a_header(api_client, moderator):
    api_client.force_authenticate(moderator)
    response = api_client.get("/api/v1/comments/export/?format=csv")
    assert response.getvalue().decode().startswith("comment_id,priority_id")


def test_reporting_token_cannot_write(api_client, reporting_token):
    _token, key = reporting_token
    priority = PriorityFactory()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api_client.post(
        "/api/v1/comments/", {"priority": priority.pk, "body": "x"}
    )
    # Credentials, but no member behind them: 403 (docs/access.md).
    assert response.status_code == 403
    assert not Comment.objects.exists()
