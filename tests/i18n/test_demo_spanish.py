"""The demo data carries Spanish versions of the FAQ and the family evidence pages."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from portal.faq_content_es import FAQ_ES
from research.models import Factor
from research.seed.content import FACTORS
from research.seed.content_es import FACTORS_ES

NOTE = "Esta página aún no está disponible en español"
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@pytest.fixture
def demo(db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # safe to run again


def test_the_spanish_faq_has_every_question_in_spanish(client, demo):
    html = client.get("/es/faq/").content.decode()
    assert "¿Qué es la enterocolitis necrosante (ECN)?" in html
    assert "Esta respuesta aún no está disponible" not in html
    assert "Sobre la ECN" in html


def test_every_family_evidence_page_reads_in_spanish(client, demo):
    factors = Factor.objects.published()
    assert factors.count() >= 5
    for factor in factors:
        html = client.get(f"/es/evidence/{factor.slug}/families/").content.decode()
        assert FACTORS_ES[factor.slug]["name"] in html, factor.slug
        assert NOTE not in html, factor.slug


def test_the_spanish_texts_keep_every_number_of_the_english():
    english = {spec["slug"]: spec["plain"] for spec in FACTORS}
    for slug, texts in FACTORS_ES.items():
        assert sorted(NUMBER.findall(texts["plain"])) == sorted(
            NUMBER.findall(english[slug])
        ), slug
    from portal.faq_content import FAQ_SEED

    answers = {q: a for _c, _s, items in FAQ_SEED for q, a in items}
    for question, (_q, answer) in FAQ_ES.items():
        numbers = sorted(NUMBER.findall(answers[question]))
        assert sorted(NUMBER.findall(answer)) == numbers, question
