"""Final workshop and CHNRI expert scoring: staff record, scorers answer."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from discussion.public import NotificationKind, notify
from portal import access

from .models import (
    DEFAULT_CRITERIA,
    Answer,
    Criterion,
    Phase,
    Question,
    QuestionStatus,
    Round,
    Score,
    ScorerAssignment,
    SubQuestion,
    WorkshopResult,
)
from .permissions import CHANGE_PERM


def workshop_record(
    *, round_: Round, actor, positions: dict[int, int | None], notes: str = ""
) -> list[WorkshopResult]:
    """Store the workshop's agreed order (replacing an earlier entry)."""
    access.require_staff(actor, CHANGE_PERM)
    if round_.phase != Phase.WORKSHOP:
        raise ValidationError(_("The workshop's order is recorded in its phase."))
    chosen = {q: p for q, p in positions.items() if p}
    shortlist = set(
        Question.objects.shortlist().filter(round=round_).values_list("pk", flat=True)
    )
    if set(chosen) - shortlist:
        raise ValidationError({"positions": _("Only shortlisted questions.")})
    if len(set(chosen.values())) != len(chosen):
        raise ValidationError({"positions": _("Each position can be given once.")})
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        WorkshopResult.objects.filter(round=locked).delete()
        rows = WorkshopResult.objects.bulk_create(
            [
                WorkshopResult(round=locked, question_id=q, position=p)
                for q, p in sorted(chosen.items(), key=lambda item: item[1])
            ]
        )
        locked.workshop_notes = notes
        locked.save(update_fields=["workshop_notes"])
    return rows


def criteria_ensure_defaults(*, round_: Round) -> list[Criterion]:
    """The five CHNRI criteria with one sub-question each, unless staff set some."""
    if not round_.criteria.exists():
        for position, (name, subs) in enumerate(DEFAULT_CRITERIA):
            criterion = Criterion.objects.create(
                round=round_, name=str(name), position=position
            )
            for sub_position, text in enumerate(subs):
                SubQuestion.objects.create(
                    criterion=criterion, text=str(text), position=sub_position
                )
    return list(round_.criteria.all())


def assignment_invite(*, round_: Round, actor, scorer, question: Question):
    """Invite an expert to score one question."""
    access.require_staff(actor, CHANGE_PERM)
    if question.round_id != round_.pk or question.status != QuestionStatus.SHORTLISTED:
        raise ValidationError({"question": _("Only this round's shortlist.")})
    with transaction.atomic():
        assignment, _created = ScorerAssignment.objects.get_or_create(
            round=round_, scorer=scorer, question=question
        )
        # One notification per scorer and round, however many questions.
        notify(
            recipients=[scorer],
            kind=NotificationKind.STATUS,
            key=f"round-{round_.pk}-scorer-{scorer.pk}",
            message=_("%(round)s: you are invited to score questions.")
            % {"round": round_.name},
            actor=actor,
        )
    return assignment


def scores_save(
    *, assignment: ScorerAssignment, scorer, answers: dict[int, str]
) -> list[Score]:
    """The invited scorer's answers: sub-question id -> yes/undecided/no/uninformed."""
    if scorer is None or assignment.scorer_id != scorer.pk:
        raise PermissionDenied(_("This question was not given to you to score."))
    access.require_participant(scorer)
    if assignment.round.phase != Phase.SCORING:
        raise ValidationError(_("Expert scoring is not open."))
    subs = set(
        SubQuestion.objects.filter(criterion__round=assignment.round).values_list(
            "pk", flat=True
        )
    )
    bad = {k for k, v in answers.items() if k not in subs or v not in Answer.values}
    if bad:
        raise ValidationError({"answers": _("Answer each listed sub-question.")})
    now = timezone.now()
    with transaction.atomic():
        rows = []
        for sub, answer in answers.items():
            row, _c = Score.objects.update_or_create(
                assignment=assignment,
                sub_question_id=sub,
                defaults={"answer": answer, "updated_at": now},
            )
            rows.append(row)
    return rows
