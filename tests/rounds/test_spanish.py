"""A round's scope and plain-language summary read in Spanish on /es/, English
elsewhere; a round without Spanish shows the English rather than a blank."""

import io

import pytest
from django.core.management import call_command

from rounds import demo
from rounds.models import Phase, Round

from .factories import RoundFactory

pytestmark = pytest.mark.django_db


def test_the_spanish_page_shows_the_spanish_scope_and_summary(client):
    RoundFactory(
        slug="r-es",
        phase=Phase.PUBLISHED,
        scope_en="Questions about feeding and NEC.",
        scope_es="Preguntas sobre la alimentación y la ECN.",
        summary_en="Families agreed these questions.",
        summary_es="Las familias acordaron estas preguntas.",
    )
    spanish = client.get("/es/rounds/r-es/").content.decode()
    assert "Preguntas sobre la alimentación y la ECN." in spanish
    assert "Las familias acordaron estas preguntas." in spanish
    assert "translation-note" not in spanish
    english = client.get("/rounds/r-es/").content.decode()
    assert "Questions about feeding and NEC." in english
    assert "Preguntas sobre" not in english
    assert "translation-note" not in english


def test_without_spanish_the_english_scope_is_shown(client):
    RoundFactory(slug="r-en", scope="Questions about donor milk and NEC.")
    page = client.get("/es/rounds/r-en/").content.decode()
    assert "Questions about donor milk and NEC." in page
    # ... with the note that says so, in Spanish.
    assert "translation-note" in page
    assert "Esta página aún no está disponible en español" in page


def test_the_api_answers_in_the_language_asked_for(client):
    RoundFactory(slug="r-api", scope_en="In English.", scope_es="En español.")
    rounds = client.get("/api/v1/rounds/", HTTP_ACCEPT_LANGUAGE="es").json()
    rows = rounds["results"] if isinstance(rounds, dict) else rounds
    assert [r["scope"] for r in rows if r["slug"] == "r-api"] == ["En español."]


def test_the_demo_rounds_have_spanish_scopes_and_staff_text_is_kept(client):
    call_command("seed_demo", stdout=io.StringIO())
    for slug, texts in demo.SPANISH.items():
        round_ = Round.objects.get(slug=slug)
        assert round_.scope_es == texts["scope"]
        assert "NEC" in round_.scope_en
    Round.objects.filter(slug="nec-top-10-demo").update(scope_es="Texto del equipo.")
    Round.objects.filter(slug="feeding-and-nec-demo").update(scope_es=None)
    call_command("seed_demo", stdout=io.StringIO())
    assert Round.objects.get(slug="nec-top-10-demo").scope_es == "Texto del equipo."
    assert Round.objects.get(slug="feeding-and-nec-demo").scope_es.startswith(
        "Preguntas sobre cómo se alimenta"
    )
    page = client.get("/es/rounds/nec-top-10-demo/").content.decode()
    assert "acordaron estas 10 prioridades principales" in page
