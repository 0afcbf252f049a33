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

import itertools
import math
import secrets
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Case, F, FloatField, IntegerField, Max, Q, Sum, Value, When

from portal.queueing import publish

from ..models import (
    Priority,
    SimilarityDocument,
    SimilarityPosting,
    SimilarityState,
    SimilarityTerm,
    SynonymGroup,
)
from .text import (
    FRAME_WORDS,
    SINGLE_SUBJECT_FACTOR,
    Vocabulary,
    document_counts,
    idf,
    weigh,
)

STATE_PK = 1
BATCH = 2000
# Candidates read from SQL at a time, the likeliest first.
PAGE = 200


def encode(counts: Counter) -> str:
    return " ".join(f"{token} {count!r}" for token, count in counts.items())


def decode(text: str) -> Counter:
    parts = text.split()
    return Counter({parts[i]: float(parts[i + 1]) for i in range(0, len(parts) - 1, 2)})


def _new_version() -> str:
    # Random, not a counter: a rolled-back write must not leave a version
    # that a later write could reach again with other figures.
    return uuid.uuid4().hex


def _new_stamp() -> int:
    return secrets.randbits(62)


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


def _insert(documents: dict[int, Counter], build_idf) -> dict[str, float]:
    """Store documents and postings; the largest share of each token."""
    rows = []
    postings = []
    heaviest: dict[str, float] = {}
    for pk, counts in documents.items():
        stamp = _new_stamp()
        rows.append(
            SimilarityDocument(priority_id=pk, counts=encode(counts), stamp=stamp)
        )
        vector = weigh(counts, build_idf)
        for t, w in vector.items():
            postings.append(
                SimilarityPosting(document_id=pk, token=t, share=w, stamp=stamp)
            )
            if w > heaviest.get(t, 0.0):
                heaviest[t] = w
    SimilarityDocument.objects.bulk_create(rows, batch_size=BATCH)
    SimilarityPosting.objects.bulk_create(postings, batch_size=BATCH)
    return heaviest


def rebuild() -> int:
    """Index every public priority again with the current vocabulary."""
    with transaction.atomic():
        state, _never = _locked_state()
        groups = [g.terms for g in SynonymGroup.objects.all()]
        documents = _public_counts(None, Vocabulary.from_groups(groups))
        SimilarityPosting.objects.all().delete()
        SimilarityDocument.objects.all().delete()
        SimilarityTerm.objects.all().delete()
        frequency: Counter = Counter()
        for counts in documents.values():
            frequency.update(counts.keys())
        size = len(documents)
        heaviest = _insert(documents, lambda t: idf(size, frequency[t]))
        SimilarityTerm.objects.bulk_create(
            (
                SimilarityTerm(
                    token=t, documents=n, documents_at_build=n, heaviest=heaviest[t]
                )
                for t, n in frequency.items()
            ),
            batch_size=BATCH,
        )
        state.vocabulary = groups
        state.documents = state.built_documents = size
        state.version = _new_version()
        state.save()
    return size


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
        at_build = dict(
            SimilarityTerm.objects.filter(
                token__in={t for c in documents.values() for t in c}
            ).values_list("token", "documents_at_build")
        )
        built = state.built_documents
        heaviest = _insert(documents, lambda t: idf(built, at_build.get(t, 0)))
        _count_documents(delta)
        terms = list(SimilarityTerm.objects.filter(token__in=list(heaviest)))
        for term in terms:
            term.heaviest = max(term.heaviest, heaviest[term.token])
        SimilarityTerm.objects.bulk_update(terms, ["heaviest"], batch_size=BATCH)
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
    built_size: int
    at_build: dict[str, int]
    heaviest: dict[str, float]
    default_idf: float = field(init=False)
    idfs: dict[str, float] = field(init=False)
    # The smallest ratio of a token's IDF now to its IDF at the last rebuild.
    drift: float = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "default_idf", idf(self.size, 0))
        idfs = {t: idf(self.size, n) for t, n in self.frequency.items()}
        object.__setattr__(self, "idfs", idfs)
        drift = min((idfs[t] / self.build_idf(t) for t in self.frequency), default=1.0)
        object.__setattr__(self, "drift", min(1.0, drift))

    def idf(self, token: str) -> float:
        return self.idfs.get(token, self.default_idf)

    def build_idf(self, token: str) -> float:
        return idf(self.built_size, self.at_build.get(token, 0))

    def ceiling(self, token: str) -> float:
        """The most the token weighs in any document now."""
        share = self.heaviest.get(token, 0.0)
        if not share:
            return 0.0
        return min(1.0, share * self.idf(token) / self.build_idf(token) / self.drift)

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
        terms = list(
            SimilarityTerm.objects.values_list(
                "token", "documents", "documents_at_build", "heaviest"
            )
        )
        # Read again: a write between the two reads would mix two versions.
        if _version() == state.version:
            break
    current = Snapshot(
        version=state.version,
        size=state.documents,
        vocabulary=Vocabulary.from_groups(state.vocabulary),
        frequency={t: n for t, n, _b, _h in terms if n > 0},
        built_size=state.built_documents,
        at_build={t: b for t, _n, b, _h in terms if b > 0},
        heaviest={t: h for t, n, _b, h in terms if n > 0},
    )
    _snapshot = current
    return current


# pk -> (stamp, counts) of documents this process has read; each use checks
# the stamp read with the candidates, so an entry is never used once stale.
_contents: dict[int, tuple[int, Counter]] = {}


def candidates(
    index: Snapshot, wanted: dict[str, float], needed: list[str], threshold: float
) -> Iterator[tuple[float, int, int]]:
    """The indexed priorities holding any of `needed` that could score
    `threshold` against `wanted`: (the most they could score, pk, stamp),
    the highest first, read from SQL a page at a time as they are consumed.

    A document's score is at most the sum, over the needed tokens it holds, of
    the query's weight times the document's (bounded through `share`, see
    SimilarityPosting), plus the length of the query on its other tokens,
    cut by SINGLE_SUBJECT_FACTOR when fewer than two subject words can be
    shared. SQL sums that per document and keeps those that reach `threshold`.
    """
    # The query's other tokens that some document holds.
    others = [t for t in wanted if t not in set(needed) and t in index.frequency]
    rest = min(
        math.sqrt(sum(wanted[t] ** 2 for t in others)),
        sum(wanted[t] * index.ceiling(t) for t in others),
    )
    rest_subjects = sum(t not in FRAME_WORDS for t in others)
    factors = {
        t: wanted[t] * index.idf(t) / index.build_idf(t) / index.drift for t in needed
    }
    reach = Sum(
        Case(
            *(When(token=t, then=Value(f)) for t, f in factors.items()),
            default=Value(0.0),
            output_field=FloatField(),
        )
        * F("share"),
        output_field=FloatField(),
    )
    subject_words = [t for t in needed if t not in FRAME_WORDS]
    subjects = Sum(
        Case(
            When(token__in=subject_words, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    slack = threshold - 1e-9 - rest
    bound = Case(
        When(subjects__gte=2 - rest_subjects, then=F("reach") + rest),
        default=(F("reach") + rest) * SINGLE_SUBJECT_FACTOR,
        output_field=FloatField(),
    )
    rows = (
        SimilarityPosting.objects.filter(token__in=needed)
        .values("document_id")
        .annotate(reach=reach, subjects=subjects, stamp=Max("stamp"))
        .filter(
            Q(reach__gte=threshold / SINGLE_SUBJECT_FACTOR - 1e-9 - rest)
            | Q(reach__gte=slack, subjects__gte=2 - rest_subjects)
        )
        .annotate(bound=bound)
        .order_by("-bound", "document_id")
        .values_list("bound", "document_id", "stamp")
    )
    for start in itertools.count(0, PAGE):
        page = list(rows[start : start + PAGE])
        yield from page
        if len(page) < PAGE:
            return


def contents(rows: list[tuple[int, int]]) -> list[tuple[int, Counter]]:
    """The counts of these (pk, stamp) documents, from memory if unchanged."""
    found = []
    missing = []
    for pk, stamp in rows:
        kept = _contents.get(pk)
        if kept is not None and kept[0] == stamp:
            found.append((pk, kept[1]))
        else:
            missing.append(pk)
    for start in range(0, len(missing), BATCH):
        rows = SimilarityDocument.objects.filter(
            pk__in=missing[start : start + BATCH]
        ).values_list("priority_id", "stamp", "counts")
        for pk, stamp, text in rows:
            counts = decode(text)
            _contents[pk] = (stamp, counts)
            found.append((pk, counts))
    return found
