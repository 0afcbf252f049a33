"""The labelled paraphrase set (data/paraphrases.json) and how the engine is scored.

Shared by tests/priorities/test_similarity_benchmark.py and bench/similarity.py.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from priorities import similarity
from priorities.models import Priority, Status

PATH = Path(__file__).parent / "data" / "paraphrases.json"


def load() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8"))


def create_priorities(data: dict, *, topic, author) -> list[Priority]:
    """One published priority per pair's existing question, in the set's order."""
    created = Priority.objects.bulk_create(
        Priority(
            title=pair["existing"]["title"],
            description=pair["existing"]["description"],
            topic=topic,
            author=author,
            author_group=author.stakeholder_group,
            status=Status.PUBLISHED,
        )
        for pair in data["pairs"]
    )
    similarity.index_refresh([p.pk for p in created])
    return created


@dataclass
class Figures:
    pairs: int
    unrelated: int
    recall_at_1: float
    recall_at_5: float
    false_match_rate: float
    misses: list[str]
    false_matches: list[str]


def measure(data: dict, priorities: list[Priority]) -> Figures:
    """Recall@1 and @5 of the paraphrases, and how often an unrelated question
    gets any result at or above the display threshold."""
    hits_1 = hits_5 = 0
    misses = []
    for pair, expected in zip(data["pairs"], priorities, strict=True):
        found = [p.pk for p, _score in similarity.similar(pair["paraphrase"])]
        hits_1 += found[:1] == [expected.pk]
        if expected.pk in found[:5]:
            hits_5 += 1
        else:
            misses.append(pair["paraphrase"])
    false_matches = [q for q in data["unrelated"] if similarity.similar(q)]
    n = len(data["pairs"])
    return Figures(
        pairs=n,
        unrelated=len(data["unrelated"]),
        recall_at_1=hits_1 / n,
        recall_at_5=hits_5 / n,
        false_match_rate=len(false_matches) / len(data["unrelated"]),
        misses=misses,
        false_matches=false_matches,
    )
