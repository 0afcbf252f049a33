"""The priorities API list is paged with cursors: every row once, in order,
whatever the depth, with the same queries on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from priorities.models import Priority, Status

from .factories import PriorityFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/priorities/"


def _many(n: int) -> list[Priority]:
    made = PriorityFactory.create_batch(n, status=Status.PUBLISHED)
    now = timezone.now()
    # Many ties on each sort key, so the id must break them.
    for i, priority in enumerate(made):
        Priority.objects.filter(pk=priority.pk).update(
            balanced_score=(i % 4) / 4,
            supporters_total=i % 3,
            created_at=now - timedelta(hours=i % 5),
        )
    return made


def _walk(api_client, params) -> tuple[list[int], int]:
    ids, pages, url = [], 0, API
    response = api_client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        assert "count" not in body
        ids += [p["id"] for p in body["results"]]
        pages += 1
        if not body["next"]:
            return ids, pages
        response = api_client.get(body["next"])


@pytest.mark.parametrize(
    "ordering",
    [None, "-supporters_total", "created_at", "-trending_score", "balanced_score"],
)
def test_following_next_gives_every_row_once_in_order(api_client, ordering):
    _many(23)
    params = {"page_size": 5}
    if ordering:
        params["ordering"] = ordering
    ids, pages = _walk(api_client, params)
    expected_order = (
        ["-balanced_score", "-supporters_total", "-created_at"]
        if ordering is None
        else [ordering]
    )
    last = expected_order[-1]
    expected = list(
        Priority.objects.filter(status=Status.PUBLISHED)
        .order_by(*expected_order, "-pk" if last.startswith("-") else "pk")
        .values_list("pk", flat=True)
    )
    assert ids == expected
    assert pages == 5


def test_mixed_directions_still_page_exactly(api_client):
    _many(17)
    ids, _ = _walk(
        api_client, {"page_size": 4, "ordering": "balanced_score,-created_at"}
    )
    expected = list(
        Priority.objects.order_by("balanced_score", "-created_at", "-pk").values_list(
            "pk", flat=True
        )
    )
    assert ids == expected


def test_filters_are_kept_in_the_next_link(api_client):
    made = _many(12)
    for priority in made[:7]:
        Priority.objects.filter(pk=priority.pk).update(author_group="clinician")
    ids, _ = _walk(api_client, {"page_size": 3, "group": "clinician"})
    assert sorted(ids) == sorted(p.pk for p in made[:7])


def test_deep_pages_cost_the_same_queries(api_client, django_assert_max_num_queries):
    _many(60)
    with django_assert_max_num_queries(10) as first:
        body = api_client.get(API, {"page_size": 5}).json()
    # Read now: each request empties the query log the capture slices.
    first_page = len(first.captured_queries)
    for _ in range(8):
        body = api_client.get(body["next"]).json()
    with django_assert_max_num_queries(first_page):
        assert api_client.get(body["next"]).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "not-a-cursor"},
        {"cursor": "eyJvIjoiLXBrIiwidiI6WzFdfQ"},  # a cursor of another ordering
        {"page": "2"},
        {"page_size": "many"},
        {"page_size": "0"},
    ],
)
def test_bad_paging_is_a_400_naming_the_parameter(api_client, params):
    _many(3)
    response = api_client.get(API, params)
    assert response.status_code == 400
    assert next(iter(params)) in response.json()["errors"]


def test_a_cursor_for_another_ordering_is_refused(api_client):
    _many(6)
    body = api_client.get(API, {"page_size": 2}).json()
    cursor = body["next"].split("cursor=")[1].split("&")[0]
    response = api_client.get(API, {"cursor": cursor, "ordering": "-created_at"})
    assert response.status_code == 400


def test_schema_documents_the_cursor(api_client):
    schema = api_client.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"][API]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"cursor", "page_size"} <= names and "page" not in names
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]
    ref = page["$ref"].rsplit("/", 1)[1]
    assert set(schema["components"]["schemas"][ref]["properties"]) == {
        "next",
        "results",
    }


def test_html_list_pages_no_deeper_than_the_cap(client, settings):
    settings.PRIORITIES_PAGE_SIZE = 2
    settings.PRIORITIES_MAX_PAGES = 3
    _many(9)
    deep = client.get("/priorities/", {"page": 40})
    assert deep.status_code == 200
    html = deep.content.decode()
    assert "Page 3 of 3" in html
    assert "choose a topic or search" in html
    assert "9 priorities" in html
    assert "choose a topic or search" not in client.get("/priorities/").content.decode()
