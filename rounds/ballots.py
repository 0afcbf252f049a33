"""Interim ranking: ballots, pairwise votes and staff's exclusions.

One ballot per member per round (a database constraint); the member edits it
until the ranking phase closes. Lock order: the round's row, then the ballot.
"""

import random

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal import access

from .members import member_country, member_group
from .models import (
    Ballot,
    BallotChoice,
    Exclusion,
    PairChoice,
    PairwiseVote,
    Phase,
    Question,
    RankingMode,
    Round,
)
from .permissions import CHANGE_PERM
from .results import results_store
from .scoring import next_pair


def refusal(round_: Round, member, mode: str) -> str:
    """Why `member` may not rank in this round now; "" when they may."""
    reason = access.participation_refusal(member)
    if reason:
        return reason
    if round_.phase != Phase.RANKING:
        return _("Ranking is not open in this round.")
    if round_.ranking_mode != mode:
        return _("This round ranks in another way.")
    if member_group(round_, member) not in round_.groups:
        return _("Your stakeholder group does not take part in this round's ranking.")
    return ""


def _require_may_rank(round_: Round, member, mode: str) -> None:
    reason = refusal(round_, member, mode)
    if reason:
        if access.participation_refusal(member):
            raise access.PermissionDenied(reason)
        raise ValidationError(reason)


def validate_choices(round_: Round, question_ids: list[int]) -> list[int]:
    """Field errors under "choices" for a question twice, too many or too few
    choices, or a question not on the shortlist."""
    errors = []
    seen = set()
    twice = {q for q in question_ids if q in seen or seen.add(q)}
    if twice:
        errors.append(_("You chose the same question more than once."))
    if len(question_ids) > round_.max_choices:
        errors.append(
            ngettext(
                "Choose at most %(n)d question.",
                "Choose at most %(n)d questions.",
                round_.max_choices,
            )
            % {"n": round_.max_choices}
        )
    if len(question_ids) < round_.min_choices:
        errors.append(
            ngettext(
                "Choose at least %(n)d question.",
                "Choose at least %(n)d questions.",
                round_.min_choices,
            )
            % {"n": round_.min_choices}
        )
    shortlist = set(
        Question.objects.shortlist().filter(round=round_).values_list("pk", flat=True)
    )
    if set(question_ids) - shortlist:
        errors.append(_("Choose only questions on this round's shortlist."))
    if errors:
        raise ValidationError({"choices": errors})
    return question_ids


def ballot_save(*, round_: Round, member, question_ids: list[int]) -> Ballot:
    """Cast or replace the member's ballot: `question_ids` best first."""
    _require_may_rank(round_, member, RankingMode.BALLOT)
    question_ids = [int(q) for q in question_ids]
    validate_choices(round_, question_ids)
    now = timezone.now()
    with transaction.atomic():
        # The round's row: a staff phase change cannot close ranking midway.
        locked_round = Round.objects.select_for_update().get(pk=round_.pk)
        if locked_round.phase != Phase.RANKING:
            raise ValidationError(_("Ranking is not open in this round."))
        ballot = (
            Ballot.objects.select_for_update()
            .filter(round=round_, member=member)
            .first()
        )
        if ballot is None:
            try:
                with transaction.atomic():
                    ballot = Ballot.objects.create(
                        round=round_,
                        member=member,
                        group=member_group(round_, member),
                        country=member_country(member),
                        created_at=now,
                        updated_at=now,
                    )
            except IntegrityError:
                # A second tab saved first: edit that ballot instead.
                ballot = Ballot.objects.select_for_update().get(
                    round=round_, member=member
                )
        ballot.group = member_group(round_, member)
        ballot.country = member_country(member)
        ballot.updated_at = now
        ballot.save(update_fields=["group", "country", "updated_at"])
        ballot.choices.all().delete()
        BallotChoice.objects.bulk_create(
            [
                BallotChoice(ballot=ballot, question_id=q, rank=rank)
                for rank, q in enumerate(question_ids, start=1)
            ]
        )
    return ballot


def own_ballot(round_: Round, member) -> list[int]:
    """The member's choices, best first; [] without a ballot."""
    return list(
        BallotChoice.objects.filter(ballot__round=round_, ballot__member=member)
        .order_by("rank")
        .values_list("question_id", flat=True)
    )


# --- Pairwise ---------------------------------------------------------------------


def pair_for(round_: Round, member, rng: random.Random | None = None):
    """The next two shortlisted questions to show `member`, or None when done."""
    shortlist = list(
        Question.objects.shortlist().filter(round=round_).values_list("pk", flat=True)
    )
    counts = dict.fromkeys(shortlist, 0)
    votes = PairwiseVote.objects.filter(round=round_).exclude(choice=PairChoice.SKIP)
    for field_name in ("first", "second"):
        for pk, n in votes.values_list(field_name).annotate(n=Count("pk")).order_by():
            if pk in counts:
                counts[pk] += n
    seen = PairwiseVote.objects.filter(round=round_, member=member).values_list(
        "first_id", "second_id"
    )
    return next_pair(shortlist, counts, list(seen), rng)


def pairwise_vote(
    *, round_: Round, member, first_id: int, second_id: int, choice: str
) -> PairwiseVote:
    """Record which of two questions matters more to the member (or a skip)."""
    _require_may_rank(round_, member, RankingMode.PAIRWISE)
    if choice not in PairChoice.values:
        raise ValidationError({"choice": _("Choose one of the two, or skip.")})
    first_id, second_id = int(first_id), int(second_id)
    if first_id == second_id:
        raise ValidationError({"second": _("Two different questions are needed.")})
    on_list = Question.objects.shortlist().filter(
        round=round_, pk__in=[first_id, second_id]
    )
    if on_list.count() != 2:
        raise ValidationError(
            {"first": _("Both questions must be on this round's shortlist.")}
        )
    if first_id > second_id:
        # Stored smaller id first; the choice follows its question.
        first_id, second_id = second_id, first_id
        choice = {
            PairChoice.FIRST: PairChoice.SECOND,
            PairChoice.SECOND: PairChoice.FIRST,
        }.get(choice, choice)
    with transaction.atomic():
        Round.objects.select_for_update().get(pk=round_.pk)
        vote, _created = PairwiseVote.objects.update_or_create(
            round=round_,
            member=member,
            first_id=first_id,
            second_id=second_id,
            defaults={
                "choice": choice,
                "group": member_group(round_, member),
                "country": member_country(member),
                "created_at": timezone.now(),
            },
        )
    return vote


# --- Exclusions -------------------------------------------------------------------


def exclusion_add(*, round_: Round, actor, member, reason: str) -> Exclusion:
    """Leave a member's ballot and votes out of the count, with a logged reason;
    stored results are recomputed at once."""
    access.require_staff(actor, CHANGE_PERM)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this ballot is excluded.")})
    has_taken_part = (
        Ballot.objects.filter(round=round_, member=member).exists()
        or PairwiseVote.objects.filter(round=round_, member=member).exists()
    )
    if not has_taken_part:
        raise ValidationError({"member": _("This member has not ranked in the round.")})
    with transaction.atomic():
        Round.objects.select_for_update().get(pk=round_.pk)
        if Exclusion.objects.filter(round=round_, member=member).exists():
            raise ValidationError({"member": _("This ballot is excluded already.")})
        exclusion = Exclusion.objects.create(
            round=round_, member=member, reason=reason, actor=actor
        )
        round_.refresh_from_db()
        if round_.results_computed_at is not None:
            results_store(round_=round_, actor=actor)
    return exclusion
