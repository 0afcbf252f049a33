"""Interim results: computed from stored ballots or votes, stored, re-checked.

`compute` reads only stored ballots (or pairwise votes) and the shortlist, and
calls the pure functions in scoring.py, so the same data always gives the same
ranking; `results_check` compares a fresh computation with the stored rows
(the `rounds_recompute` command runs it).
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from portal import access

from .models import (
    BallotChoice,
    Exclusion,
    PairChoice,
    PairwiseVote,
    Question,
    RankingMode,
    Result,
    Round,
)
from .permissions import CHANGE_PERM
from .scoring import Ranking, jla_ranking, pairwise_ranking

PRECISION = 9


def compute(round_: Round) -> Ranking:
    questions = list(
        Question.objects.shortlist()
        .filter(round=round_)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if round_.ranking_mode == RankingMode.PAIRWISE:
        wins: dict[str, list] = {g: [] for g in round_.groups}
        votes = (
            PairwiseVote.objects.filter(round=round_)
            .filter(counted_filter(round_))
            .exclude(choice=PairChoice.SKIP)
            .order_by("pk")
            .values_list("group", "first_id", "second_id", "choice")
        )
        for group, first, second, choice in votes:
            if group in wins:
                pair = (
                    (first, second) if choice == PairChoice.FIRST else (second, first)
                )
                wins[group].append(pair)
        return pairwise_ranking(questions, wins)
    ballots: dict[int, tuple[str, list[int]]] = {}
    choices = (
        BallotChoice.objects.filter(ballot__round=round_)
        .filter(
            ballot__member__in=round_.ballots.filter(counted_filter(round_)).values(
                "member"
            )
        )
        .order_by("ballot_id", "rank")
        .values_list("ballot_id", "ballot__group", "question_id")
    )
    for ballot_id, group, question in choices:
        ballots.setdefault(ballot_id, (group, []))[1].append(question)
    by_group: dict[str, list[list[int]]] = {g: [] for g in round_.groups}
    for group, chosen in ballots.values():
        if group in by_group:
            by_group[group].append(chosen)
    return jla_ranking(questions, by_group)


def _rows(round_: Round, ranking: Ranking, carry_forward: int) -> list[Result]:
    rows = []
    for group in ranking.groups:
        for rank, q in enumerate(ranking.group_rank(group), start=1):
            rows.append(
                Result(
                    round=round_,
                    question_id=q,
                    group=group,
                    score=round(ranking.scores[group][q], PRECISION),
                    position=ranking.positions[group][q],
                    rank=rank,
                )
            )
    for row in ranking.combined:
        rows.append(
            Result(
                round=round_,
                question_id=row.question,
                group="",
                score=row.position_sum,
                position=row.position_sum,
                rank=row.rank,
                carried_forward=row.rank <= carry_forward,
            )
        )
    return rows


def _key(row: Result) -> tuple:
    return (row.question_id, row.group, row.score, row.position, row.rank)


def results_store(
    *, round_: Round, actor, carry_forward: int | None = None
) -> list[Result]:
    """Compute the interim ranking and store it; the top `carry_forward` (the
    round's setting, 25 unless staff chose otherwise) go forward."""
    access.require_staff(actor, CHANGE_PERM)
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        if carry_forward is not None:
            locked.carry_forward = max(1, int(carry_forward))
        rows = store(locked)
    round_.refresh_from_db()
    return rows


def store(locked: Round) -> list[Result]:
    """Replace the stored results; the caller holds the round's row lock."""
    rows = _rows(locked, compute(locked), locked.carry_forward)
    Result.objects.filter(round=locked).delete()
    Result.objects.bulk_create(rows)
    locked.results_computed_at = timezone.now()
    locked.save(update_fields=["carry_forward", "results_computed_at"])
    return rows


def results_check(round_: Round) -> list[str]:
    """Differences between the stored results and a fresh computation; []
    when they agree."""
    fresh = {
        (r.question_id, r.group): _key(r)
        for r in _rows(round_, compute(round_), round_.carry_forward)
    }
    stored = {
        (r.question_id, r.group): _key(r) for r in Result.objects.filter(round=round_)
    }
    problems = []
    for key in sorted(set(fresh) | set(stored), key=str):
        if fresh.get(key) != stored.get(key):
            problems.append(
                f"question {key[0]} group {key[1] or 'combined'}: stored "
                f"{stored.get(key)}, recomputed {fresh.get(key)}"
            )
    return problems


def carried_forward(round_: Round):
    """The questions going forward, in combined order."""
    ids = list(
        Result.objects.filter(round=round_, group="", carried_forward=True)
        .order_by("rank")
        .values_list("question_id", flat=True)
    )
    by_id = Question.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def counted_filter(round_: Round) -> Q:
    """Members whose ballots and votes count (not excluded)."""
    return ~Q(member__in=Exclusion.objects.filter(round=round_).values("member"))
