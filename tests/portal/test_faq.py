import json
import re

import pytest

from tests.factories import FAQCategoryFactory, FAQFactory


@pytest.fixture
def faqs(db):
    care = FAQCategoryFactory(name="Care", slug="care", position=0)
    site = FAQCategoryFactory(name="The site", slug="site", position=1)
    return {
        "milk": FAQFactory(
            category=care, question="Why does donor milk matter?", answer="It helps."
        ),
        "vote": FAQFactory(category=site, question="How do I vote?", answer="Click."),
        "draft": FAQFactory(
            category=site, question="Unpublished draft?", is_published=False
        ),
    }


def test_faq_page_groups_published_questions_by_category(client, faqs):
    html = client.get("/faq/").content.decode()
    assert html.index("Care") < html.index("The site")
    assert "Why does donor milk matter?" in html
    assert "Unpublished draft?" not in html


def test_faq_search_finds_questions_by_words_in_question_or_answer(client, faqs):
    html = client.get("/faq/", {"q": "donor"}).content.decode()
    assert "Why does donor milk matter?" in html
    assert "How do I vote?" not in html
    assert "1 question matches" in html


def test_faq_search_with_no_match_offers_the_contact_form(client, faqs):
    html = client.get("/faq/", {"q": "zebra"}).content.decode()
    assert "No question matches your search" in html
    assert 'href="/contact/"' in html


def test_faq_page_carries_schema_org_faqpage_structured_data(client, faqs):
    html = client.get("/faq/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "FAQPage"
    names = {q["name"] for q in data["mainEntity"]}
    assert names == {"Why does donor milk matter?", "How do I vote?"}


def test_structured_data_cannot_break_out_of_its_script_block(client, db):
    FAQFactory(question="</script><script>alert(1)</script>", answer="x")
    html = client.get("/faq/").content.decode()
    assert "</script><script>alert(1)" not in html


def test_faq_page_query_count_does_not_grow_with_questions(
    client, faqs, django_assert_max_num_queries
):
    for n in range(30):
        FAQFactory(category=faqs["milk"].category, question=f"Extra {n}?")
    with django_assert_max_num_queries(4):
        assert client.get("/faq/").status_code == 200


def test_faq_api_lists_published_questions_only(api_client, faqs):
    response = api_client.get("/api/v1/faq/")
    assert response.status_code == 200
    questions = [row["question"] for row in response.json()["results"]]
    assert "Unpublished draft?" not in questions
    assert len(questions) == 2


def test_faq_api_filters_by_category_and_searches(api_client, faqs):
    by_cat = api_client.get("/api/v1/faq/", {"category": "care"}).json()
    assert [r["question"] for r in by_cat["results"]] == ["Why does donor milk matter?"]
    found = api_client.get("/api/v1/faq/", {"search": "vote"}).json()
    assert [r["question"] for r in found["results"]] == ["How do I vote?"]


def test_faq_api_detail_of_an_unpublished_question_is_404(api_client, faqs):
    response = api_client.get(f"/api/v1/faq/{faqs['draft'].pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_faq_api_refuses_writes_even_from_staff(api_client, moderator, faqs):
    api_client.force_authenticate(moderator)
    response = api_client.post("/api/v1/faq/", {"question": "x", "answer": "y"})
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "POST" not allowed.'}
