"""Pairs and groups of similar priorities among given ones (duplicates, rounds).

The vectors are built in memory from the items themselves (their own IDF), as
the items may be any priorities, pending ones or a round's suggestions. Only
pairs sharing a token that could lift them to the threshold are scored: each
item is listed under its `needed_tokens` (the rarer part of its vector, the
rarity being the same order for all items, each token's ceiling its largest
weight among the items), and two items are a candidate pair
when they are listed under the same token. A pair scoring the threshold shares
a token of each one's needed part; the rarest token they share is then in
both, so the pair is found. The result is the one scoring every pair gives.
"""

from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import Any

from .text import Index, Vocabulary, cosine, needed_tokens


def candidate_pairs(
    vectors: Sequence[dict[str, float]],
    frequency: dict[str, int],
    threshold: float,
) -> set[tuple[int, int]]:
    """Positions (i < j) of the vectors worth scoring against each other."""
    listed: dict[str, list[int]] = defaultdict(list)
    heaviest: dict[str, float] = {}
    for vector in vectors:
        for token, weight in vector.items():
            if weight > heaviest.get(token, 0.0):
                heaviest[token] = weight

    def rank(token: str) -> tuple:
        return (-frequency.get(token, 0), token)

    for position, vector in enumerate(vectors):
        for token in needed_tokens(vector, rank, threshold, heaviest.__getitem__):
            listed[token].append(position)
    pairs: set[tuple[int, int]] = set()
    for positions in listed.values():
        for n, i in enumerate(positions):
            pairs.update((i, j) for j in positions[n + 1 :])
    return pairs


def pair_scores(
    items: Sequence[Any],
    *,
    threshold: float,
    skip: Collection[tuple[int, int]] = (),
) -> list[tuple[float, Any, Any]]:
    """The pairs of `items` scoring at least `threshold`, best first, leaving
    out the pairs in `skip` (given as (smaller pk, larger pk)). An item needs
    `pk`, `title` and `description`; in a pair, the first one given comes first.
    """
    index = Index(((p.pk, p.title, p.description) for p in items), Vocabulary.load())
    vectors = [index.vectors[p.pk] for p in items]
    pairs = []
    for i, j in candidate_pairs(vectors, index.frequency, threshold):
        a, b = items[i], items[j]
        if (min(a.pk, b.pk), max(a.pk, b.pk)) in skip:
            continue
        score = cosine(vectors[i], vectors[j])
        if score >= threshold:
            pairs.append((i, j, round(score, 4)))
    pairs.sort(key=lambda pair: (-pair[2], items[pair[0]].pk, items[pair[1]].pk, pair))
    return [(score, items[i], items[j]) for i, j, score in pairs]


def clusters(
    items: Sequence[Any],
    *,
    threshold: float,
    skip: Collection[tuple[int, int]] = (),
) -> list[list[Any]]:
    """Groups of `items` linked by pairs scoring at least `threshold`."""
    return group_pairs(items, pair_scores(items, threshold=threshold, skip=skip))


def group_pairs(
    items: Sequence[Any], pairs: Sequence[tuple[float, Any, Any]]
) -> list[list[Any]]:
    """Join linked pairs into groups. The group holding the best pair comes
    first; within a group, priorities are in the order they were given."""
    parent = {p.pk: p.pk for p in items}

    def root(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    order: list[int] = []
    for _score, a, b in pairs:
        ra, rb = root(a.pk), root(b.pk)
        if ra != rb:
            parent[rb] = ra
        order.append(a.pk)
    groups: dict[int, list[Any]] = {}
    for p in items:
        groups.setdefault(root(p.pk), []).append(p)
    ranked: list[list[Any]] = []
    seen: set[int] = set()
    for pk in order:
        key = root(pk)
        if key not in seen and len(groups[key]) > 1:
            seen.add(key)
            ranked.append(groups[key])
    return ranked
