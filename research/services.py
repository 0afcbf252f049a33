"""Writes for evidence summaries: the editorial workflow and citations.

Who may do what (see docs/research.md):
- an *editor* is an active staff member with `research.change_evidencesummary`;
  editors draft and edit summaries, findings and citations, and send a draft
  for review, naming a reviewer;
- a *reviewer* is an active staff member with `research.review_evidencesummary`
  who is not the author; only the reviewer named on the draft may publish it or
  send it back. Publishing snapshots an immutable SummaryVersion.
Members who are not staff can do none of this, whatever permissions they hold
(portal.access.has_staff_perm). The Moderators group holds both permissions.

Lock order: a service that locks several rows takes the evidence summary first,
then its factor (publishing and withdrawing both do), so two of them working on
the same factor queue up instead of deadlocking.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal import access
from portal.identifiers import normalise_doi, normalise_pmid
from portal.models import User

from .models import (
    Citation,
    EvidenceSummary,
    Factor,
    Finding,
    PublishedFinding,
    Recommendation,
    SummaryState,
    SummaryVersion,
)

logger = logging.getLogger(__name__)

EDIT_PERMISSION = "research.change_evidencesummary"
REVIEW_PERMISSION = "research.review_evidencesummary"


# --- Roles --------------------------------------------------------------------------


def is_editor(user) -> bool:
    return access.has_staff_perm(user, EDIT_PERMISSION)


def is_reviewer(user) -> bool:
    return access.has_staff_perm(user, REVIEW_PERMISSION)


def _require_editor(user) -> None:
    access.require_staff(
        user, EDIT_PERMISSION, message=_("Only evidence editors (staff) may do this.")
    )


def _require_reviewer(user, message: str) -> None:
    access.require_staff(user, REVIEW_PERMISSION, message=message)


def review_interval() -> datetime.timedelta:
    return datetime.timedelta(days=settings.RESEARCH_REVIEW_INTERVAL_DAYS)


# --- Citations ----------------------------------------------------------------------


def citation_ids_clean(*, doi: str, pmid: str) -> tuple[str, str]:
    """Normalised (doi, pmid); at least one is required, so every source links."""
    errors: dict[str, list] = {}
    cleaned = {}
    for field, value, normalise in (
        ("doi", doi, normalise_doi),
        ("pmid", pmid, normalise_pmid),
    ):
        try:
            cleaned[field] = normalise(value)
        except ValidationError as exc:
            errors[field] = exc.messages
    if errors:
        raise ValidationError(errors)
    if not cleaned["doi"] and not cleaned["pmid"]:
        raise ValidationError(
            {"doi": [_("Give a DOI or a PMID (or both): every source needs a link.")]}
        )
    return cleaned["doi"], cleaned["pmid"]


def _citation_clean(citation: Citation) -> None:
    citation.doi, citation.pmid = citation_ids_clean(
        doi=citation.doi, pmid=citation.pmid
    )
    citation.full_clean()


def citation_create(
    *,
    by,
    title: str,
    journal: str,
    authors: str = "",
    year: int | None = None,
    doi: str = "",
    pmid: str = "",
    note: str = "",
) -> Citation:
    """Add a source; DOI and PMID are normalised, and one of them is required."""
    _require_editor(by)
    citation = Citation(
        authors=authors,
        year=year,
        title=title,
        journal=journal,
        doi=doi,
        pmid=pmid or "",
        note=note,
    )
    with transaction.atomic():
        _citation_clean(citation)
        citation.save()
    return citation


def citation_update(*, by, citation: Citation, **fields) -> Citation:
    """Change a source; invalid input raises and leaves the stored row untouched."""
    _require_editor(by)
    with transaction.atomic():
        locked = Citation.objects.select_for_update().get(pk=citation.pk)
        for name, value in fields.items():
            setattr(locked, name, value)
        _citation_clean(locked)
        locked.save()
    return locked


# --- Summaries ----------------------------------------------------------------------


def summary_for_factor(*, factor: Factor) -> EvidenceSummary:
    summary, _created = EvidenceSummary.objects.get_or_create(factor=factor)
    return summary


def summary_update(
    *,
    by,
    summary: EvidenceSummary,
    clinician_summary: str | None = None,
    plain_summary: str | None = None,
    plain_summary_es: str | None = None,
    change_note: str | None = None,
    next_review_due: datetime.date | None = None,
) -> EvidenceSummary:
    """Edit the working copy. Editing a summary that is in review or published
    sends it back to draft: the public keeps seeing the published version until
    the new text has been reviewed. `plain_summary` is the English text and
    `plain_summary_es` its Spanish version, whatever language the editor reads."""
    _require_editor(by)
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        locked = EvidenceSummary.objects.select_for_update().get(pk=summary.pk)
        changed = False
        for name, value in (
            ("clinician_summary", clinician_summary),
            ("plain_summary", plain_summary),
            ("plain_summary_es", plain_summary_es),
            ("change_note", change_note),
        ):
            if value is not None and value != getattr(locked, name):
                setattr(locked, name, value)
                changed = True
        if next_review_due is not None:
            locked.next_review_due = next_review_due
        if changed:
            _reopen(locked, by=by)
        locked.full_clean()
        locked.save()
    return locked


def _reopen(locked: EvidenceSummary, *, by) -> None:
    """Back to draft with `by` as author; they can no longer review it."""
    locked.state = SummaryState.DRAFT
    locked.author = by
    if locked.reviewer_id == by.pk:
        locked.reviewer = None


def summary_mark_changed(*, by, summary: EvidenceSummary) -> EvidenceSummary:
    """Called after findings change: the working copy becomes a draft again."""
    _require_editor(by)
    with transaction.atomic():
        locked = EvidenceSummary.objects.select_for_update().get(pk=summary.pk)
        _reopen(locked, by=by)
        locked.save()
    return locked


def publishable_findings(summary: EvidenceSummary) -> list[Finding]:
    """The findings publishing copies: verified and sourced, in page order."""
    return [
        f
        for f in summary.findings.select_related("citation").order_by("position", "pk")
        if f.is_publishable
    ]


def _check_ready(summary: EvidenceSummary) -> list[Finding]:
    """Refuse an incomplete summary; return the findings publishing would copy."""
    errors: dict[str, list[str]] = {}
    if not summary.clinician_summary.strip():
        errors["clinician_summary"] = [_("Write the clinician summary first.")]
    if not summary.plain_summary.strip():
        errors["plain_summary"] = [_("Write the plain-language summary first.")]
    findings = publishable_findings(summary)
    if not findings:
        errors["findings"] = [
            _(
                "At least one finding with a verified source is needed: nothing on a "
                "published page may be unsourced."
            )
        ]
    if errors:
        raise ValidationError(errors)
    return findings


def summary_submit_for_review(
    *, by, summary: EvidenceSummary, reviewer
) -> EvidenceSummary:
    """Draft → in review. The submitter becomes the author; the reviewer must be a
    different staff member who holds the review permission."""
    _require_editor(by)
    if reviewer is None or reviewer.pk == by.pk:
        raise ValidationError(
            {"reviewer": [_("Choose a reviewer other than yourself.")]}
        )
    if not is_reviewer(reviewer):
        raise ValidationError(
            {"reviewer": [_("The reviewer must be staff with the review permission.")]}
        )
    with transaction.atomic():
        locked = EvidenceSummary.objects.select_for_update().get(pk=summary.pk)
        if locked.state != SummaryState.DRAFT:
            raise ValidationError(_("Only a draft can be sent for review."))
        _check_ready(locked)
        locked.state = SummaryState.IN_REVIEW
        locked.author = by
        locked.reviewer = reviewer
        locked.submitted_at = timezone.now()
        locked.review_note = ""
        locked.save()
    logger.info("evidence_summary_submitted", extra={"summary_id": locked.pk})
    return locked


def _require_named_reviewer(by, summary: EvidenceSummary) -> None:
    _require_reviewer(by, _("Only staff reviewers may review summaries."))
    if summary.author_id == by.pk:
        raise PermissionDenied(_("You cannot review a summary you wrote."))
    if summary.reviewer_id != by.pk:
        raise PermissionDenied(
            _("Only the reviewer named on this draft may review it.")
        )


def summary_return_to_draft(
    *, by, summary: EvidenceSummary, note: str = ""
) -> EvidenceSummary:
    """In review → draft, with the reviewer's note for the author."""
    with transaction.atomic():
        locked = EvidenceSummary.objects.select_for_update().get(pk=summary.pk)
        if locked.state != SummaryState.IN_REVIEW:
            raise ValidationError(_("Only a summary in review can be sent back."))
        _require_named_reviewer(by, locked)
        locked.state = SummaryState.DRAFT
        locked.review_note = note
        locked.save()
    return locked


COPIED_FIELDS = [
    "kind",
    "outcome",
    "outcome_detail",
    "comparison",
    "effect_measure",
    "measure_detail",
    "estimate",
    "ci_low",
    "ci_high",
    "result_text",
    "studies",
    "participants",
    "certainty",
    "certainty_lower",
    "certainty_note",
    "quote",
    "attribution",
    "source_url",
    "checked",
    "position",
]
# The snapshot keeps every copied field but the position (the list order is it).
SNAPSHOT_FIELDS = [name for name in COPIED_FIELDS if name != "position"]
DECIMAL_FIELDS = {"estimate", "ci_low", "ci_high"}


def _snapshot_value(finding: Finding, name: str):
    value = getattr(finding, name)
    if name in DECIMAL_FIELDS and value is not None:
        return str(value)
    if name == "checked" and value is not None:
        return value.isoformat()
    return value


def summary_snapshot(summary: EvidenceSummary, findings: list[Finding]) -> dict:
    return {
        "factor": {
            "slug": summary.factor.slug,
            "name": summary.factor.name,
            "direction": summary.factor.direction,
        },
        "clinician_summary": summary.clinician_summary,
        "plain_summary": summary.plain_summary,
        "findings": [
            {
                **{name: _snapshot_value(f, name) for name in SNAPSHOT_FIELDS},
                "citation": f.citation.as_snapshot() if f.citation else None,
            }
            for f in findings
        ],
    }


def summary_publish(*, by, summary: EvidenceSummary) -> SummaryVersion:
    """In review → published, by the named reviewer. Copies the texts and every
    verified finding into a new immutable version and makes it the public one;
    findings that need verification are left out."""
    today = timezone.localdate()
    # In the default language: the version's texts are copied language by
    # language, whatever language the reviewer reads the admin in.
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        locked = (
            EvidenceSummary.objects.select_for_update(of=("self",))
            .select_related("factor", "author")
            .get(pk=summary.pk)
        )
        if locked.state != SummaryState.IN_REVIEW:
            raise ValidationError(_("Only a summary in review can be published."))
        _require_named_reviewer(by, locked)
        findings = _check_ready(locked)
        last = locked.versions.aggregate(n=Max("number"))["n"] or 0
        due = locked.next_review_due
        if due is None or due <= today:
            due = today + review_interval()
        version = SummaryVersion.objects.create(
            summary=locked,
            number=last + 1,
            factor_name=locked.factor.name,
            direction=locked.factor.direction,
            clinician_summary=locked.clinician_summary,
            plain_summary=locked.plain_summary,
            plain_summary_es=locked.plain_summary_es,
            change_note=locked.change_note,
            author=locked.author,
            author_name=locked.author.public_name if locked.author else "",
            reviewer=by,
            reviewer_name=by.public_name,
            published_at=timezone.now(),
            last_reviewed=today,
            next_review_due=due,
            snapshot=summary_snapshot(locked, findings),
        )
        PublishedFinding.objects.bulk_create(
            [
                PublishedFinding(
                    version=version,
                    citation_id=f.citation_id,
                    source_finding=f,
                    **{name: getattr(f, name) for name in COPIED_FIELDS},
                )
                for f in findings
            ]
        )
        factor = Factor.objects.select_for_update().get(pk=locked.factor_id)
        factor.current_version = version
        factor.save(update_fields=["current_version"])
        locked.state = SummaryState.PUBLISHED
        locked.last_reviewed = today
        locked.next_review_due = due
        locked.change_note = ""
        locked.save()
    logger.info(
        "evidence_summary_published",
        extra={"summary_id": locked.pk, "version": version.number},
    )
    return version


def summary_withdraw(*, by, summary: EvidenceSummary) -> EvidenceSummary:
    """Take a factor off the public site (its versions are kept)."""
    _require_reviewer(by, _("Only staff reviewers may withdraw a summary."))
    with transaction.atomic():
        # Summary first, then its factor: the module's lock order.
        locked = EvidenceSummary.objects.select_for_update().get(pk=summary.pk)
        factor = Factor.objects.select_for_update().get(pk=locked.factor_id)
        factor.current_version = None
        factor.save(update_fields=["current_version"])
        if locked.state == SummaryState.PUBLISHED:
            locked.state = SummaryState.DRAFT
            locked.save(update_fields=["state", "updated_at"])
    return locked


# --- Findings -----------------------------------------------------------------------


def finding_save(*, by, finding: Finding) -> Finding:
    """Create or change a draft finding; the summary becomes a draft again."""
    _require_editor(by)
    with transaction.atomic():
        finding.full_clean()
        finding.save()
        summary_mark_changed(by=by, summary=finding.summary)
    return finding


def finding_delete(*, by, finding: Finding) -> None:
    """Remove a draft finding; published copies stay in their versions."""
    _require_editor(by)
    with transaction.atomic():
        summary = finding.summary
        finding.delete()
        summary_mark_changed(by=by, summary=summary)


# --- Recommendations ----------------------------------------------------------------


def recommendation_publish(*, by, recommendation: Recommendation) -> Recommendation:
    """Publish a recommendation; it must rest on at least one published finding."""
    _require_reviewer(by, _("Only staff reviewers may publish recommendations."))
    with transaction.atomic():
        locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        supported = PublishedFinding.objects.current().filter(
            source_finding__recommendations=locked
        )
        if not supported.exists():
            raise ValidationError(
                {
                    "supporting_findings": [
                        _(
                            "Link at least one published finding: a recommendation "
                            "without published evidence cannot go on the site."
                        )
                    ]
                }
            )
        if locked.published_at is None:
            locked.published_at = timezone.now()
            locked.save(update_fields=["published_at", "updated_at"])
    return locked


def recommendation_unpublish(*, by, recommendation: Recommendation) -> Recommendation:
    _require_editor(by)
    with transaction.atomic():
        locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        locked.published_at = None
        locked.save(update_fields=["published_at", "updated_at"])
    return locked


# --- Stale reviews ------------------------------------------------------------------


def editor_recipients() -> list[str]:
    """E-mail addresses of active staff who may edit evidence summaries."""
    return list(
        User.objects.active_staff()
        .with_perm(EDIT_PERMISSION)
        .order_by("pk")
        .values_list("email", flat=True)
    )


def iso_week(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"
