"""Load the shipped evidence content (findings.json + content.py) into the database.

Idempotent: factors, citations and recommendations are looked up by their natural
keys (slug, DOI/PMID) first; an existing factor is left exactly as it is, so
running the loader again never overwrites an editor's work.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from research import services
from research.models import (
    Citation,
    EvidenceSummary,
    Factor,
    Finding,
    Recommendation,
    SummaryState,
)

from .content import CITATIONS, FACTORS, GRADE_WORDS, RECOMMENDATIONS, ROWS

SEED_FILE = Path(__file__).with_name("findings.json")


def seed_rows() -> list[dict]:
    return json.loads(SEED_FILE.read_text(encoding="utf-8"))


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _citation(key: str) -> Citation:
    data = CITATIONS[key]
    existing = None
    if data["doi"]:
        existing = Citation.objects.filter(doi__iexact=data["doi"]).first()
    if existing is None and data["pmid"]:
        existing = Citation.objects.filter(pmid=data["pmid"]).first()
    if existing:
        return existing
    citation = Citation(**data)
    citation.full_clean()
    citation.save()
    return citation


def finding_from_row(row: dict, use: dict, summary: EvidenceSummary, position: int):
    """A draft Finding for one table row; unverified or unlinked rows are flagged."""
    citation = _citation(use["citation"]) if use.get("citation") else None
    raw_certainty = (row["certainty"] or "").strip()
    certainty = use.get("certainty")
    if certainty is None:
        certainty = (
            raw_certainty.replace(" ", "_") if raw_certainty in GRADE_WORDS else ""
        )
    certainty_note = use.get("certainty_note")
    if certainty_note is None:
        certainty_note = "" if raw_certainty in GRADE_WORDS else raw_certainty
    finding = Finding(
        summary=summary,
        outcome=use["outcome"],
        outcome_detail=use.get("outcome_detail", row["outcome"]),
        comparison=row["comparison"],
        effect_measure=use["effect_measure"],
        measure_detail=use.get("measure_detail", ""),
        estimate=_decimal(row["estimate"]),
        ci_low=_decimal(row["ci_low"]),
        ci_high=_decimal(row["ci_high"]),
        result_text=use.get("result_text", ""),
        studies=row["studies"],
        participants=row["participants"],
        certainty=certainty,
        certainty_note=certainty_note[:300],
        citation=citation,
        source_text=row["citation"],
        needs_verification=not row["verified"] or citation is None,
        verification_note=use.get("verification_note", ""),
        position=position,
    )
    finding.full_clean()
    finding.save()
    return finding


def load(*, author=None, reviewer=None) -> dict[str, int]:
    """Create what is missing. With an author and a reviewer (two different staff
    members), summaries that have verified findings are sent through review and
    published, and recommendations with published support are published."""
    rows = seed_rows()
    created = {"factors": 0, "published": 0, "recommendations": 0}
    findings_by_row: dict[int, Finding] = {}
    new_summaries: list[EvidenceSummary] = []
    with transaction.atomic():
        for position, spec in enumerate(FACTORS):
            factor, made = Factor.objects.get_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "direction": spec["direction"],
                    "position": position,
                },
            )
            if not made:
                continue
            created["factors"] += 1
            summary = EvidenceSummary.objects.create(
                factor=factor,
                clinician_summary=spec["clinician"],
                plain_summary=spec["plain"],
                author=author,
                change_note="First version.",
            )
            new_summaries.append(summary)
            for index, use in enumerate(ROWS):
                if use["factor"] == spec["slug"]:
                    findings_by_row[index] = finding_from_row(
                        rows[index], use, summary, position=index
                    )
        if author is not None and reviewer is not None:
            for summary in new_summaries:
                if not any(f.is_publishable for f in summary.findings.all()):
                    continue  # e.g. donor milk: every figure awaits verification
                services.summary_submit_for_review(
                    by=author, summary=summary, reviewer=reviewer
                )
                services.summary_publish(by=reviewer, summary=summary)
                created["published"] += 1
        for position, spec in enumerate(RECOMMENDATIONS):
            if Recommendation.objects.filter(slug=spec["slug"]).exists():
                continue
            rec = Recommendation.objects.create(
                slug=spec["slug"],
                title=spec["title"],
                summary=spec["summary"],
                body=spec["body"],
                strength=spec["strength"],
                certainty=spec["certainty"],
                grading_note=spec["grading_note"],
                position=position,
            )
            rec.supporting_findings.set(
                [findings_by_row[i] for i in spec["rows"] if i in findings_by_row]
            )
            created["recommendations"] += 1
            if (
                reviewer is not None
                and rec.supporting_findings.filter(
                    summary__state=SummaryState.PUBLISHED
                ).exists()
            ):
                services.recommendation_publish(by=reviewer, recommendation=rec)
    return created
