"""Which existing priorities ask the same question in other words.

One engine for every database (text.py: stems, stop words, the synonym
vocabulary, TF-IDF vectors, their cosine):

    similar(text, limit=5, exclude=None) -> [(priority, score), ...]
    clusters(items, threshold=...)       -> [[priority, ...], ...]

`similar` looks only at public priorities and returns those scoring at least
`DISPLAY_THRESHOLD`, best first. It reads the stored index (store.py): the
query's rarer tokens (`needed_tokens`) find the candidates in SQL through the
postings, and only those are scored, with the stored counts and document
frequencies, so the scores are those of scoring every public priority.
`clusters` and `pair_scores` (pairs.py) work on the items given, in memory.

Priority writes call `index_refresh`; `index_rebuild` reads everything again
(the `rebuild_similarity_index` task, queued when staff change the vocabulary).
"""

import itertools
from collections.abc import Iterable

from ..models import Priority
from . import store
from .pairs import candidate_pairs, clusters, group_pairs, pair_scores
from .text import (
    DISPLAY_THRESHOLD,
    MAX_QUERY_CHARS,
    MIN_QUERY_CHARS,
    Index,
    Vocabulary,
    clean_query,
    cosine,
    needed_tokens,
    query_counts,
    stem,
    tokens,
    weigh,
)

__all__ = [
    "DISPLAY_THRESHOLD",
    "MAX_QUERY_CHARS",
    "MIN_QUERY_CHARS",
    "Index",
    "Vocabulary",
    "candidate_pairs",
    "clean_query",
    "clusters",
    "cosine",
    "group_pairs",
    "index_rebuild",
    "index_refresh",
    "pair_scores",
    "similar",
    "stem",
    "tokens",
    "vocabulary_changed",
]

# Candidates are scored this many at a time, the likeliest first.
SCORE_BATCH = 40
# The scores looked for first (see `similar`), highest first.
GUESSES = (0.4,)

index_refresh = store.refresh
index_rebuild = store.rebuild
vocabulary_changed = store.vocabulary_changed


def similar(
    text: str | None,
    *,
    limit: int = 5,
    exclude: Iterable[int] | None = None,
    threshold: float | None = None,
) -> list[tuple[Priority, float]]:
    """Public priorities that ask what `text` asks, best first, with scores 0-1,
    those scoring at least `threshold` (DISPLAY_THRESHOLD by default)."""
    if threshold is None:
        threshold = DISPLAY_THRESHOLD
    text = clean_query(text)
    if len(text) < MIN_QUERY_CHARS or limit <= 0:
        return []
    index = store.snapshot()
    counts = query_counts(text, index.vocabulary)
    if not counts:
        return []
    wanted = weigh(counts, index.idf)
    excluded = set(exclude or ())
    # One spare, should a priority have left the public in a write that
    # bypassed the services: it is never shown, and the next fills `limit`.
    wanted_count = limit + 1
    # First look for high scores only, through the query's rarest tokens; if
    # that finds enough, nothing scoring less could be among the best.
    bars = sorted({max(threshold, bar) for bar in GUESSES} | {threshold}, reverse=True)
    for bar in bars:
        scored = _best(index, wanted, bar, excluded, wanted_count)
        if len(scored) >= wanted_count:
            break
    found = (
        Priority.objects.public()
        .select_related("topic")
        .in_bulk([pk for _s, pk in scored])
    )
    return [(found[pk], round(score, 4)) for score, pk in scored if pk in found][:limit]


def _best(
    index: store.Snapshot,
    wanted: dict[str, float],
    bar: float,
    excluded: set[int],
    count: int,
) -> list[tuple[float, int]]:
    """The `count` best (score, pk) scoring at least `bar`, best first."""
    needed = [
        t
        for t in needed_tokens(wanted, index.rank, bar, index.ceiling)
        if t in index.frequency
    ]
    if not needed:
        return []
    ranked = (
        row
        for row in store.candidates(index, wanted, needed, bar)
        if row[1] not in excluded
    )
    scored: list[tuple[float, int]] = []
    # Best first by what each could score: once that is below the last of the
    # best found, nothing further can enter them.
    while batch := list(itertools.islice(ranked, SCORE_BATCH)):
        if len(scored) >= count and batch[0][0] < scored[-1][0] - 1e-9:
            break
        for pk, document in store.contents([(pk, stamp) for _b, pk, stamp in batch]):
            score = cosine(wanted, weigh(document, index.idf))
            if score >= bar:
                scored.append((score, pk))
        scored.sort(key=lambda item: (-item[0], item[1]))
        del scored[count:]
    return scored
