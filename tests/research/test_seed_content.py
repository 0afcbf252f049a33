"""The shipped content obeys the evidence rules (shared/evidence/README.md)."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from research.models import (
    Citation,
    Factor,
    Finding,
    PublishedFinding,
    Recommendation,
    SummaryVersion,
)
from research.seed.content import ROWS
from research.seed.loader import seed_rows

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "research" / "seed" / "findings.json"


@pytest.fixture
def seeded(db):
    from research.demo import seed

    seed()


def test_the_seed_ships_inside_the_repository_with_its_verified_flags():
    rows = json.loads(SEED.read_text())
    assert len(rows) == len(ROWS)
    assert all("verified" in row for row in rows)
    assert any(row["verified"] is False for row in rows)


def test_demo_seed_is_idempotent(seeded):
    counts = [m.objects.count() for m in (Factor, Finding, Citation, SummaryVersion)]
    from research.demo import seed

    seed()
    assert counts == [
        m.objects.count() for m in (Factor, Finding, Citation, SummaryVersion)
    ]


def test_unverified_figures_are_drafts_marked_needs_verification(seeded):
    for index, row in enumerate(seed_rows()):
        if not row["verified"]:
            finding = Finding.objects.get(position=index, source_text=row["citation"])
            assert finding.needs_verification
    published_values = {
        (f.comparison, f.estimate) for f in PublishedFinding.objects.current()
    }
    for row in seed_rows():
        if not row["verified"]:
            assert row["comparison"] not in {c for c, _ in published_values}


def test_every_published_figure_is_a_verified_figure_from_the_seed(seeded):
    verified = {
        (
            r["comparison"],
            None if r["estimate"] is None else Decimal(str(r["estimate"])),
        )
        for r in seed_rows()
        if r["verified"]
    }
    for finding in PublishedFinding.objects.current():
        assert (finding.comparison, finding.estimate) in verified


def test_published_identifiers_are_the_source_rows_own(seeded):
    # The old bug: SIFT was published with a DOI lifted from its citation text.
    rows = seed_rows()
    published = PublishedFinding.objects.current().select_related("source_finding")
    assert published.exists()
    for finding in published:
        row = rows[finding.source_finding.position]
        assert row["verified"]
        if finding.citation is None:
            assert row["kind"] == "statement" and row["source_url"]
            assert finding.source_url == row["source_url"]
            continue
        assert (finding.citation.doi or None) == row["doi"]
        assert (finding.citation.pmid or None) == row["pmid"]


def test_rows_without_identifiers_are_never_published_findings(seeded):
    for index, row in enumerate(seed_rows()):
        if row["pmid"] or row["doi"] or row["kind"] == "statement":
            continue
        finding = Finding.objects.get(position=index, source_text=row["citation"])
        assert finding.needs_verification and finding.citation is None
        assert not finding.published_copies.exists()


def test_two_rows_that_lost_verification_are_unpublished(seeded, client):
    rows = seed_rows()
    sift, antibiotics = rows[7], rows[12]
    assert sift["doi"] is None and antibiotics["verified"] is False
    for row in (sift, antibiotics):
        assert not PublishedFinding.objects.filter(comparison=row["comparison"])
    text = client.get("/evidence/feed-advancement/").content.decode()
    assert "0.88" not in text and "70/1394" not in text and "hta24180" not in text
    text = _without_times(
        client.get("/api/v1/evidence/findings/?factor=feed-advancement").json()
    )
    assert "0.88" not in text and "hta24180" not in text
    assert "1.24" not in _without_times(client.get("/api/v1/evidence/findings/").json())


def _without_times(payload) -> str:
    """The API answer as text, less its timestamps ("published_at"), whose
    seconds (":11.240") could contain a figure looked for."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if not k.endswith("_at")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return json.dumps(strip(payload))


def test_nulls_stay_null(seeded):
    by_comparison = {r["comparison"]: r for r in seed_rows()}
    for finding in Finding.objects.all():
        row = by_comparison[finding.comparison]
        for field in ("estimate", "ci_low", "ci_high", "studies", "participants"):
            if row[field] is None:
                assert getattr(finding, field) is None, field


def test_donor_milk_is_published_in_words_only(seeded, client):
    html = client.get("/evidence/donor-human-milk/").content.decode()
    assert "reduces the risk of necrotising enterocolitis by about half" in html
    assert "https://cochrane.org/CD002971/" in html
    # The pooled estimate and the MILK trial's figures still wait for checking.
    for figure in ("0.53", "4.2", "9.0", "\u22125", "-5"):
        assert figure not in re.sub(r"<[^>]+>", " ", html).split("Sources")[0]
    api = client.get("/api/v1/evidence/findings/?factor=donor-human-milk").json()
    assert [f["kind"] for f in api["results"]] == ["statement"]
    assert api["results"][0]["estimate"] is None


def test_feed_advancement_is_honest_about_no_clear_effect(seeded, client):
    html = client.get("/evidence/feed-advancement/").content.decode()
    assert "no clear effect" in html.lower()
    assert "often listed as a risk factor" in html
    assert "Why is it still listed as a risk?" in html
    family = client.get("/evidence/feed-advancement/families/").content.decode()
    assert "probably makes little or no difference" in family
    assert "Why is it still on some lists?" in family


@pytest.mark.parametrize("slug", ["prolonged-antibiotics", "acid-suppression"])
def test_observational_evidence_says_linked_to_not_causes(seeded, client, slug):
    for path in (f"/evidence/{slug}/", f"/evidence/{slug}/families/"):
        text = re.sub(r"<[^>]+>", " ", client.get(path).content.decode())
        assert re.search(r"(is|are) linked to|This is a link", text)
        # "cause" only ever appears negated: "not proof that ... causes NEC".
        for match in re.finditer(r"\bcause[sd]?\b", text):
            before = text[max(0, match.start() - 45) : match.start()]
            assert re.search(r"\b(not|cannot)\b", before), before


def test_human_milk_fortifier_says_may(seeded, client):
    for path in (
        "/evidence/human-milk-fortifier/",
        "/evidence/human-milk-fortifier/families/",
    ):
        text = re.sub(r"<[^>]+>", " ", client.get(path).content.decode())
        assert re.search(r"\bmay (reduce|lower)\b", text)
    assert (
        "low to very low"
        in client.get("/evidence/human-milk-fortifier/").content.decode()
    )


def test_secondary_summary_percentages_are_not_published(seeded, client):
    html = client.get("/evidence/acid-suppression/").content.decode()
    assert "49%" not in html and "71%" not in html


def test_every_published_recommendation_rests_on_published_findings(seeded, client):
    recs = list(Recommendation.objects.published())
    assert len(recs) >= 5
    for rec in recs:
        assert (
            PublishedFinding.objects.current()
            .filter(source_finding__recommendations=rec)
            .exists()
        )
        assert (
            client.get(f"/evidence/recommendations/{rec.slug}/print/").status_code
            == 200
        )


def test_load_content_command_creates_drafts_only(db, capsys):
    call_command("research_load_content")
    assert Factor.objects.count() == 8
    assert not Factor.objects.published().exists()
    assert not Recommendation.objects.published().exists()
    call_command("research_load_content")
    assert Factor.objects.count() == 8


def test_plain_language_summaries_use_short_sentences():
    from research.readability import sentence_stats
    from research.seed.content import FACTORS

    for spec in FACTORS:
        stats = sentence_stats(spec["plain"])
        assert stats.within_target, (spec["slug"], stats)


def test_the_plain_language_check_flags_long_sentences():
    from research.readability import sentence_stats

    long = "This sentence " + "goes on and on " * 10 + "without a break."
    stats = sentence_stats(f"Short one. {long} Another short one.")
    assert stats.sentences == 3
    assert not stats.within_target
    assert stats.longest_sentence == long


def test_demo_pages_carry_no_placeholder_byline_or_record(seeded, client):
    for path in ("/evidence/probiotics/", "/evidence/probiotics/families/"):
        text = client.get(path).content.decode()
        assert "Written by" not in text and "Evidence editor" not in text
        assert "10.5555" not in text and "demo record" not in text
