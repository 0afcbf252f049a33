"""The priorities API: reading, proposing, supporting, staff actions, export."""

import csv
import io
import json

import pytest

from portal.models import StakeholderGroup as G
from priorities import voting
from priorities.models import Priority, Status, Tag, Vote

from .factories import PriorityFactory, TagFactory, TopicFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/priorities/"


def payload(the_topic, **overrides):
    data = {
        "title": "Does early trophic feeding lower the risk of NEC?",
        "description": "Units start feeds at very different times.",
        "topic": the_topic.slug,
        "tags": ["feeding"],
    }
    data.update(overrides)
    return data


def as_member(api_client, member):
    if member is not None:
        api_client.force_authenticate(member)
    return api_client


ROLES = ["anonymous", "unverified", "family", "clinician", "researcher", "blocked"]


def member_for(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


# --- Reading --------------------------------------------------------------------------


def test_list_shows_tallies_per_group_and_score(api_client, priority, make_member):
    voting.vote_cast(user=make_member(G.CLINICIAN), priority=priority)
    body = api_client.get(API).json()
    item = body["results"][0]
    assert item["supporters"] == {
        "family": 0,
        "clinician": 1,
        "researcher": 0,
        "other": 0,
        "total": 1,
    }
    assert item["balanced_score"] == pytest.approx(1.0)
    assert "email" not in str(body)
    assert priority.author.email not in str(body)


def test_list_hides_unpublished_and_hidden(api_client, topic):
    PriorityFactory(topic=topic, status=Status.PENDING)
    PriorityFactory(topic=topic, is_hidden=True)
    shown = PriorityFactory(topic=topic)
    ids = [p["id"] for p in api_client.get(API).json()["results"]]
    assert ids == [shown.pk]


def test_list_filters_search_and_ordering(api_client, topic):
    other = TopicFactory(slug="treatment", name="Treatment")
    a = PriorityFactory(topic=topic, title="Probiotics for NEC?", supporters_total=2)
    b = PriorityFactory(topic=other, title="Surgery or drain?", supporters_total=9)
    a.tags.add(TagFactory(name="probiotics", slug="probiotics"))
    assert [
        p["id"] for p in api_client.get(API, {"topic": "treatment"}).json()["results"]
    ] == [b.pk]
    assert [
        p["id"] for p in api_client.get(API, {"tag": "probiotics"}).json()["results"]
    ] == [a.pk]
    assert [
        p["id"] for p in api_client.get(API, {"search": "probiotics"}).json()["results"]
    ] == [a.pk]
    response = api_client.get(API, {"ordering": "-supporters_total"})
    assert response.status_code == 200, response.json()
    ordered = response.json()["results"]
    assert [p["id"] for p in ordered] == [b.pk, a.pk]
    bad = api_client.get(API, {"status": "nonsense"})
    assert bad.status_code == 400


def test_unknown_priority_is_404(api_client):
    assert api_client.get(f"{API}999999/").status_code == 404


def test_pending_priority_detail_only_for_author_and_staff(
    api_client, topic, family, moderator
):
    priority = PriorityFactory(topic=topic, status=Status.PENDING)
    url = f"{API}{priority.pk}/"
    assert api_client.get(url).status_code == 404
    assert as_member(api_client, family).get(url).status_code == 404
    assert as_member(api_client, priority.author).get(url).status_code == 200
    assert as_member(api_client, moderator).get(url).status_code == 200


def test_topics_are_public(api_client, topic):
    slugs = [t["slug"] for t in api_client.get("/api/v1/priority-topics/").json()]
    assert "prevention" in slugs


def test_list_query_count_does_not_grow(
    api_client, topic, family, django_assert_max_num_queries
):
    api_client.force_authenticate(family)
    first = PriorityFactory(topic=topic)
    first.tags.add(TagFactory())
    with django_assert_max_num_queries(6) as one:
        assert api_client.get(API).status_code == 200
    for priority in PriorityFactory.create_batch(29, topic=TopicFactory()):
        priority.tags.add(TagFactory(), TagFactory())
        voting.vote_cast(user=family, priority=priority)
    with django_assert_max_num_queries(6) as thirty:
        assert api_client.get(API).status_code == 200
    assert len(thirty.captured_queries) == len(one.captured_queries)


# --- Proposing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("unverified", 403),
        ("blocked", 403),
        ("family", 201),
        ("clinician", 201),
        ("researcher", 201),
        ("moderator", 201),
    ],
)
def test_propose_permission_matrix(api_client, request, topic, role, expected):
    member = member_for(request, role)
    response = as_member(api_client, member).post(API, payload(topic))
    assert response.status_code == expected
    assert Priority.objects.count() == (1 if expected == 201 else 0)
    if expected == 201:
        body = response.json()
        staff = role == "moderator"
        assert body["status"] == ("published" if staff else "pending")
        assert body["tags"] == ["feeding"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "Too short"}, "title"),
        ({"description": ""}, "description"),
        ({"topic": "no-such-topic"}, "topic"),
        ({"tags": [f"t{n}" for n in range(9)]}, "tags"),
        ({"tags": ["!!!"]}, "tags"),
        ({"tags": ["<style>@import url(//x)</style>"]}, "tags"),
        ({"tags": ["milk; drop table"]}, "tags"),
    ],
)
def test_bad_proposals_get_400_with_field_errors(
    api_client, family, topic, overrides, field
):
    response = as_member(api_client, family).post(API, payload(topic, **overrides))
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Priority.objects.exists()


def test_a_tag_that_is_not_words_is_refused_with_the_reason(api_client, family, topic):
    response = as_member(api_client, family).post(
        API, payload(topic, tags=["feeding", "<style>@import url(//x)</style>"])
    )
    assert response.status_code == 400
    assert response.json()["errors"]["tags"] == [
        "“<style>@import url(//x)</style>” is not a usable tag: a tag is one or "
        "more words of letters or digits (a hyphen may join them), at most 50 "
        "characters."
    ]
    assert not Priority.objects.exists()
    assert not Tag.objects.exists()


def test_proposing_is_throttled(api_client, family, topic, settings):
    settings.PRIORITY_SUBMIT_RATE = "1/h"
    client = as_member(api_client, family)
    assert client.post(API, payload(topic)).status_code == 201
    response = client.post(API, payload(topic, title="Another question about NEC?"))
    assert response.status_code == 429
    assert Priority.objects.count() == 1


# --- Voting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("unverified", 403),
        ("blocked", 403),
        ("family", 201),
        ("clinician", 201),
        ("researcher", 201),
        ("moderator", 201),
    ],
)
def test_vote_permission_matrix(api_client, request, priority, role, expected):
    member = member_for(request, role)
    response = as_member(api_client, member).post(f"{API}{priority.pk}/vote/")
    assert response.status_code == expected
    priority.refresh_from_db()
    assert priority.supporters_total == (1 if expected == 201 else 0)


def test_vote_is_idempotent(api_client, family, priority):
    client = as_member(api_client, family)
    url = f"{API}{priority.pk}/vote/"
    first = client.post(url)
    second = client.post(url)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json() == {
        "supported": True,
        "created": False,
        "supporters_total": 1,
        "balanced_score": 1.0,
    }
    assert client.delete(url).status_code == 204
    assert client.delete(url).status_code == 204
    assert not Vote.objects.exists()


def test_anonymous_cannot_withdraw(api_client, priority):
    assert api_client.delete(f"{API}{priority.pk}/vote/").status_code == 401


# Declined priorities are no longer public: 404. Answered ones are, but closed: 400.
@pytest.mark.parametrize(
    "status, expected", [(Status.DECLINED, 404), (Status.ANSWERED, 400)]
)
def test_vote_on_closed_priority_is_refused(
    api_client, family, topic, status, expected
):
    priority = PriorityFactory(topic=topic, status=status)
    response = as_member(api_client, family).post(f"{API}{priority.pk}/vote/")
    assert response.status_code == expected
    assert not Vote.objects.exists()


def test_vote_on_answered_priority_says_why(api_client, family, topic):
    priority = PriorityFactory(topic=topic, status=Status.ANSWERED)
    response = as_member(api_client, family).post(f"{API}{priority.pk}/vote/")
    assert response.status_code == 400
    assert "Support is closed" in str(response.json())


def test_vote_on_unknown_priority_is_404(api_client, family):
    assert as_member(api_client, family).post(f"{API}999999/vote/").status_code == 404


def test_voting_is_throttled(api_client, family, priority, settings):
    settings.VOTE_RATE = "2/m"
    client = as_member(api_client, family)
    url = f"{API}{priority.pk}/vote/"
    client.post(url)
    client.delete(url)
    assert client.post(url).status_code == 429
    assert not Vote.objects.exists()


# --- Staff actions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("unverified", 403),
        ("family", 403),
        ("clinician", 403),
        ("researcher", 403),
        ("blocked", 403),
        ("moderator", 200),
    ],
)
def test_transition_permission_matrix(api_client, request, priority, role, expected):
    member = member_for(request, role)
    response = as_member(api_client, member).post(
        f"{API}{priority.pk}/transition/", {"to_status": "shortlisted"}
    )
    assert response.status_code == expected
    priority.refresh_from_db()
    assert priority.status == ("shortlisted" if expected == 200 else "published")


def test_author_can_withdraw_through_api(api_client, priority):
    response = as_member(api_client, priority.author).post(
        f"{API}{priority.pk}/transition/", {"to_status": "withdrawn"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"


def test_refused_transition_is_400_and_changes_nothing(api_client, moderator, topic):
    priority = PriorityFactory(topic=topic, status=Status.ANSWERED)
    response = as_member(api_client, moderator).post(
        f"{API}{priority.pk}/transition/", {"to_status": "published"}
    )
    assert response.status_code == 400
    assert "to_status" in response.json()["errors"]
    priority.refresh_from_db()
    assert priority.status == Status.ANSWERED


def test_decline_without_reason_is_400(api_client, moderator, priority):
    response = as_member(api_client, moderator).post(
        f"{API}{priority.pk}/transition/", {"to_status": "declined"}
    )
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("family", 403),
        ("clinician", 403),
        ("researcher", 403),
        ("blocked", 403),
        ("moderator", 200),
    ],
)
def test_merge_permission_matrix(api_client, request, topic, role, expected):
    source, target = PriorityFactory.create_batch(2, topic=topic)
    member = member_for(request, role)
    response = as_member(api_client, member).post(
        f"{API}{source.pk}/merge/", {"target": target.pk, "reason": "Duplicate."}
    )
    assert response.status_code == expected
    source.refresh_from_db()
    assert source.status == ("merged" if expected == 200 else "published")


def test_merge_into_unknown_target_is_400(api_client, moderator, priority):
    response = as_member(api_client, moderator).post(
        f"{API}{priority.pk}/merge/", {"target": 999999, "reason": "Duplicate."}
    )
    assert response.status_code == 400
    assert "target" in response.json()["errors"]


# --- Export ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("family", 403),
        ("researcher", 403),
        ("moderator", 200),
    ],
)
def test_export_permission_matrix(api_client, request, priority, role, expected):
    member = member_for(request, role)
    response = as_member(api_client, member).get(f"{API}export/")
    assert response.status_code == expected


def test_reporting_token_exports_csv_without_personal_data(
    api_client, reporting_token, topic, make_member
):
    _token, key = reporting_token
    shown = PriorityFactory(topic=topic, title="-2+3 and @risk: a question?")
    PriorityFactory(topic=topic, status=Status.PENDING)
    voting.vote_cast(user=make_member(G.FAMILY), priority=shown)
    response = api_client.get(
        f"{API}export/", {"format": "csv"}, HTTP_AUTHORIZATION=f"Token {key}"
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 1
    assert rows[0]["title"] == "'-2+3 and @risk: a question?"
    assert rows[0]["supporters_family"] == "1"
    assert rows[0]["author_group"] == "researcher"
    assert shown.author.email not in body
    assert shown.author.display_name not in body


def test_export_json_has_groups_and_denominators(
    api_client, moderator, priority, make_member
):
    voting.vote_cast(user=make_member(G.OTHER), priority=priority)
    body = json.loads(as_member(api_client, moderator).get(f"{API}export/").getvalue())
    assert body["voters_per_group"]["other"] == 1
    assert body["results"][0]["supporters_other"] == 1
    assert "author" not in body["results"][0]


def test_reporting_token_cannot_write(api_client, reporting_token, priority):
    _token, key = reporting_token
    response = api_client.post(
        f"{API}{priority.pk}/vote/", HTTP_AUTHORIZATION=f"Token {key}"
    )
    assert response.status_code == 403


def test_schema_describes_every_priority_endpoint(api_client):
    schema = api_client.get("/api/v1/schema/", {"format": "json"}).json()
    for path in (
        "/api/v1/priorities/",
        "/api/v1/priorities/{id}/vote/",
        "/api/v1/priorities/{id}/transition/",
        "/api/v1/priorities/{id}/merge/",
        "/api/v1/priorities/export/",
        "/api/v1/priority-topics/",
    ):
        assert path in schema["paths"], path
        for operation in schema["paths"][path].values():
            assert operation.get("description"), path


def test_detail_query_count_does_not_grow(
    api_client, priority, django_assert_max_num_queries, make_member
):
    url = f"{API}{priority.pk}/"
    with django_assert_max_num_queries(5) as one:
        assert api_client.get(url).status_code == 200
    for _ in range(30):
        voting.vote_cast(user=make_member(G.FAMILY), priority=priority)
        priority.tags.add(TagFactory())
    with django_assert_max_num_queries(5) as thirty:
        assert api_client.get(url).status_code == 200
    assert len(thirty.captured_queries) == len(one.captured_queries)
