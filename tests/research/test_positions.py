"""Each factor page tells the evidence and the organisation's position apart."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string

from research.models import Factor
from research.positions import DISAGREEMENTS, POSITIONS, fill_blank
from tests.portal.test_traced_figures import untraced


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", stdout=StringIO())


def test_every_published_factor_page_has_both_sections_labelled(client, demo_site):
    factors = Factor.objects.published().exclude(direction="background")
    assert factors.count() >= 5
    for factor in factors:
        for url in (factor.get_absolute_url(), factor.get_family_url()):
            html = client.get(url).content.decode()
            assert "What the evidence shows" in html, url
            assert 'id="our-position"' in html, url
            assert "It is our view, not a research finding" in html, url
            # The evidence comes first; the position follows, apart from it.
            assert html.index("What the evidence shows") < html.index("our-position")


def test_positions_carry_no_figures_and_are_in_our_voice():
    for text in [*POSITIONS.values(), *DISAGREEMENTS.values()]:
        assert untraced(text) == []
        assert not any(ch.isdigit() for ch in text)
    for slug, text in POSITIONS.items():
        assert "We " in text, slug


def test_probiotics_page_shows_both_views_and_what_they_mean(client, demo_site):
    html = client.get("/evidence/probiotics/families/").content.decode()
    assert "Where sources disagree" in html
    assert "may reduce NEC" in html
    assert "American Academy of Pediatrics" in html
    assert "What this means for your family" in html
    assert "What this means for a unit" in html


def test_statements_sit_beside_the_findings():
    factor = Factor(slug="probiotics", sources_disagree="What it means.")
    html = render_to_string(
        "research/includes/sources_disagree.html",
        {
            "factor": factor,
            "findings": [],
            "statements": [
                {
                    "quote": "does not support routinely giving probiotics",
                    "citation": "AAP",
                    "source_url": "https://example.org/aap",
                }
            ],
        },
    )
    assert "side-by-side" in html
    assert "What professional bodies say" in html
    assert '<a href="https://example.org/aap" rel="noopener">AAP</a>' in html


def test_fill_blank_never_replaces_an_editors_text(db):
    Factor.objects.create(
        slug="probiotics", name="Probiotics", direction="lowers", our_position="Mine."
    )
    fill_blank()
    factor = Factor.objects.get(slug="probiotics")
    assert factor.our_position == "Mine."
    assert factor.sources_disagree == DISAGREEMENTS["probiotics"]


def test_the_position_is_edited_in_the_admin(admin_client, db):
    factor = Factor.objects.create(slug="x-factor", name="X", direction="raises")
    html = admin_client.get(f"/staff/research/factor/{factor.pk}/change/").content
    # English and Spanish side by side (research/translation.py).
    for field in ("our_position", "sources_disagree"):
        assert f'name="{field}_en"'.encode() in html
        assert f'name="{field}_es"'.encode() in html


def test_the_disagreement_names_each_source_and_repeats_no_certainty(client, demo_site):
    html = client.get("/evidence/probiotics/").content.decode()
    block = html[html.index('id="sources-disagree"') :]
    block = block[: block.index("</section>")]
    assert "American Academy of Pediatrics" in block
    assert ">None<" not in block
    # The review's sentence carries its own certainty; nothing is appended to it.
    assert "death is probably reduced.</li>" in block


def test_a_factor_published_from_a_statement_alone_shows_no_empty_findings(
    client, demo_site
):
    html = client.get("/evidence/donor-human-milk/").content.decode()
    assert 'id="findings"' not in html
    assert 'id="statements"' in html
