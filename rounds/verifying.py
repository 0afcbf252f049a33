"""Verifying: from the long list of suggestions to a shortlist of questions.

Staff merge suggestions that ask the same thing into one indicative question
(the similarity engine proposes groups), rephrase it (earlier wordings kept),
and decide: on the shortlist (a true uncertainty), out of scope (with a reason)
or already answered (with the evidence summary or review that answers it).
Lock order: the question's row, then its suggestions.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal import access
from priorities.similarity import clusters

from .models import (
    Phase,
    Question,
    QuestionRevision,
    QuestionStatus,
    Round,
    Suggestion,
    is_doi_or_pmid,
)
from .permissions import CHANGE_PERM

# Looser than the "similar priorities" hint: staff look at each group anyway.
PROPOSAL_THRESHOLD = 0.3
MAX_QUESTION_CHARS = 1000


def proposals(round_: Round, *, threshold: float = PROPOSAL_THRESHOLD) -> list:
    """Groups of not-yet-merged suggestions that seem to ask the same thing."""
    items = list(Suggestion.objects.filter(round=round_, question__isnull=True))
    return clusters(items, threshold=threshold)


def _require_verifying(actor, round_: Round) -> None:
    access.require_staff(actor, CHANGE_PERM)
    if round_.phase != Phase.VERIFYING:
        raise ValidationError(_("Questions are checked only while verifying."))


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the question.")})
    if len(text) > MAX_QUESTION_CHARS:
        raise ValidationError({"text": _("At most 1000 characters.")})
    return text


def question_create(
    *, round_: Round, actor, suggestion_ids: list[int], text: str
) -> Question:
    """One indicative question from one or more suggestions (a merge)."""
    _require_verifying(actor, round_)
    text = _clean_text(text)
    ids = set(suggestion_ids)
    if not ids:
        raise ValidationError({"suggestions": _("Choose at least one suggestion.")})
    with transaction.atomic():
        found = list(
            Suggestion.objects.select_for_update().filter(round=round_, pk__in=ids)
        )
        if len(found) != len(ids):
            raise ValidationError(
                {"suggestions": _("Some of these suggestions are not in this round.")}
            )
        if any(s.question_id for s in found):
            raise ValidationError(
                {"suggestions": _("Some of these suggestions were merged already.")}
            )
        question = Question.objects.create(round=round_, text=text)
        QuestionRevision.objects.create(question=question, text=text, actor=actor)
        Suggestion.objects.filter(pk__in=ids).update(question=question)
    return question


def question_add_suggestions(
    *, question: Question, actor, suggestion_ids: list[int]
) -> Question:
    """Merge more suggestions into an existing question."""
    _require_verifying(actor, question.round)
    with transaction.atomic():
        found = list(
            Suggestion.objects.select_for_update().filter(
                round=question.round, pk__in=set(suggestion_ids), question__isnull=True
            )
        )
        if not found or len(found) != len(set(suggestion_ids)):
            raise ValidationError(
                {"suggestions": _("Choose suggestions of this round not yet merged.")}
            )
        Suggestion.objects.filter(pk__in=[s.pk for s in found]).update(
            question=question
        )
    return question


def question_rephrase(*, question: Question, actor, text: str) -> Question:
    """A new wording; every earlier wording stays in the history."""
    _require_verifying(actor, question.round)
    text = _clean_text(text)
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        if locked.text != text:
            locked.text = text
            locked.save(update_fields=["text"])
            QuestionRevision.objects.create(question=locked, text=text, actor=actor)
    return locked


def question_decide(
    *,
    question: Question,
    actor,
    status: str,
    reason: str = "",
    evidence_factor=None,
    evidence_reference: str = "",
) -> Question:
    """Shortlist a question, mark it out of scope, or answered by evidence."""
    _require_verifying(actor, question.round)
    reason = (reason or "").strip()
    evidence_reference = (evidence_reference or "").strip()
    if status not in QuestionStatus.values:
        raise ValidationError({"status": _("Choose one of the listed decisions.")})
    if status == QuestionStatus.OUT_OF_SCOPE and not reason:
        raise ValidationError({"reason": _("Say why it is out of scope.")})
    if evidence_reference and not is_doi_or_pmid(evidence_reference):
        raise ValidationError(
            {
                "evidence_reference": _(
                    "Give a DOI (10.xxxx/...) or a PubMed ID (digits only)."
                )
            }
        )
    if status == QuestionStatus.ANSWERED and not (
        evidence_factor or evidence_reference
    ):
        raise ValidationError(
            {
                "evidence_reference": _(
                    "Link the evidence summary or give the review's DOI or PMID."
                )
            }
        )
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        locked.status = status
        locked.out_of_scope_reason = (
            reason if status == QuestionStatus.OUT_OF_SCOPE else ""
        )
        locked.true_uncertainty = {
            QuestionStatus.SHORTLISTED: True,
            QuestionStatus.ANSWERED: False,
        }.get(status)
        locked.evidence_factor = evidence_factor
        locked.evidence_reference = evidence_reference
        locked.save()
    return locked
