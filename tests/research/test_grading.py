"""Recommendations carry GRADE's strength and the certainty of their evidence,
and say so in their words, on every page and in the API."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from research import services
from research.seed.content import RECOMMENDATIONS
from tests.research.factories import RecommendationFactory

pytestmark = pytest.mark.django_db

STRONG_WORDS = re.compile(
    r"\b(should|must|every unit|we recommend)\b|^(use|offer|make|avoid|do)\b",
    re.IGNORECASE,
)


@pytest.fixture
def graded(published, reviewer):
    rec = RecommendationFactory(
        slug="use-drops",
        title="Consider the drops",
        strength="conditional",
        certainty="low",
        grading_note="Two small trials, both at high risk of bias.",
    )
    rec.supporting_findings.set(published.findings.all())
    services.recommendation_publish(by=reviewer, recommendation=rec)
    return rec


def test_a_new_recommendation_claims_the_least_until_graded():
    rec = RecommendationFactory()
    assert (rec.strength, rec.certainty) == ("conditional", "very_low")


def test_strong_on_low_certainty_is_refused_without_a_reason():
    rec = RecommendationFactory.build(strength="strong", certainty="low")
    with pytest.raises(ValidationError) as exc:
        rec.full_clean()
    assert "grading_note" in exc.value.message_dict
    rec.grading_note = "Low certainty of benefit, high certainty of harm avoided."
    rec.full_clean()
    RecommendationFactory.build(strength="strong", certainty="moderate").full_clean()


def test_the_database_also_refuses_an_unexplained_strong_recommendation():
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendationFactory(strength="strong", certainty="very_low", grading_note="")


@pytest.mark.parametrize(
    "path",
    [
        "/evidence/recommendations/",
        "/evidence/recommendations/use-drops/",
        "/evidence/recommendations/use-drops/print/",
        "/evidence/",
    ],
)
def test_pages_show_strength_and_certainty(client, graded, path):
    html = client.get(path).content.decode()
    assert re.search(r"conditional recommendation", html, re.IGNORECASE)
    assert "low certainty of evidence" in html


def test_print_page_puts_the_grading_and_its_reason_under_the_title(client, graded):
    html = client.get("/evidence/recommendations/use-drops/print/").content.decode()
    title = html.index("<h1>Consider the drops</h1>")
    grading = html.index('class="rec-grading"')
    assert title < grading < html.index('class="lead rec-summary"')
    assert "Two small trials, both at high risk of bias." in html


def test_api_exposes_the_grading_and_the_schema_names_its_values(api_client, graded):
    data = api_client.get("/api/v1/evidence/recommendations/use-drops/").json()
    assert data["strength"] == "conditional"
    assert data["certainty"] == "low"
    assert data["grading_note"] == "Two small trials, both at high risk of bias."
    schema = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    text = schema.content.decode()
    assert "conditional" in text and "very_low" in text


def test_admin_edits_the_grading(client_for, reviewer, graded):
    url = f"/staff/research/recommendation/{graded.pk}/change/"
    html = client_for(reviewer).get(url).content.decode()
    for field in ("strength", "certainty", "grading_note"):
        assert f'name="{field}"' in html


@pytest.mark.parametrize("spec", RECOMMENDATIONS, ids=lambda s: s["slug"])
def test_seed_recommendations_word_matches_their_strength(spec):
    rec = RecommendationFactory.build(
        slug=spec["slug"],
        title=spec["title"],
        summary=spec["summary"],
        body=spec["body"],
        strength=spec["strength"],
        certainty=spec["certainty"],
        grading_note=spec["grading_note"],
    )
    rec.full_clean(exclude=["slug", "title"])
    assert spec["grading_note"]
    if spec["certainty"] in ("low", "very_low"):
        assert spec["strength"] == "conditional"
    if spec["strength"] == "conditional":
        for text in (spec["title"], spec["summary"], spec["body"]):
            assert not STRONG_WORDS.search(text), text
        assert re.search(r"\b(we suggest|may consider)\b", spec["summary"], re.I)
