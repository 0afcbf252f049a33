"""Evidence search, shared by the pages and the API.

A query is split into terms; each term widens into its synonyms from a small
curated vocabulary (preterm/premature, donor milk/banked milk, the probiotic
strains named in the evidence...). A document matches when every term matches
somewhere in it: by stem, by a synonym, or, for words of five letters or more,
by a near spelling (a typo).

PostgreSQL does the matching with full-text search (the English stemming config)
and pg_trgm's word similarity for typos; SQLite, which has neither, uses the
small stemmer and edit distance below over the same texts. Both rank by
relevance: the factor's name counts most, then the summaries, then findings and
recommendations.

What is searched for a factor: its published summary (name and both texts), the
rows of its published findings with their sources (title, authors, journal), and
the recommendations that rest on them. Another kind of published row (a review's
or professional body's statement, say) joins by adding its texts to
`factor_documents()` (SQLite) and a subquery to `_postgres_term_versions()`
(PostgreSQL).

The models' QuerySets call this module, so it looks the models up by name
(`apps.get_model`) instead of importing them, which would make a circle.
"""

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.utils import translation

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

# Each group is one meaning; any phrase in it finds the others. Names are written
# as the evidence writes them ("L. rhamnosus GG", "B. infantis"): punctuation is
# dropped before matching, so "L. reuteri" and "l reuteri" are the same.
SYNONYMS: list[tuple[str, ...]] = [
    ("preterm", "premature", "preemie", "prematurity", "born early"),
    ("infant", "baby", "babies", "neonate", "newborn"),
    ("donor milk", "banked milk", "donor human milk", "milk bank"),
    (
        "acid suppression",
        "acid suppressing",
        "h2 blocker",
        "h2 blockers",
        "ppi",
        "proton pump inhibitor",
    ),
    (
        "probiotic",
        "lactobacillus",
        "bifidobacterium",
        "bifidobacteria",
        "l reuteri",
        "lactobacillus reuteri",
        "l rhamnosus gg",
        "lactobacillus rhamnosus",
        "lgg",
        "b infantis",
        "bifidobacterium infantis",
        "b lactis",
        "bifidobacterium lactis",
        "str thermophilus",
        "streptococcus thermophilus",
        "saccharomyces",
    ),
    ("mortality", "death", "died", "dying"),
    ("nec", "necrotising enterocolitis", "necrotizing enterocolitis"),
    ("antibiotic", "antibiotics", "antimicrobial"),
]

STOP_WORDS = {
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "is",
    "it",
    "of",
    "on",
    "or",
    "the",
    "to",
    "vs",
    "with",
}

WORD = re.compile(r"[a-z0-9]+")
# Longest first, so "aries" is tried before "s".
SUFFIXES = sorted(
    [
        "ational",
        "ations",
        "ation",
        "ities",
        "ity",
        "ness",
        "ments",
        "ment",
        "ings",
        "ing",
        "ies",
        "ied",
        "ics",
        "ed",
        "es",
        "ic",
        "al",
        "ly",
        "s",
    ],
    key=len,
    reverse=True,
)


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def stem(word: str) -> str:
    """A small suffix-stripping stemmer: enough for "probiotics" and "probiotic",
    "infants" and "infant", "mortality" and "mortal" to meet."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def edit_distance_at_most(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance (with swaps of neighbours) is at most `limit`."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (ca != cb),
            )
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


def typo_limit(word: str) -> int:
    """Edits allowed for a word: none under five letters, two from eight."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 8 else 2


@dataclass(frozen=True)
class Term:
    """One part of the query: the words as typed and everything they stand for."""

    typed: str
    alternatives: tuple[str, ...]  # lower-case words or phrases, typed one first

    @property
    def fuzzy_word(self) -> str:
        """The typed word when a typo may be forgiven ("" for phrases, short words
        and names from the vocabulary, which are matched as written)."""
        if " " in self.typed or self.alternatives[1:] or not typo_limit(self.typed):
            return ""
        return self.typed


def _phrase_index() -> dict[tuple[str, ...], tuple[str, ...]]:
    index = {}
    for group in SYNONYMS:
        for phrase in group:
            index[tuple(words(phrase))] = group
            index[tuple(stem(w) for w in words(phrase))] = group
    return index


PHRASES = _phrase_index()
LONGEST_PHRASE = max(len(key) for key in PHRASES)


def parse(text: str) -> list[Term]:
    """Split a query into terms, joining the words of a vocabulary phrase."""
    # "-word" (web-search syntax for "without") is not supported: such words are
    # left out rather than required.
    kept = [w for w in (text or "")[:MAX_QUERY_LENGTH].split() if not w.startswith("-")]
    tokens = words(" ".join(kept))
    terms: list[Term] = []
    i = 0
    while i < len(tokens) and len(terms) < MAX_TERMS:
        for size in range(min(LONGEST_PHRASE, len(tokens) - i), 0, -1):
            chunk = tuple(tokens[i : i + size])
            group = PHRASES.get(chunk) or PHRASES.get(tuple(stem(w) for w in chunk))
            if group:
                typed = " ".join(chunk)
                rest = tuple(p for p in group if p != typed)
                terms.append(Term(typed, (typed, *rest)))
                i += size
                break
        else:
            word = tokens[i]
            i += 1
            # Lone letters are initials of a name not in the vocabulary ("L.").
            if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
                continue
            terms.append(Term(word, (word,)))
    return terms


# --- SQLite: matching in Python ------------------------------------------------------


class Document:
    """A text prepared for matching: its stems, in order, and the set of them."""

    def __init__(self, text: str):
        self.stems = [stem(w) for w in words(text)]
        self.vocabulary = set(self.stems)

    def _has_phrase(self, phrase: list[str]) -> bool:
        n = len(phrase)
        return any(
            self.stems[i : i + n] == phrase for i in range(len(self.stems) - n + 1)
        )

    def match(self, term: Term) -> float:
        """1 for a stem or synonym found, 0.6 for a near spelling, else 0."""
        for alternative in term.alternatives:
            phrase = [stem(w) for w in words(alternative)]
            if len(phrase) == 1 and phrase[0] in self.vocabulary:
                return 1.0
            if len(phrase) > 1 and self._has_phrase(phrase):
                return 1.0
        word = term.fuzzy_word
        if word:
            limit = typo_limit(word)
            target = stem(word)
            for candidate in self.vocabulary:
                if edit_distance_at_most(target, candidate, limit):
                    return 0.6
        return 0.0


def score(terms: list[Term], fields: Iterable[tuple[str, float]]) -> float:
    """Relevance of weighted texts for the query; 0 unless every term matches."""
    documents = [(Document(text), weight) for text, weight in fields if text]
    total = 0.0
    for term in terms:
        found = sum(weight * doc.match(term) for doc, weight in documents)
        if not found:
            return 0.0
        total += found
    return total


def factor_documents(factors) -> dict[int, list[tuple[str, float]]]:
    """The weighted texts of each published factor, in three queries."""
    PublishedFinding = apps.get_model("research", "PublishedFinding")
    Recommendation = apps.get_model("research", "Recommendation")

    versions = {f.current_version_id: f.pk for f in factors}
    docs: dict[int, list[tuple[str, float]]] = {
        f.pk: [
            (f.current_version.factor_name, 3.0),
            (f.current_version.clinician_summary, 1.0),
            (f.current_version.plain_summary, 1.0),
        ]
        for f in factors
    }
    rows = (
        PublishedFinding.objects.filter(version_id__in=versions)
        .select_related("citation")
        .only(
            "version_id",
            "outcome",
            "outcome_detail",
            "comparison",
            "result_text",
            "certainty_note",
            "source_finding_id",
            "citation__title",
            "citation__authors",
            "citation__journal",
        )
    )
    by_source = {}
    for row in rows:
        text = " ".join(
            [
                str(row.get_outcome_display()),
                row.outcome_detail,
                row.comparison,
                row.result_text,
                row.certainty_note,
                row.citation.title if row.citation else "",
                row.citation.authors if row.citation else "",
                row.citation.journal if row.citation else "",
            ]
        )
        docs[versions[row.version_id]].append((text, 0.5))
        by_source[row.source_finding_id] = versions[row.version_id]
    links = Recommendation.supporting_findings.through.objects.filter(
        finding_id__in=by_source, recommendation__published_at__isnull=False
    ).values_list("finding_id", "recommendation__title", "recommendation__summary")
    for finding_id, title, summary in links:
        docs[by_source[finding_id]].append((f"{title} {summary}", 0.3))
    return docs


# --- PostgreSQL: full-text search and trigrams ---------------------------------------

# pg_trgm's word_similarity() of a typed word and the nearest word of a text.
# "probiotcs" against "probiotics" is about 0.6; unrelated words stay far below.
TRIGRAM_THRESHOLD = 0.5


def _tsquery(term: Term):
    from django.contrib.postgres.search import SearchQuery

    query = None
    for alternative in term.alternatives:
        part = SearchQuery(alternative, config="english", search_type="phrase")
        query = part if query is None else query | part
    return query


def _postgres_term_versions(term: Term):
    """Ids of published versions where the term matches (a subquery)."""
    from django.contrib.postgres.search import SearchVector, TrigramWordSimilarity
    from django.db.models.functions import Concat

    PublishedFinding = apps.get_model("research", "PublishedFinding")
    SummaryVersion = apps.get_model("research", "SummaryVersion")

    query = _tsquery(term)
    finding_vector = SearchVector(
        "comparison",
        "outcome_detail",
        "result_text",
        "certainty_note",
        "citation__title",
        "citation__authors",
        "citation__journal",
        "source_finding__recommendations__title",
        "source_finding__recommendations__summary",
        config="english",
    )
    versions = SummaryVersion.objects.annotate(
        document=SummaryVersion.search_vector()
    ).filter(document=query)
    findings = PublishedFinding.objects.annotate(document=finding_vector).filter(
        document=query
    )
    matched = Q(pk__in=versions.values("pk")) | Q(pk__in=findings.values("version_id"))
    if term.fuzzy_word:
        text = Concat(
            "factor_name",
            Value(" "),
            "clinician_summary",
            Value(" "),
            "plain_summary",
            output_field=TextField(),
        )
        near = SummaryVersion.objects.annotate(
            near=TrigramWordSimilarity(Value(term.fuzzy_word), text)
        ).filter(near__gte=TRIGRAM_THRESHOLD)
        matched |= Q(pk__in=near.values("pk"))
    return SummaryVersion.objects.filter(matched).values("pk")


def _postgres_rank(terms: list[Term]):
    from django.contrib.postgres.search import SearchRank, SearchVector

    query = None
    for term in terms:
        part = _tsquery(term)
        query = part if query is None else query | part
    vector = SearchVector(
        "current_version__factor_name", weight="A", config="english"
    ) + SearchVector(
        "current_version__clinician_summary",
        "current_version__plain_summary",
        weight="B",
        config="english",
    )
    return SearchRank(vector, query)


# --- One entry point -----------------------------------------------------------------


def _in_english(function):
    """Search reads the English texts in every language: translated fields
    (research/translation.py) resolve to their English columns in here."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


@_in_english
def search_factors(queryset, text: str):
    """Published factors of `queryset` matching `text`, most relevant first.
    An empty query returns the queryset unchanged."""
    terms = parse(text)
    if not (text or "").strip():
        return queryset
    if not terms:
        return queryset.none()
    if settings.USING_POSTGRES:
        for term in terms:
            matching = _postgres_term_versions(term)
            queryset = queryset.filter(current_version__in=matching)
        return queryset.annotate(relevance=_postgres_rank(terms)).order_by(
            F("relevance").desc(nulls_last=True), "position", "name"
        )
    factors = list(queryset.published())
    documents = factor_documents(factors)
    scores = {pk: score(terms, fields) for pk, fields in documents.items()}
    return _in_score_order(queryset, scores, "position", "name")


@_in_english
def search_recommendations(queryset, text: str):
    """Recommendations matching `text` in their own words or in the summaries
    and findings they rest on, most relevant first."""
    terms = parse(text)
    if not (text or "").strip():
        return queryset
    if not terms:
        return queryset.none()
    Factor = apps.get_model("research", "Factor")

    factors = search_factors(Factor.objects.published(), text)
    via_factor = set(
        queryset.filter(
            supporting_findings__published_copies__version__current_for__in=factors
        ).values_list("pk", flat=True)
    )
    scores = {}
    for rec in queryset.only("pk", "title", "summary", "body"):
        own = score(terms, [(rec.title, 3.0), (rec.summary, 2.0), (rec.body, 1.0)])
        scores[rec.pk] = own + (0.5 if rec.pk in via_factor else 0.0)
    return _in_score_order(queryset, scores, "position", "title")


def _in_score_order(queryset, scores: dict[int, float], *tiebreak: str):
    """The rows that scored, best first (ties by `tiebreak`), as a queryset."""
    ranked = sorted((pk for pk, s in scores.items() if s), key=lambda pk: -scores[pk])
    if not ranked:
        return queryset.none()
    order = Case(
        *[When(pk=pk, then=Value(float(-i))) for i, pk in enumerate(ranked)],
        output_field=FloatField(),
    )
    return (
        queryset.filter(pk__in=ranked)
        .annotate(relevance=order)
        .order_by("-relevance", *tiebreak)
    )
