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
    needed = [
        t for t in needed_tokens(wanted, index.rank, threshold) if t in index.frequency
    ]
    if not needed:
        return []
    excluded = set(exclude or ())
    scored = []
    for pk, document in store.candidates(needed):
        if pk in excluded:
            continue
        score = cosine(wanted, weigh(document, index.idf))
        if score >= threshold:
            scored.append((score, pk))
    scored.sort(key=lambda item: (-item[0], item[1]))
    # A few spare, should a priority have left the public in a write that
    # bypassed the services: it is never shown, and the rest still fill `limit`.
    top = scored[: limit + 5]
    found = (
        Priority.objects.public()
        .select_related("topic")
        .in_bulk([pk for _s, pk in top])
    )
    return [(found[pk], round(score, 4)) for score, pk in top if pk in found][:limit]
