"""The stored index of public priorities, kept right by the priority writes.

Tables (priorities/models/similarity_index.py): a document per public priority
with its token counts, a posting per (token, document), the number of documents
per token, and one state row (document count, the vocabulary the index was
built with, a version).

Every change to the index locks the state row first, so index writes are
serialised (no lost count, no deadlock) and each one gives the state a new
random version. A web process keeps the document frequencies and the
vocabulary in memory only together with the version they were read at, and
reads the version (one indexed row) on every query: a process never scores
with figures another process has changed.

`refresh(priority_ids)` is called by the priority write services in their
transaction; `rebuild()` (the `rebuild_similarity_index` task, queued when staff
change the vocabulary; also the first query on a database never indexed) reads
everything again. Both can run any number of times.
"""

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F

from portal.queueing import publish

from ..models import (
    Priority,
    SimilarityDocument,
    SimilarityPosting,
    SimilarityState,
    SimilarityTerm,
    SynonymGroup,
)
from .text import Vocabulary, document_counts, idf

STATE_PK = 1
BATCH = 2000


def encode(counts: Counter) -> str:
    return " ".join(f"{token} {count!r}" for token, count in counts.items())


def decode(text: str) -> Counter:
    parts = text.split()
    return Counter({parts[i]: float(parts[i + 1]) for i in range(0, len(parts) - 1, 2)})


def _new_version() -> str:
    # Random, not a counter: a rolled-back write must not leave a version
    # that a later write could reach again with other figures.
    return uuid.uuid4().hex


def _locked_state() -> tuple[SimilarityState, bool]:
    """The state row, locked; True with it if the index was never built."""
    state, created = SimilarityState.objects.get_or_create(
        pk=STATE_PK, defaults={"version": ""}
    )
    state = SimilarityState.objects.select_for_update().get(pk=STATE_PK)
    return state, created or not state.version


def _public_counts(
    priority_ids: Iterable[int] | None, vocabulary: Vocabulary
) -> dict[int, Counter]:
    rows = Priority.objects.public()
    if priority_ids is not None:
        rows = rows.filter(pk__in=list(priority_ids))
    return {
        pk: counts
        for pk, title, description in rows.values_list(
            "pk", "title", "description"
        ).iterator(chunk_size=BATCH)
        if (counts := document_counts(title, description, vocabulary))
    }


def _insert(documents: dict[int, Counter]) -> None:
    SimilarityDocument.objects.bulk_create(
        (
            SimilarityDocument(priority_id=pk, counts=encode(counts))
            for pk, counts in documents.items()
        ),
        batch_size=BATCH,
    )
    SimilarityPosting.objects.bulk_create(
        (
            SimilarityPosting(document_id=pk, token=token)
            for pk, counts in documents.items()
            for token in counts
        ),
        batch_size=BATCH,
    )


def rebuild() -> int:
    """Index every public priority again with the current vocabulary."""
    with transaction.atomic():
        state, _never = _locked_state()
        groups = [g.terms for g in SynonymGroup.objects.all()]
        documents = _public_counts(None, Vocabulary.from_groups(groups))
        SimilarityPosting.objects.all().delete()
        SimilarityDocument.objects.all().delete()
        SimilarityTerm.objects.all().delete()
        _insert(documents)
        frequency: Counter = Counter()
        for counts in documents.values():
            frequency.update(counts.keys())
        SimilarityTerm.objects.bulk_create(
            (SimilarityTerm(token=t, documents=n) for t, n in frequency.items()),
            batch_size=BATCH,
        )
        state.vocabulary = groups
        state.documents = len(documents)
        state.version = _new_version()
        state.save()
    return len(documents)


def rebuild_if_stale() -> bool:
    """Rebuild if the vocabulary changed since the last build (or there was
    none); True if it did. What the task queued by a vocabulary change runs."""
    groups = [g.terms for g in SynonymGroup.objects.all()]
    state = SimilarityState.objects.filter(pk=STATE_PK).first()
    if state is not None and state.version and state.vocabulary == groups:
        return False
    rebuild()
    return True


def vocabulary_changed() -> None:
    """Queue the rebuild once the vocabulary change is committed."""

    def queue() -> None:
        publish("priorities.tasks.rebuild_similarity_index")

    transaction.on_commit(queue)


def refresh(priority_ids: Iterable[int]) -> None:
    """Bring these priorities' entries up to date (added, changed, or gone
    because the priority is no longer public). Call it in the transaction
    that changed them."""
    pks = sorted(set(priority_ids))
    if not pks:
        return
    with transaction.atomic():
        if not SimilarityDocument.objects.filter(priority_id__in=pks).exists() and (
            not Priority.objects.public().filter(pk__in=pks).exists()
        ):
            return  # nothing indexed, nothing to index: pending ones, say
        state, never_built = _locked_state()
        if never_built:
            return  # the first query builds the whole index
        documents = _public_counts(pks, Vocabulary.from_groups(state.vocabulary))
        old = SimilarityDocument.objects.filter(priority_id__in=pks)
        delta: Counter = Counter()
        for text in old.values_list("counts", flat=True):
            delta.subtract(decode(text).keys())
        removed = old.count()
        old.delete()
        for counts in documents.values():
            delta.update(counts.keys())
        _insert(documents)
        _count_documents(delta)
        state.documents += len(documents) - removed
        state.version = _new_version()
        state.save(update_fields=["documents", "version"])


def _count_documents(delta: Counter) -> None:
    added = [t for t, n in delta.items() if n > 0]
    SimilarityTerm.objects.bulk_create(
        (SimilarityTerm(token=t, documents=0) for t in added),
        ignore_conflicts=True,
    )
    by_change: dict[int, list[str]] = {}
    for token, n in delta.items():
        if n:
            by_change.setdefault(n, []).append(token)
    for n, tokens in by_change.items():
        SimilarityTerm.objects.filter(token__in=tokens).update(
            documents=F("documents") + n
        )
    SimilarityTerm.objects.filter(documents__lte=0).delete()


@dataclass(frozen=True)
class Snapshot:
    """What a process keeps between queries, valid while `version` is current."""

    version: str
    size: int
    vocabulary: Vocabulary
    frequency: dict[str, int]
    default_idf: float = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "default_idf", idf(self.size, 0))

    def idf(self, token: str) -> float:
        n = self.frequency.get(token)
        return idf(self.size, n) if n else self.default_idf

    def rank(self, token: str) -> tuple:
        """Commonest first (see text.needed_tokens)."""
        return (-self.frequency.get(token, 0), token)


_snapshot: Snapshot | None = None


def _version() -> str | None:
    return (
        SimilarityState.objects.filter(pk=STATE_PK)
        .values_list("version", flat=True)
        .first()
    )


def snapshot() -> Snapshot:
    """The current figures: from memory if the version is unchanged (one
    query), else read again."""
    global _snapshot
    version = _version()
    if not version:
        rebuild()
        version = _version()
    current = _snapshot
    if current is not None and current.version == version:
        return current
    for _attempt in range(3):
        state = SimilarityState.objects.get(pk=STATE_PK)
        frequency = dict(SimilarityTerm.objects.values_list("token", "documents"))
        # Read again: a write between the two reads would mix two versions.
        if _version() == state.version:
            break
    current = Snapshot(
        version=state.version,
        size=state.documents,
        vocabulary=Vocabulary.from_groups(state.vocabulary),
        frequency=frequency,
    )
    _snapshot = current
    return current


def candidates(tokens: list[str]) -> list[tuple[int, Counter]]:
    """The indexed priorities holding any of `tokens`, with their counts."""
    holding = SimilarityPosting.objects.filter(token__in=tokens).values("document_id")
    rows = SimilarityDocument.objects.filter(pk__in=holding).values_list(
        "priority_id", "counts"
    )
    return [(pk, decode(text)) for pk, text in rows]
