"""Evidence kinds and certainty ranges, as families and clinicians see them."""

import re

import pytest

from research import services
from research.models import Citation, EvidenceSummary, Finding, SummaryState
from research.seed.loader import load

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(editor, reviewer):
    load(author=editor, reviewer=reviewer)


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_sift_needs_verification_until_an_editor_enters_an_identifier(
    loaded, client, editor, reviewer
):
    sift = Finding.objects.get(summary__factor__slug="feed-advancement", position=7)
    assert sift.needs_verification and sift.citation is None
    assert "0.88" not in _text(client.get("/evidence/feed-advancement/"))
    client.force_login(editor)
    page = client.get("/evidence/staff/").content.decode()
    assert "Faster (30 mL/kg/d) vs slower" in page

    # The editor enters a confirmed identifier and re-checks the row.
    sift.citation = Citation.objects.create(
        authors="Dorling J, et al.", year=2019, journal="N Engl J Med", pmid="31597028"
    )
    sift.needs_verification = False
    services.finding_save(by=editor, finding=sift)
    summary = EvidenceSummary.objects.get(factor__slug="feed-advancement")
    services.summary_submit_for_review(by=editor, summary=summary, reviewer=reviewer)
    services.summary_publish(by=reviewer, summary=summary)
    client.logout()
    assert "0.88" in _text(client.get("/evidence/feed-advancement/"))


def test_a_ticked_box_alone_does_not_publish_an_unsourced_row(loaded, editor):
    sift = Finding.objects.get(summary__factor__slug="feed-advancement", position=7)
    sift.needs_verification = False
    with pytest.raises(Exception):
        sift.full_clean()
    assert not sift.is_publishable


def test_aap_statement_is_a_quotation_beside_the_cochrane_finding(loaded, client):
    html = client.get("/evidence/probiotics/").content.decode()
    quote = "does not support routinely giving probiotics to preterm infants"
    assert re.search(r"<blockquote[^>]*>\s*<p>[^<]*" + quote, html)
    assert (
        'href="https://healthychildren.org/English/news/Pages/'
        'Caution-in-Use-of-Probiotics-in-Preterm-Infants.aspx"' in html
    )
    assert "American Academy of Pediatrics" in html
    assert "0.54" in html  # the Cochrane finding stays on the same page
    family = client.get("/evidence/probiotics/families/").content.decode()
    assert quote in family


def test_statements_in_the_api_carry_words_and_a_link_never_a_number(loaded, client):
    rows = client.get("/api/v1/evidence/findings/?factor=probiotics").json()["results"]
    statements = [r for r in rows if r["kind"] == "statement"]
    assert len(statements) == 1  # ESPGHAN and FDA rows are unverified drafts
    aap = statements[0]
    assert aap["estimate"] is None and aap["citation"] is None
    assert aap["source_url"].startswith("https://healthychildren.org/")
    assert "does not support routinely" in aap["quote"]
    assert aap["checked"] == "2026-11-29"


def test_fortifier_certainty_is_low_to_very_low_on_pages_and_api(loaded, client):
    assert "Low to very low" in _text(client.get("/evidence/human-milk-fortifier/"))
    rows = client.get("/api/v1/evidence/findings/?factor=human-milk-fortifier").json()[
        "results"
    ]
    rated = [r for r in rows if r["certainty"]]
    assert len(rated) == 2
    for row in rated:
        assert (row["certainty_high"], row["certainty_low"]) == ("low", "very_low")
        assert row["certainty_levels"] == ["low", "very_low"]
        assert row["certainty_label"] == "Low to very low"


@pytest.mark.parametrize("level", ["low", "very_low"])
def test_either_end_of_a_range_finds_the_fortifier(loaded, client, level):
    page = client.get(f"/evidence/?certainty={level}").content.decode()
    assert "/evidence/human-milk-fortifier/" in page
    api = client.get(f"/api/v1/evidence/factors/?certainty={level}").json()
    assert "human-milk-fortifier" in [f["slug"] for f in api["results"]]
    rows = client.get(f"/api/v1/evidence/findings/?certainty={level}").json()
    assert "human-milk-fortifier" in [r["factor"] for r in rows["results"]]


def test_moderate_does_not_find_a_low_to_very_low_range(loaded, client):
    rows = client.get(
        "/api/v1/evidence/findings/?certainty=moderate&factor=human-milk-fortifier"
    ).json()
    assert rows["count"] == 0


def test_burden_rows_are_stored_with_their_sources(loaded, client):
    rows = client.get("/api/v1/evidence/findings/?factor=nec-in-numbers").json()
    burden = {r["result"] for r in rows["results"] if r["kind"] == "burden"}
    assert "13.1 deaths per 100,000 live births a year, US 1979-85" in burden
    assert not any("10.2" in r for r in burden)  # unverified 1999-2020 figure
    nih = [r for r in rows["results"] if r["kind"] == "statement"]
    assert nih[0]["source_url"].startswith("https://nichd.nih.gov/")


def test_loading_twice_changes_nothing(loaded, editor, reviewer):
    before = (
        Finding.objects.count(),
        EvidenceSummary.objects.filter(state=SummaryState.PUBLISHED).count(),
    )
    load(author=editor, reviewer=reviewer)
    after = (
        Finding.objects.count(),
        EvidenceSummary.objects.filter(state=SummaryState.PUBLISHED).count(),
    )
    assert before == after
