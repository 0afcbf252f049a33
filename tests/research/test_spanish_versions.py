"""Evidence pages in Spanish: the Spanish text where there is one, English with
a visible note where there is not, and search still on the English text."""

import pytest
from django.utils import translation

from research import services
from research.models import Factor

from .conftest import publish
from .factories import FindingFactory, SummaryFactory

NOTE = "Esta página aún no está disponible en español"


@pytest.fixture
def bilingual(db, editor, reviewer):
    summary = SummaryFactory(
        factor__name="Probiotic drops",
        factor__name_es="Gotas de probióticos",
        factor__slug="probiotic-drops",
        clinician_summary="Clinician text.",
        plain_summary="Plain words about probiotic drops.",
    )
    services.summary_update(
        by=editor,
        summary=summary,
        plain_summary_es="Palabras sencillas sobre las gotas de probióticos.",
    )
    FindingFactory(summary=summary)
    publish(summary, author=editor, reviewer=reviewer)
    return Factor.objects.get(pk=summary.factor_id)


def test_the_family_page_reads_in_spanish(client, bilingual):
    html = client.get("/es/evidence/probiotic-drops/families/").content.decode()
    assert "Gotas de probióticos" in html
    assert "Palabras sencillas sobre las gotas de probióticos." in html
    assert NOTE not in html
    english = client.get("/evidence/probiotic-drops/families/").content.decode()
    assert "Plain words about probiotic drops." in english
    assert "Gotas" not in english


def test_a_page_without_spanish_falls_back_to_english_with_a_note(
    client, editor, reviewer
):
    summary = SummaryFactory(
        factor__slug="only-english", plain_summary="Only in English, for now."
    )
    FindingFactory(summary=summary)
    publish(summary, author=editor, reviewer=reviewer)
    html = client.get("/es/evidence/only-english/families/").content.decode()
    assert "Only in English, for now." in html
    assert NOTE in html


def test_publishing_from_a_spanish_admin_keeps_both_languages_apart(
    editor, reviewer, db
):
    summary = SummaryFactory(plain_summary="English words.")
    FindingFactory(summary=summary)
    with translation.override("es"):
        services.summary_update(
            by=editor, summary=summary, plain_summary_es="Palabras en español."
        )
        version = publish(summary, author=editor, reviewer=reviewer)
    assert version.plain_summary_en == "English words."
    assert version.plain_summary_es == "Palabras en español."


def test_search_reads_the_english_text_in_both_languages(client, bilingual):
    for prefix in ("", "/es"):
        html = client.get(f"{prefix}/evidence/?q=probiotic").content.decode()
        assert "/evidence/probiotic-drops/" in html, prefix


def test_the_clinician_page_says_it_is_in_english(client, bilingual):
    assert NOTE in client.get("/es/evidence/probiotic-drops/").content.decode()
    assert NOTE not in client.get("/evidence/probiotic-drops/").content.decode()
