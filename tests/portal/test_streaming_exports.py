"""Exports stream (flat memory) and write exactly what the renderers wrote."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from rest_framework.renderers import JSONRenderer

from discussion.api import CSVRenderer, _csv_lines
from portal import streaming
from tests.discussion.factories import CommentFactory

ROWS = [
    {"id": 1, "text": "plain", "score": 0.1 + 0.2, "when": None},
    {
        "id": 2,
        "text": "Niño, “quotes”, line\u2028sep",
        "score": 1e-9,
        "n": Decimal("2.5"),
    },
    {"id": 3, "text": "=SUM(A1)", "when": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)},
]


def _joined(chunks) -> bytes:
    return b"".join(chunks)


@pytest.mark.parametrize("n", [0, 1, 199, 200, 201, 450])
def test_json_list_is_byte_for_byte_the_renderers(n):
    rows = [dict(ROWS[i % 3], id=i) for i in range(n)]
    assert _joined(streaming.json_list(iter(rows))) == JSONRenderer().render(rows)


@pytest.mark.parametrize("head", [{}, {"voters_per_group": {"family": 3, "other": 0}}])
def test_json_document_is_byte_for_byte_the_renderers(head):
    expected = JSONRenderer().render({**head, "results": ROWS})
    assert _joined(streaming.json_document(head, "results", iter(ROWS))) == expected
    json.loads(expected)


@pytest.mark.parametrize("n", [0, 3])
def test_comment_csv_lines_are_the_renderers(n):
    header = ["id", "text", "score", "when", "n"]
    rows = [{k: r.get(k) for k in header} for r in ROWS][:n]
    streamed = "".join(_csv_lines(header, iter(rows))).encode()

    class View:
        csv_header = header

    assert streamed == CSVRenderer().render(rows, renderer_context={"view": View()})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/comments/export/?format=csv",
        "/api/v1/comments/export/?format=json",
        "/api/v1/priorities/export/?format=json",
        "/api/v1/priorities/export/?format=csv",
        "/priorities/export.csv",
        "/partners/export.csv",
    ],
)
def test_every_export_streams(url, client_for, moderator):
    CommentFactory()
    response = client_for(moderator).get(url)
    assert response.status_code == 200
    assert response.streaming
    body = response.getvalue().decode()
    if "json" in url:
        json.loads(body)
    else:
        assert body.count("\n") >= 1
