"""The similarity engine: the same question in other words, on any database."""

import pytest

from priorities import similarity
from priorities.models import Status, SynonymGroup

from .factories import PriorityFactory

pytestmark = pytest.mark.django_db

PROBIOTICS = (
    "Which probiotic strains, at which dose, prevent NEC in extremely preterm infants?"
)


@pytest.fixture
def field(topic):
    """A few published priorities on unrelated subjects, and the probiotics one."""
    return {
        "probiotics": PriorityFactory(
            topic=topic,
            title=PROBIOTICS,
            description="Trials used different strains and doses.",
        ),
        "surgery": PriorityFactory(
            topic=topic,
            title="When is a peritoneal drain better than laparotomy?",
            description="Surgeons disagree about perforated bowel.",
        ),
        "feeds": PriorityFactory(
            topic=topic,
            title="How fast should milk feeds be advanced after birth?",
            description="Slow advances may delay full enteral feeding.",
        ),
        "transfusion": PriorityFactory(
            topic=topic,
            title="Should feeds be stopped during red cell transfusion?",
            description="Transfusion-associated NEC is debated.",
        ),
    }


def test_the_seeded_vocabulary_is_there():
    assert SynonymGroup.objects.filter(words__contains="preemie").exists()
    assert SynonymGroup.objects.count() >= 11


def test_a_paraphrase_is_found(field):
    found = similarity.similar("Do probiotics prevent NEC in premature babies?")
    assert found[0][0] == field["probiotics"]
    assert 0 < found[0][1] <= 1
    assert all(p != field["surgery"] for p, _score in found)


def test_scores_are_ranked_and_bounded(field):
    found = similarity.similar("stopping milk feeds while a baby has a transfusion")
    assert found[0][0] == field["transfusion"]
    scores = [score for _p, score in found]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)


def test_staff_synonyms_are_used(field, django_capture_on_commit_callbacks):
    query = "Do friendly bacteria capsules stop NEC in tiny babies?"
    before = [p for p, _s in similarity.similar(query)]
    assert field["probiotics"] not in before
    with django_capture_on_commit_callbacks(execute=True):
        SynonymGroup.objects.create(words="probiotic, friendly bacteria")
        # What the admin does on a save (tests/priorities/test_similarity_index.py).
        similarity.vocabulary_changed()
    assert similarity.similar(query)[0][0] == field["probiotics"]


def test_unrelated_questions_are_not_matched(field):
    for text in [
        "Is there a blood test that predicts who will develop NEC?",
        "How can hospitals support siblings during a long admission?",
        "What is the best hand hygiene routine for visitors?",
    ]:
        assert similarity.similar(text) == [], text


def test_only_public_priorities_and_exclusions(field, topic):
    pending = PriorityFactory(topic=topic, title=PROBIOTICS, status=Status.PENDING)
    hidden = PriorityFactory(topic=topic, title=PROBIOTICS, is_hidden=True)
    found = [p for p, _s in similarity.similar(PROBIOTICS, limit=10)]
    assert pending not in found and hidden not in found
    found = similarity.similar(PROBIOTICS, exclude=[field["probiotics"].pk])
    assert field["probiotics"] not in [p for p, _s in found]


@pytest.mark.parametrize(
    "text",
    ["", "   ", None, "\x00" * 50, "probiotics\x00 in preterm\x00", "a" * 10_000],
)
def test_odd_input_gives_a_list_never_an_error(field, text):
    assert isinstance(similarity.similar(text), list)


def test_long_input_is_read_only_in_part(field):
    text = "probiotics preterm NEC " * 500
    assert similarity.similar(text)[0][0] == field["probiotics"]


def test_typing_hint_and_submit_check(client, field):
    html = client.get(
        "/priorities/similar/",
        {"title": "Do probiotics prevent NEC in premature babies?"},
    ).content.decode()
    assert "Which probiotic strains" in html
    assert "laparotomy" not in html
    # The portal refuses NUL bytes in a request with a 400 before any view runs.
    assert client.get("/priorities/similar/", {"title": "\x00" * 9}).status_code == 400
    for title in ["x" * 10_000, "", "probiotics" * 1000]:
        assert client.get("/priorities/similar/", {"title": title}).status_code == 200


def test_clusters_group_duplicates(field, topic):
    twin = PriorityFactory(
        topic=topic, title="Do probiotics prevent NEC in premature babies?"
    )
    items = [*field.values(), twin]
    groups = similarity.clusters(items, threshold=similarity.DISPLAY_THRESHOLD)
    assert groups[0] == [field["probiotics"], twin]
    assert all(len(g) > 1 for g in groups)
    assert similarity.clusters(items, threshold=1.01) == []


def test_stemmer_joins_word_forms():
    stem = similarity.stem
    assert stem("preventing") == stem("prevention") == stem("prevents")
    assert stem("reduced") == stem("reduces") == stem("reduce")
    assert stem("babies") == "baby"


# --- The API --------------------------------------------------------------------------

SIMILAR_API = "/api/v1/priorities/similar/"


def test_api_returns_ranked_matches_with_scores(api_client, field, topic):
    PriorityFactory(topic=topic, title=PROBIOTICS, status=Status.PENDING)
    response = api_client.get(
        SIMILAR_API, {"q": "Do probiotics prevent NEC in premature babies?"}
    )
    assert response.status_code == 200
    rows = response.json()
    assert rows[0]["id"] == field["probiotics"].pk
    assert rows[0]["topic"] == topic.slug
    assert rows[0]["url"].endswith(f"/priorities/{field['probiotics'].pk}/")
    assert 0 < rows[0]["score"] <= 1
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert len(rows) == len({r["id"] for r in rows})


@pytest.mark.parametrize(
    "params", [{}, {"q": ""}, {"q": "   "}, {"q": "x" * 2001}, {"q": "a\x00b"}]
)
def test_api_refuses_a_missing_blank_or_long_query(api_client, field, params):
    response = api_client.get(SIMILAR_API, params)
    assert response.status_code == 400
    assert response.json()["errors"]["q"]


def test_api_unrelated_question_has_no_match(api_client, field):
    response = api_client.get(SIMILAR_API, {"q": "Parking charges for visitors"})
    assert response.status_code == 200
    assert response.json() == []


def test_api_schema_documents_the_endpoint(api_client):
    schema = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/priorities/similar/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"q"}
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body["type"] == "array"
    item = schema["components"]["schemas"]["SimilarPriority"]
    assert {"id", "title", "score", "url"} <= set(item["properties"])
