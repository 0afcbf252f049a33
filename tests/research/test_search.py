"""Evidence search on the seed content: stems, synonyms, typos and ranking, on
SQLite and on PostgreSQL (run the suite with DATABASE_URL set for the latter)."""

import pytest

from research.models import Factor, Recommendation
from research.search import edit_distance_at_most, parse, stem
from research.seed.loader import load

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(editor, reviewer):
    load(author=editor, reviewer=reviewer)


def _slugs(text):
    return [f.slug for f in Factor.objects.published().search(text)]


@pytest.mark.parametrize(
    "query",
    [
        "probiotic NEC mortality",
        "Lactobacillus",
        "probiotcs",
        "L. rhamnosus GG",
        "B. infantis",
        "premature babies probiotic",
        "Sharif",
    ],
)
def test_searches_find_the_probiotics_summary(seeded, query):
    assert "probiotics" in _slugs(query)


def test_probiotics_summary_comes_first_for_probiotics(seeded):
    assert _slugs("probiotics")[0] == "probiotics"


def test_synonyms_find_acid_suppression(seeded):
    assert _slugs("PPI")[0] == "acid-suppression"
    assert "acid-suppression" in _slugs("H2 blockers")


@pytest.mark.parametrize("query", ["zzqxv wobblefrump", "xylophone", "-", "the of"])
def test_nonsense_finds_nothing(seeded, query):
    assert _slugs(query) == []


def test_page_and_api_use_the_same_search(client, api_client, seeded):
    html = client.get("/evidence/", {"q": "probiotcs"}).content.decode()
    assert "Search results" in html and 'href="/evidence/probiotics/"' in html
    data = api_client.get("/api/v1/evidence/factors/", {"q": "probiotcs"}).json()
    assert [row["slug"] for row in data["results"]] == _slugs("probiotcs")
    assert data["results"][0]["slug"] == "probiotics"
    rows = api_client.get("/api/v1/evidence/findings/", {"q": "Lactobacillus"}).json()
    assert rows["results"] and {r["factor"] for r in rows["results"]} == {"probiotics"}
    recs = api_client.get("/api/v1/evidence/recommendations/", {"q": "probiotic"})
    assert recs.json()["results"][0]["slug"] == "probiotic-policy"


def test_page_lists_the_recommendations_a_search_finds(client, seeded):
    html = client.get("/evidence/", {"q": "banked milk"}).content.decode()
    assert Recommendation.objects.get(slug="donor-milk-access").title in html
    assert "Make donor milk available" not in html


def test_query_length_is_bounded(client, api_client, seeded):
    long = "probiotics " * 20  # 220 characters
    assert api_client.get("/api/v1/evidence/factors/", {"q": long}).status_code == 400
    assert api_client.get("/api/v1/evidence/findings/", {"q": long}).status_code == 400
    response = client.get("/evidence/", {"q": long})
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()


def test_stemmer_and_edit_distance():
    assert stem("probiotics") == stem("probiotic")
    assert stem("infants") == stem("infant")
    assert edit_distance_at_most("probiotcs", "probiotics", 1)
    assert edit_distance_at_most("probitoics", "probiotics", 1)  # a swap
    assert not edit_distance_at_most("xylophone", "probiotics", 2)


def test_parse_joins_vocabulary_phrases_and_drops_stop_words():
    terms = parse("L. reuteri for the premature")
    assert [t.typed for t in terms] == ["l reuteri", "premature"]
    assert "probiotic" in terms[0].alternatives
    assert "preterm" in terms[1].alternatives
