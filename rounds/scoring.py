"""Pure scoring for priority-setting rounds: no database, only numbers.

JLA ballots
    A ballot is a list of question ids, best first. Rank 1 earns 10 points,
    rank 2 earns 9, ... rank 10 earns 1. Points are added up separately for
    each stakeholder group, and questions are ranked within each group.

Combined ranking: the sum of positions
    A question's combined score is the sum of its positions in every group that
    has at least one counted ballot; the lowest sum comes first. Every group
    weighs the same, however many of its members voted.

Tie rule (documented on the results page and in the method statement)
    Within a group, questions with equal scores share the mean of the positions
    they span ("fractional ranking": two questions tied for 2nd both get 2.5).
    Questions nobody in a group chose share the positions left at the bottom.
    In the combined ranking, equal position sums are broken by (1) the better
    best position in any one group, then (2) more ballots or comparisons naming
    the question across all groups, then (3) the question's id (the older first),
    so the order is always complete and reproducible.

CHNRI expert scores
    Answers are yes = 1, undecided = 0.5, no = 0, or None for "not sufficiently
    informed", which is left out of the denominator. A criterion score is
    points / answers x 100. The Research Priority Score (RPS) is the mean of a
    question's criterion scores, or their weighted mean. Average Expert Agreement
    (AEA) is the mean, over sub-questions, of the share of those who answered it
    who gave its most common answer.

Pairwise comparisons
    Per group, a Bradley-Terry model (choix.ilsr_pairwise, lightly regularised so
    questions never compared still get a strength) gives each question a
    strength; its score is the mean chance of beating each other question,
    i.e. its estimated chance of beating a randomly chosen other question.
    Groups are combined by the sum of positions, as for ballots.
"""

import math
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

MAX_RANK = 10
YES, UNDECIDED, NO = 1.0, 0.5, 0.0
# choix's regularisation: enough to keep the estimate finite when a question won
# or lost every comparison, small enough not to flatten real differences.
BT_ALPHA = 0.01


def jla_points(rank: int) -> int:
    """Points for a choice at `rank` (1-based): 10 for the first, 1 for the tenth."""
    if not 1 <= rank <= MAX_RANK:
        raise ValueError(f"rank must be 1..{MAX_RANK}, got {rank}")
    return MAX_RANK + 1 - rank


def ballot_points(ballots: Iterable[Sequence[int]]) -> dict[int, int]:
    """Total JLA points per question id over `ballots` (lists, best first)."""
    totals: Counter = Counter()
    for ballot in ballots:
        for rank, question in enumerate(ballot, start=1):
            totals[question] += jla_points(rank)
    return dict(totals)


def fractional_positions(
    scores: Mapping[int, float], questions: Iterable[int]
) -> dict[int, float]:
    """Position of every question (1 is best) by score, highest first; equal
    scores share the mean of the positions they span. Questions missing from
    `scores` count as 0."""
    ordered = sorted(questions, key=lambda q: -scores.get(q, 0))
    positions: dict[int, float] = {}
    i = 0
    while i < len(ordered):
        j = i
        value = scores.get(ordered[i], 0)
        while j + 1 < len(ordered) and scores.get(ordered[j + 1], 0) == value:
            j += 1
        shared = (i + 1 + j + 1) / 2
        for q in ordered[i : j + 1]:
            positions[q] = shared
        i = j + 1
    return positions


@dataclass
class Ranked:
    """A question's place in the combined ranking."""

    question: int
    position_sum: float
    rank: int
    positions: dict[str, float] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    mentions: int = 0


@dataclass
class Ranking:
    """Per-group scores and positions, and the combined order."""

    groups: list[str]
    scores: dict[str, dict[int, float]]
    positions: dict[str, dict[int, float]]
    combined: list[Ranked]

    def group_rank(self, group: str) -> list[int]:
        """The question ids in `group`'s order, best first (ties by id)."""
        pos = self.positions[group]
        return sorted(pos, key=lambda q: (pos[q], q))


def combine(
    questions: Sequence[int],
    scores: Mapping[str, Mapping[int, float]],
    mentions: Mapping[int, int] | None = None,
) -> Ranking:
    """Rank per group, then order by the sum of positions (see the tie rule).

    `scores` maps each group with at least one counted ballot or vote to its
    questions' scores; groups that are missing or empty do not count.
    """
    mentions = mentions or {}
    groups = [g for g in scores if scores[g] is not None]
    positions = {g: fractional_positions(scores[g], questions) for g in groups}
    rows = []
    for q in questions:
        rows.append(
            Ranked(
                question=q,
                position_sum=sum(positions[g][q] for g in groups),
                rank=0,
                positions={g: positions[g][q] for g in groups},
                scores={g: float(scores[g].get(q, 0)) for g in groups},
                mentions=mentions.get(q, 0),
            )
        )
    rows.sort(
        key=lambda r: (
            r.position_sum,
            min(r.positions.values(), default=0),
            -r.mentions,
            r.question,
        )
    )
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    return Ranking(
        groups=groups,
        scores={g: {q: float(scores[g].get(q, 0)) for q in questions} for g in groups},
        positions=positions,
        combined=rows,
    )


def jla_ranking(
    questions: Sequence[int], ballots_by_group: Mapping[str, list[Sequence[int]]]
) -> Ranking:
    """The JLA interim ranking from ballots grouped by stakeholder group."""
    scores = {
        group: ballot_points(ballots)
        for group, ballots in ballots_by_group.items()
        if ballots
    }
    mentions: Counter = Counter()
    for ballots in ballots_by_group.values():
        for ballot in ballots:
            mentions.update(set(ballot))
    return combine(questions, scores, mentions)


# --- CHNRI ---------------------------------------------------------------------


def criterion_score(answers: Iterable[float | None]) -> float | None:
    """points / answers x 100, leaving out None ("not sufficiently informed");
    None when nobody answered."""
    given = [a for a in answers if a is not None]
    if not given:
        return None
    return sum(given) / len(given) * 100


def research_priority_score(
    criterion_scores: Mapping[str, float | None],
    weights: Mapping[str, float] | None = None,
) -> float | None:
    """Mean (or weighted mean) of the criterion scores that have answers."""
    present = {c: s for c, s in criterion_scores.items() if s is not None}
    if not present:
        return None
    if weights is None:
        return sum(present.values()) / len(present)
    total_weight = sum(weights.get(c, 1.0) for c in present)
    if total_weight == 0:
        return None
    return sum(s * weights.get(c, 1.0) for c, s in present.items()) / total_weight


def average_expert_agreement(
    answers_by_sub_question: Mapping[object, Iterable[float | None]],
) -> float | None:
    """Mean over sub-questions of the share giving the most common answer,
    among those who answered (None is left out)."""
    shares = []
    for answers in answers_by_sub_question.values():
        given = [a for a in answers if a is not None]
        if given:
            shares.append(Counter(given).most_common(1)[0][1] / len(given))
    if not shares:
        return None
    return sum(shares) / len(shares)


# --- Pairwise ------------------------------------------------------------------


def bradley_terry_scores(
    questions: Sequence[int], wins: Iterable[tuple[int, int]]
) -> dict[int, float]:
    """Each question's estimated chance of beating a randomly chosen other one.

    `wins` are (winner, loser) pairs. The strengths come from choix.
    """
    # numpy, scipy and choix load only when pairwise results are computed.
    import choix
    import numpy as np

    questions = list(questions)
    if len(questions) < 2:
        return dict.fromkeys(questions, 0.5)
    index = {q: i for i, q in enumerate(questions)}
    # Win counts as a matrix (wins[i, j]: i beat j): one pass per iteration
    # whatever the number of comparisons, where the list form grows with it.
    counts = np.zeros((len(questions), len(questions)))
    for w, b in wins:
        if w in index and b in index and w != b:
            counts[index[w], index[b]] += 1
    if counts.any():
        params = choix.ilsr_pairwise_dense(counts, alpha=BT_ALPHA)
    else:
        params = [0.0] * len(questions)
    scores = {}
    for q, i in index.items():
        chances = [
            1.0 / (1.0 + math.exp(params[j] - params[i]))
            for j in range(len(questions))
            if j != i
        ]
        scores[q] = round(sum(chances) / len(chances), 9)
    return scores


def pairwise_ranking(
    questions: Sequence[int], wins_by_group: Mapping[str, list[tuple[int, int]]]
) -> Ranking:
    """Bradley-Terry score per group, combined by the sum of positions."""
    scores = {
        group: bradley_terry_scores(questions, wins)
        for group, wins in wins_by_group.items()
        if wins
    }
    mentions: Counter = Counter()
    for wins in wins_by_group.values():
        for w, loser in wins:
            mentions[w] += 1
            mentions[loser] += 1
    return combine(questions, scores, mentions)


def next_pair(
    questions: Sequence[int],
    comparisons: Mapping[int, int],
    seen: Iterable[tuple[int, int]] = (),
    rng: random.Random | None = None,
) -> tuple[int, int] | None:
    """Two questions to compare next, (smaller id, larger id), or None when this
    member has seen every pair. Favours questions with few comparisons so far:
    the first is one with the fewest, the second the least-compared partner it
    has not yet been shown with; ties are drawn at random."""
    rng = rng or random.Random()  # noqa: S311 - picks a pair, guards nothing
    done = {(min(a, b), max(a, b)) for a, b in seen}
    order = sorted(questions, key=lambda q: (comparisons.get(q, 0), rng.random()))
    for first in order:
        partners = [
            q
            for q in order
            if q != first and (min(first, q), max(first, q)) not in done
        ]
        if partners:
            second = partners[0]
            return (min(first, second), max(first, second))
    return None
