"""Load the shipped evidence content (findings.json + content.py) into the database.

Idempotent: factors, citations and recommendations are looked up by their natural
keys (slug, DOI/PMID) first; an existing factor is left exactly as it is, so
running the loader again never overwrites an editor's work.
"""

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from research import services
from research.models import (
    Citation,
    EvidenceSummary,
    Factor,
    Finding,
    Kind,
    Recommendation,
    SummaryState,
    SummaryVersion,
)

from .content import CITATIONS, FACTORS, GRADE_WORDS, RECOMMENDATIONS, ROWS
from .content_es import FACTORS_ES

SEED_FILE = Path(__file__).with_name("findings.json")


def seed_rows() -> list[dict]:
    return json.loads(SEED_FILE.read_text(encoding="utf-8"))


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _citation(key: str, row: dict) -> Citation | None:
    """The citation for a row, with the row's own identifiers and no others.

    content.py adds authors, title and journal; the DOI and PMID always come
    from the row. A row whose pmid and doi are both null has no confirmed
    identifier, whatever its citation text says, so it gets no Citation.
    """
    doi, pmid = row["doi"] or "", row["pmid"] or ""
    if not doi and not pmid:
        return None
    existing = None
    if doi:
        existing = Citation.objects.filter(doi__iexact=doi).first()
    if existing is None and pmid:
        existing = Citation.objects.filter(pmid=pmid).first()
    if existing:
        return existing
    citation = Citation(**{**CITATIONS[key], "doi": doi, "pmid": pmid})
    citation.full_clean()
    citation.save()
    return citation


RANGE = re.compile(r"^(high|moderate|low|very low) to (moderate|low|very low)\b")


def _certainty(raw: str, use: dict) -> tuple[str, str, str]:
    """(GRADE level or its higher end, lower end of a range, note) for a row."""
    if "certainty" in use:
        return (
            use["certainty"],
            use.get("certainty_lower", ""),
            use.get("certainty_note", ""),
        )
    note = use.get("certainty_note")
    if raw in GRADE_WORDS:
        return raw.replace(" ", "_"), "", note or ""
    match = RANGE.match(raw)
    if match:
        high, low = (level.replace(" ", "_") for level in match.groups())
        rest = raw[match.end() :].strip().strip("()").strip()
        return high, low, note if note is not None else rest
    return "", "", note if note is not None else raw


def is_sourced(row: dict, citation: Citation | None) -> bool:
    """A confirmed identifier, or a statement linked to the page it quotes."""
    if citation is not None:
        return True
    return row.get("kind") == Kind.STATEMENT and bool(row.get("source_url"))


def finding_from_row(row: dict, use: dict, summary: EvidenceSummary, position: int):
    """A draft Finding for one table row; unverified or unsourced rows are flagged."""
    citation = _citation(use["citation"], row) if use.get("citation") else None
    certainty, certainty_lower, certainty_note = _certainty(
        (row["certainty"] or "").strip(), use
    )
    finding = Finding(
        summary=summary,
        kind=row.get("kind") or Kind.FINDING,
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
        certainty_lower=certainty_lower,
        certainty_note=certainty_note[:300],
        quote=row.get("quote") or "",
        attribution=use.get("attribution", ""),
        source_url=row.get("source_url") or "",
        checked=date.fromisoformat(row["checked"]) if row.get("checked") else None,
        citation=citation,
        source_text=row["citation"],
        needs_verification=not row["verified"] or not is_sourced(row, citation),
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
                    "name_es": FACTORS_ES.get(spec["slug"], {}).get("name"),
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
                plain_summary_es=FACTORS_ES.get(spec["slug"], {}).get("plain"),
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


def fill_spanish() -> int:
    """Give the shipped factors the Spanish family texts they lack (an editor's
    text is never replaced), including their published versions, whose English
    these translate. Returns how many fields were filled."""
    filled = 0
    english = {spec["slug"]: spec["plain"] for spec in FACTORS}
    for slug, texts in FACTORS_ES.items():
        factor = Factor.objects.filter(slug=slug).first()
        if factor is None:
            continue
        wanted = {
            "name_es": texts.get("name"),
            "our_position_es": texts.get("position") if factor.our_position else None,
            "sources_disagree_es": texts.get("disagreement")
            if factor.sources_disagree
            else None,
        }
        for field, text in wanted.items():
            if text and not getattr(factor, field):
                Factor.objects.filter(pk=factor.pk).update(**{field: text})
                filled += 1
        if texts.get("plain"):
            # Only where the English is the text translated here.
            blank = Q(plain_summary_es__isnull=True) | Q(plain_summary_es="")
            same = Q(plain_summary_en=english.get(slug))
            filled += EvidenceSummary.objects.filter(blank, same, factor=factor).update(
                plain_summary_es=texts["plain"]
            )
            filled += SummaryVersion.objects.filter(
                blank, same, summary__factor=factor
            ).update(plain_summary_es=texts["plain"])
    return filled
