import datetime
import json

import pytest
from django.utils import timezone

from research import services
from tests.research.conftest import publish
from tests.research.factories import (
    FindingFactory,
    RecommendationFactory,
    SummaryFactory,
)

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/evidence/factors/",
    "/api/v1/evidence/summaries/",
    "/api/v1/evidence/findings/",
    "/api/v1/evidence/citations/",
    "/api/v1/evidence/recommendations/",
]


def test_summaries_give_both_texts_and_findings_with_numbers(api_client, published):
    data = api_client.get("/api/v1/evidence/summaries/probiotic-drops/").json()
    assert (
        data["clinician_summary"] == "Published clinician text about probiotic drops."
    )
    assert data["plain_summary"] == "Published plain words about probiotic drops."
    assert data["version"] == 1 and data["reviewer"] == "Rita Reviewer"
    assert data["url"] == "http://testserver/evidence/probiotic-drops/"
    [finding] = data["findings"]
    assert finding["estimate"] == 0.54
    assert (finding["ci_low"], finding["ci_high"]) == (0.45, 0.65)
    assert finding["certainty"] == "moderate"
    assert finding["citation"]["doi"].startswith("10.1000/")


@pytest.mark.parametrize("path", ENDPOINTS)
def test_drafts_and_unverified_rows_never_leak(
    api_client, published, draft, editor, path
):
    services.summary_update(by=editor, summary=published, plain_summary="DRAFTONLY")
    body = json.dumps(api_client.get(path, {"page_size": 100}).json())
    for text in ("DRAFTONLY", "secret-draft", "SECRETROW", "0.111", "news report"):
        assert text not in body


def test_unpublished_factor_is_not_found(api_client, draft):
    assert api_client.get("/api/v1/evidence/factors/secret-draft/").status_code == 404
    assert api_client.get("/api/v1/evidence/summaries/secret-draft/").status_code == 404


def test_citations_list_only_sources_of_published_findings(
    api_client, published, draft
):
    ids = {
        c["doi"]
        for c in api_client.get("/api/v1/evidence/citations/").json()["results"]
    }
    published_doi = published.findings.get(needs_verification=False).citation.doi
    assert ids == {published_doi}


def test_filters_direction_certainty_outcome(api_client, published, editor, reviewer):
    other = SummaryFactory(factor__slug="raiser", factor__direction="raises")
    FindingFactory(
        summary=other,
        certainty="",
        outcome="death",
        estimate="2.0",
        ci_low="1.5",
        ci_high="3.0",
        certainty_note="observational",
    )
    publish(other, author=editor, reviewer=reviewer)

    def slugs(path, **params):
        response = api_client.get(path, params)
        assert response.status_code == 200, response.content
        return [r.get("slug") or r.get("factor") for r in response.json()["results"]]

    assert slugs("/api/v1/evidence/factors/", direction="raises") == ["raiser"]
    assert slugs("/api/v1/evidence/factors/", certainty="not_rated") == ["raiser"]
    assert slugs("/api/v1/evidence/factors/", outcome="nec") == ["probiotic-drops"]
    assert slugs("/api/v1/evidence/findings/", certainty="moderate") == [
        "probiotic-drops"
    ]
    assert slugs("/api/v1/evidence/findings/", outcome="death") == ["raiser"]
    not_rated = api_client.get(
        "/api/v1/evidence/findings/", {"factor": "raiser"}
    ).json()
    assert not_rated["results"][0]["certainty"] is None
    assert not_rated["results"][0]["certainty_note"] == "observational"


def test_updated_since_returns_only_newer_publications(
    api_client, published, editor, other_reviewer
):
    version = published.factor.current_version
    later = version.published_at + datetime.timedelta(microseconds=1)
    params = {"updated_since": later.isoformat()}
    assert api_client.get("/api/v1/evidence/factors/", params).json()["count"] == 0
    services.summary_update(by=editor, summary=published, clinician_summary="v2")
    publish(published, author=editor, reviewer=other_reviewer)
    data = api_client.get("/api/v1/evidence/summaries/", params).json()
    assert data["count"] == 1 and data["results"][0]["version"] == 2
    assert api_client.get("/api/v1/evidence/findings/", params).json()["count"] == 1


@pytest.mark.parametrize("path", ENDPOINTS)
def test_bad_filter_values_are_a_400_with_field_errors(api_client, path):
    response = api_client.get(path, {"updated_since": "last tuesday"})
    assert response.status_code == 400
    assert "updated_since" in response.json()["errors"]


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize(
    "value, message",
    [
        ("2020-01-01T00:00:00+17:00", "between -15:59 and +15:59"),
        ("2020-01-01T00:00:00-16:00", "between -15:59 and +15:59"),
        ("9999-12-31T23:00:00-05:00", "between the years 1 and 9999"),
        ("0001-01-01T00:30:00+01:00", "between the years 1 and 9999"),
        ("0000-01-01T00:00:00Z", "Enter a valid date/time."),
        ("10000-01-01T00:00:00Z", "Enter a valid date/time."),
    ],
)
def test_a_date_time_the_database_cannot_compare_is_a_400_with_a_field_message(
    api_client, published, path, value, message
):
    response = api_client.get(path, {"updated_since": value})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid input."
    assert message in body["errors"]["updated_since"][0]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_an_offset_within_the_limits_is_accepted(api_client, published, path):
    response = api_client.get(path, {"updated_since": "2000-01-01T00:00:00+15:59"})
    assert response.status_code == 200


@pytest.mark.parametrize("path", ENDPOINTS)
def test_the_api_is_read_only_even_for_staff(api_client, moderator, path):
    api_client.force_authenticate(moderator)
    assert api_client.post(path, {"name": "x"}).status_code == 405


def test_recommendations_list_their_published_supporting_findings(
    api_client, published, reviewer
):
    rec = RecommendationFactory(slug="use-drops")
    rec.supporting_findings.set(published.findings.all())
    hidden = RecommendationFactory(slug="hidden-rec")
    hidden.supporting_findings.set(published.findings.all())
    services.recommendation_publish(by=reviewer, recommendation=rec)
    data = api_client.get("/api/v1/evidence/recommendations/").json()
    assert [r["slug"] for r in data["results"]] == ["use-drops"]
    published_ids = [
        f["id"] for f in api_client.get("/api/v1/evidence/findings/").json()["results"]
    ]
    assert data["results"][0]["supporting_findings"] == published_ids
    assert data["results"][0]["print_url"].endswith(
        "/evidence/recommendations/use-drops/print/"
    )


def test_reporting_tokens_can_read_the_evidence(api_client, reporting_token, published):
    _token, key = reporting_token
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get("/api/v1/evidence/factors/").status_code == 200


def _grow(n, editor, reviewer):
    for _ in range(n):
        summary = SummaryFactory()
        FindingFactory.create_batch(3, summary=summary)
        publish(summary, author=editor, reviewer=reviewer)
        rec = RecommendationFactory(published_at=timezone.now())
        rec.supporting_findings.set(summary.findings.all())


@pytest.mark.parametrize(
    "path, limit",
    [
        ("/api/v1/evidence/factors/", 2),
        ("/api/v1/evidence/summaries/", 3),
        ("/api/v1/evidence/findings/", 2),
        ("/api/v1/evidence/citations/", 2),
        ("/api/v1/evidence/recommendations/", 4),
    ],
)
def test_api_list_query_counts_are_pinned_and_flat(
    api_client, editor, reviewer, django_assert_max_num_queries, path, limit
):
    _grow(2, editor, reviewer)
    with django_assert_max_num_queries(limit) as few:
        assert api_client.get(path).status_code == 200
    _grow(5, editor, reviewer)
    with django_assert_max_num_queries(limit) as many:
        assert api_client.get(path).status_code == 200
    assert len(few.captured_queries) == len(many.captured_queries)


def test_schema_documents_the_evidence_endpoints(api_client):
    schema = api_client.get(
        "/api/v1/schema/", HTTP_ACCEPT="application/json"
    ).content.decode()
    assert "/api/v1/evidence/summaries/" in schema
    assert "Public: anyone may call it" in schema
