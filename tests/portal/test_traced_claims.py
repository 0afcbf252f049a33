"""Home, About and FAQ say only what the evidence supports (shared/FACTS.md)."""

from io import StringIO

import pytest
from django.core.management import call_command

from portal.faq_content import FAQ_SEED

UNTRACED = [
    "500 babies",
    "thirty years",
    "Formula feeding instead of human milk",
    "Human milk: the mother's own milk, or donor milk",
]


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", stdout=StringIO())


@pytest.mark.parametrize("url", ["/", "/faq/"])
def test_home_and_faq_carry_no_untraced_claim(client, demo_site, url):
    html = client.get(url).content.decode()
    for sentence in UNTRACED:
        assert sentence not in html
    assert "linked to a lower risk" not in html.lower().replace(
        "linked to a lower risk</h3>", ""
    )


def test_faq_seed_makes_no_claim_about_donor_milk_or_formula_risk():
    answers = " ".join(answer for _, _, items in FAQ_SEED for _, answer in items)
    assert "500" not in answers
    assert "thirty years" not in answers
    assert "formula" not in answers.lower()


def test_home_lists_each_factor_with_a_link_to_its_evidence(client, demo_site):
    html = client.get("/").content.decode()
    assert 'href="/evidence/probiotics/families/"' in html
    assert 'href="/evidence/prolonged-antibiotics/families/"' in html
    # Donor milk is published from the Cochrane review's own words (a statement).
    assert 'href="/evidence/donor-human-milk/families/"' in html
    assert "nichd.nih.gov" in html


def test_about_no_longer_says_feed_advancement_raises_risk(client, db):
    html = client.get("/about/").content.decode()
    assert "how feeds are advanced, and of what lowers it" not in html
    assert "no clear effect on NEC" in html


def test_migration_replaces_the_shipped_faq_answers_only(db):
    from importlib import import_module

    from django.apps import apps

    from portal.models import FAQ, FAQCategory

    migration = import_module("portal.migrations.0004_faq_traced_claims")
    cat = FAQCategory.objects.create(name="About NEC", slug="about-nec")
    old = FAQ.objects.create(
        category=cat,
        question="How many babies does NEC affect?",
        answer="In the United States, about 500 babies die of NEC each year.",
    )
    edited = FAQ.objects.create(
        category=cat,
        question="What is known to change the risk of NEC?",
        answer="An editor's own answer.",
    )
    migration.replace_answers(apps, None)
    old.refresh_from_db()
    edited.refresh_from_db()
    assert "500" not in old.answer and "nichd.nih.gov" in old.answer
    assert edited.answer == "An editor's own answer."
