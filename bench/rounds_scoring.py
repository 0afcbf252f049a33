"""Benchmark: the rounds app's pure scoring at the size of a large round.

Run by hand: `.venv/bin/python bench/rounds_scoring.py [ballots] [questions]`.
No database: it times JLA scoring of random ballots (10 choices each, over four
groups) and Bradley-Terry pairwise scoring of 20 comparisons per ballot.
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rounds import scoring

GROUPS = ("family", "clinician", "researcher", "other")


def main(n_ballots: int = 5000, n_questions: int = 80) -> None:
    rng = random.Random(12)
    questions = list(range(1, n_questions + 1))
    by_group = {g: [] for g in GROUPS}
    wins = {g: [] for g in GROUPS}
    for i in range(n_ballots):
        group = GROUPS[i % len(GROUPS)]
        by_group[group].append(rng.sample(questions, 10))
        for _ in range(20):
            a, b = rng.sample(questions, 2)
            wins[group].append((a, b) if rng.random() < 0.5 + (b - a) / 400 else (b, a))
    start = time.perf_counter()
    import choix  # noqa: F401 - the first import (numpy, scipy) is timed apart

    print(f"Importing choix, numpy and scipy: {(time.perf_counter() - start):.2f} s")
    start = time.perf_counter()
    ranking = scoring.jla_ranking(questions, by_group)
    jla = time.perf_counter() - start
    start = time.perf_counter()
    pairwise = scoring.pairwise_ranking(questions, wins)
    bt = time.perf_counter() - start
    comparisons = sum(len(w) for w in wins.values())
    print(f"{n_ballots} ballots, {n_questions} questions, {len(GROUPS)} groups")
    print(f"JLA ranking: {jla * 1000:.1f} ms (top: {ranking.combined[0].question})")
    print(
        f"Bradley-Terry on {comparisons} comparisons: {bt * 1000:.1f} ms "
        f"(top: {pairwise.combined[0].question})"
    )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
