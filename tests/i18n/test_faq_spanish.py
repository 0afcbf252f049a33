"""FAQ entries carry a Spanish version; without one the English shows, with a note."""

import pytest

from tests.factories import FAQFactory

pytestmark = pytest.mark.django_db


def test_the_faq_reads_in_spanish_and_notes_what_is_not_translated(client):
    FAQFactory(
        question="What is NEC?",
        question_es="¿Qué es la ECN?",
        answer="A disease of the intestine.",
        answer_es="Una enfermedad del intestino.",
    )
    FAQFactory(question="Only English question?", answer="Only English answer.")
    html = client.get("/es/faq/").content.decode()
    assert "¿Qué es la ECN?" in html and "Una enfermedad del intestino." in html
    assert "Only English question?" in html
    assert html.count("Esta respuesta aún no está disponible en español") == 1
    english = client.get("/faq/").content.decode()
    assert "What is NEC?" in english and "¿Qué" not in english


def test_faq_search_finds_either_language(client):
    FAQFactory(
        question="Is donor milk safe?",
        question_es="¿Es segura la leche materna donada?",
        answer="Yes.",
        answer_es="Sí.",
    )
    assert "donada" in client.get("/es/faq/?q=donada").content.decode()
    assert "donada" in client.get("/es/faq/?q=donor").content.decode()
    assert "donor milk" in client.get("/faq/?q=donor").content.decode()
