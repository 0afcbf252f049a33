"""Moving a round from one phase to the next, by staff or on its date.

Every change is logged (PhaseChange) and the round's participants are told
through discussion.public.notify (an in-site notification, and an e-mail for
those who chose immediate e-mails). Lock order: the round's row only.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from discussion.public import NotificationKind, notify
from portal import access
from portal.models import User

from .models import (
    PHASE_ORDER,
    Ballot,
    PairwiseVote,
    Phase,
    PhaseChange,
    Question,
    Round,
    ScorerAssignment,
    Suggestion,
)
from .permissions import CHANGE_PERM
from .results import store

logger = logging.getLogger(__name__)


def participants(round_: Round) -> QuerySet:
    """Members who took part in the round so far: suggested, ranked, scored."""
    ids = set(
        Suggestion.objects.filter(round=round_, priority__isnull=False).values_list(
            "priority__author_id", flat=True
        )
    )
    ids |= set(Ballot.objects.filter(round=round_).values_list("member_id", flat=True))
    ids |= set(
        PairwiseVote.objects.filter(round=round_).values_list("member_id", flat=True)
    )
    ids |= set(
        ScorerAssignment.objects.filter(round=round_).values_list(
            "scorer_id", flat=True
        )
    )
    return User.objects.reachable().filter(pk__in=ids)


MIN_SHORTLIST = 2


def phase_problem(locked: Round, to_phase: str) -> str:
    """Why the round cannot enter `to_phase` now; "" when it can."""
    if to_phase == Phase.RANKING and (
        Question.objects.shortlist().filter(round=locked).count() < MIN_SHORTLIST
    ):
        return _("Put at least two questions on the shortlist before ranking.")
    return ""


def _change(locked: Round, *, to_phase: str, actor, reason: str) -> PhaseChange:
    now = timezone.now()
    leaving_ranking = locked.phase == Phase.RANKING and PHASE_ORDER.index(
        to_phase
    ) > PHASE_ORDER.index(Phase.RANKING)
    change = PhaseChange.objects.create(
        round=locked,
        from_phase=locked.phase,
        to_phase=to_phase,
        actor=actor,
        reason=reason,
        created_at=now,
    )
    locked.phase = to_phase
    locked.save(update_fields=["phase"])
    if leaving_ranking:
        # The ranking is final when its phase closes: the stored results are
        # computed from the ballots as they are now.
        store(locked)
    label = Phase(to_phase).label
    notify(
        recipients=participants(locked),
        kind=NotificationKind.STATUS,
        key=f"round-{locked.pk}-phase-{to_phase}",
        message=_("%(round)s: now %(phase)s.") % {"round": locked.name, "phase": label},
        actor=actor,
    )
    logger.info(
        "round_phase_changed",
        extra={"round_id": locked.pk, "from": change.from_phase, "to": to_phase},
    )
    return change


def round_change_phase(
    *, round_: Round, actor: User, to_phase: str, reason: str = ""
) -> PhaseChange:
    """Staff move the round to its next phase (or back one step, to correct)."""
    access.require_staff(actor, CHANGE_PERM)
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        sequence = locked.phase_sequence()
        here = sequence.index(locked.phase) if locked.phase in sequence else 0
        allowed = set(sequence[max(here - 1, 0) : here + 2]) - {locked.phase}
        if to_phase not in allowed:
            raise ValidationError(
                {
                    "to_phase": _(
                        "The round can move only to the next or previous phase."
                    )
                }
            )
        problem = phase_problem(locked, to_phase)
        if problem:
            raise ValidationError({"to_phase": problem})
        change = _change(locked, to_phase=to_phase, actor=actor, reason=reason[:300])
    round_.refresh_from_db()
    return change


def round_advance_if_due(*, round_id: int, now=None) -> PhaseChange | None:
    """Open the next phase when its date has come (the beat task calls this).

    Safe to run twice: the round is locked and the phase checked again.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Round.objects.select_for_update().filter(pk=round_id).first()
        if locked is None:
            return None
        following = locked.next_phase()
        if following is None:
            return None
        opens = locked.opens_at(following)
        if opens is None or opens > now:
            return None
        problem = phase_problem(locked, following)
        if problem:
            logger.warning(
                "round_phase_not_opened",
                extra={"round_id": locked.pk, "to": following, "why": problem},
            )
            return None
        return _change(
            locked,
            to_phase=following,
            actor=None,
            reason=_("Opened on its scheduled date."),
        )


def due_round_ids(now=None) -> list[int]:
    return list(Round.objects.due(now or timezone.now()).values_list("pk", flat=True))
