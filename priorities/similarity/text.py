"""Text to vectors: stemming, stop words, the synonym vocabulary, TF-IDF, cosine.

A text is cut into words, each word is reduced to its stem, stop words are
dropped, and words or phrases staff listed as synonyms (`SynonymGroup`) become
one concept token. A priority is a TF-IDF vector of those tokens, its title
counting more than its description; the score of two priorities is the cosine
of their vectors, between 0 and 1 (see `cosine` for the one adjustment).
"""

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..models import SynonymGroup

# What a person must type before we look, and the most we read of it.
MIN_QUERY_CHARS = 8
MAX_QUERY_CHARS = 2000
# A match is shown from this score up (tuned with bench/similarity.py).
DISPLAY_THRESHOLD = 0.14
# A word of the title counts this many times a word of the description.
TITLE_WEIGHT = 3.0
# The description is long; its first part says what matters.
MAX_DESCRIPTION_CHARS = 1500

_STOP_WORD_TEXT = """
a about above after again all also am an and any are as at be because been
before being between both but by can could did do does doing done during each
either else ever few for from further get gets getting had has have having he
her here hers him his how i if in into is it its itself just let me might more
most much must my no nor not now of off on once one only or other our out over
own same shall she should so some such than that the their them then there
these they this those through to too under until up us very was way we were
what when where whether which while who whom why will with within would you
your yours
"""
STOP_WORDS = frozenset(_STOP_WORD_TEXT.split())
# Words that frame a research question ("what is the best way to reduce...")
# rather than say what it is about: they count a quarter of a word. Stemmed.
_FRAME_WORD_TEXT = """
best way reduce increase lower higher prevent improve affect effect risk
likely safe safer better help need give use matter good more less early
quick quickly long time rate rates associated link linked cause neonatal
unit hospital intensive therapy treat treatment manage management care
"""
FRAME_WEIGHT = 0.25
# Fewer shared subject words than this and the score is multiplied by the factor.
MIN_SHARED_SUBJECTS = 2
SINGLE_SUBJECT_FACTOR = 0.33

_WORD = re.compile(r"[a-z0-9]+")
# Longest first, so "ational" is tried before "al"; each keeps a stem of 3+.
_SUFFIXES = (
    ("ational", "ate"),
    ("ization", "ize"),
    ("isation", "ize"),
    ("ations", ""),
    ("ation", ""),
    ("ising", "ize"),
    ("izing", "ize"),
    ("ised", "ize"),
    ("ized", "ize"),
    ("ise", "ize"),
    ("ness", ""),
    ("ments", ""),
    ("ment", ""),
    ("ings", ""),
    ("ing", ""),
    ("ions", ""),
    ("ion", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("edly", ""),
    ("ly", ""),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
)


def stem(word: str) -> str:
    """A small English suffix stemmer: "preventing", "prevention" -> "prevent".

    It need not find real roots, only give the same stem to a word's forms.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    base = word
    for suffix, replacement in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            break
        if suffix == "es" and not word.endswith(("ses", "xes", "zes", "ches", "shes")):
            continue
        base = word[: -len(suffix)] + replacement
        # "stopped" -> "stop", but "feeding" -> "feed".
        if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
            base = base[:-1]
        break
    # "reduce", "reduces", "reduced" -> "reduc".
    if len(base) > 4 and base.endswith("e"):
        base = base[:-1]
    return base


def _raw_tokens(text: str) -> list[str]:
    text = text.lower().replace("\x00", " ").replace("\u2019", "'")
    text = text.replace("'s ", " ")
    return [stem(w) for w in _WORD.findall(text)]


# Words are stemmed before they are compared with the stop words.
STOP_STEMS = frozenset(stem(w) for w in STOP_WORDS)
# Who the question is about is nearly always the same: the baby born early,
# and the family.
FRAME_WORDS = frozenset(stem(w) for w in _FRAME_WORD_TEXT.split()) | {
    "~infant",
    "~preterm",
    "~parent",
}


@dataclass(frozen=True)
class Vocabulary:
    """Stemmed phrases (as tuples) and the concept token each one stands for."""

    phrases: dict[tuple[str, ...], str]
    longest: int

    @classmethod
    def from_groups(cls, groups: Iterable[Sequence[str]]) -> "Vocabulary":
        phrases: dict[tuple[str, ...], str] = {}
        for terms in groups:
            stemmed = [tuple(_raw_tokens(t)) for t in terms]
            stemmed = [s for s in stemmed if s]
            if not stemmed:
                continue
            concept = "~" + "_".join(stemmed[0])
            for phrase in stemmed:
                phrases.setdefault(phrase, concept)
        return cls(phrases, max((len(p) for p in phrases), default=0))

    @classmethod
    def load(cls) -> "Vocabulary":
        return cls.from_groups(g.terms for g in SynonymGroup.objects.all())


def tokens(text: str, vocabulary: Vocabulary) -> list[str]:
    """The concept tokens of a text: stemmed, synonyms merged, stop words out."""
    words = _raw_tokens(text or "")
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(vocabulary.longest, len(words) - i), 0, -1):
            concept = vocabulary.phrases.get(tuple(words[i : i + size]))
            if concept:
                out.append(concept)
                i += size
                break
        else:
            word = words[i]
            if word not in STOP_STEMS and len(word) > 1:
                out.append(word)
            i += 1
    return out


def _weight(token: str) -> float:
    return FRAME_WEIGHT if token in FRAME_WORDS else 1.0


def _counts(text: str, vocabulary: Vocabulary, *, weight: float = 1.0) -> Counter:
    counts: Counter = Counter()
    for token in tokens(text, vocabulary):
        counts[token] += weight * _weight(token)
    return counts


def _document(title: str, description: str, vocabulary: Vocabulary) -> Counter:
    counts = _counts(title, vocabulary, weight=TITLE_WEIGHT)
    counts.update(_counts(description[:MAX_DESCRIPTION_CHARS], vocabulary))
    return counts


def document_counts(title: str, description: str, vocabulary: Vocabulary) -> Counter:
    """A priority's weighted token counts, in the order its text gives them."""
    return _document(title, description or "", vocabulary)


def query_counts(text: str, vocabulary: Vocabulary) -> Counter:
    return _counts(text, vocabulary)


def idf(size: int, documents: int) -> float:
    """Inverse document frequency of a token held by `documents` of `size`."""
    return math.log((1 + size) / (1 + documents)) + 1


def weigh(counts: Counter, idf_of: Callable[[str], float]) -> dict[str, float]:
    """The unit TF-IDF vector of some counts. The stored index and `Index` both
    use this, in the counts' own order, so they give the very same floats."""
    # Sub-linear term frequency that stays positive below one occurrence.
    weights = {t: math.log1p(c) * idf_of(t) for t, c in counts.items() if c > 0}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


class Index:
    """TF-IDF vectors of a set of priorities (pk -> vector), built in memory."""

    def __init__(self, rows: Iterable[tuple[int, str, str]], vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        documents = {pk: document_counts(t, d, vocabulary) for pk, t, d in rows}
        frequency: Counter = Counter()
        for counts in documents.values():
            frequency.update(counts.keys())
        self.frequency = frequency
        size = len(documents)
        self.idf = {token: idf(size, n) for token, n in frequency.items()}
        self.default_idf = idf(size, 0)
        self.vectors = {pk: self.vector(c) for pk, c in documents.items()}

    def vector(self, counts: Counter) -> dict[str, float]:
        return weigh(counts, lambda t: self.idf.get(t, self.default_idf))

    def query(self, text: str) -> dict[str, float]:
        return self.vector(_counts(text, self.vocabulary))

    def score(self, a: dict[str, float], b: dict[str, float]) -> float:
        return cosine(a, b)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The cosine of two vectors, halved when they share only one subject word.

    One shared word ("siblings", "costs") is how unrelated short questions
    look alike; two questions that ask the same thing share at least two
    subject words. Frame words (FRAME_WORDS) are not subject words.
    """
    if len(a) > len(b):
        a, b = b, a
    shared = [t for t in a if t in b]
    score = sum(a[t] * b[t] for t in shared)
    subjects = [t for t in shared if t not in FRAME_WORDS]
    if len(subjects) < MIN_SHARED_SUBJECTS:
        score *= SINGLE_SUBJECT_FACTOR
    return min(1.0, score)


def clean_query(text: str | None) -> str:
    """The part of a query the engine reads: NUL bytes out, at most 2,000 chars."""
    return (text or "").replace("\x00", " ").strip()[:MAX_QUERY_CHARS]


def needed_tokens(
    vector: dict[str, float],
    rank: Callable[[str], tuple],
    threshold: float,
    ceiling: Callable[[str], float] | None = None,
) -> list[str]:
    """The tokens of `vector` of which any match must share at least one.

    Tokens are taken from the commonest (by `rank`) while what they could add
    up to stays below `threshold`: a match sharing only those could not score
    `threshold`. On a set of shared tokens the cosine is at most the length of
    `vector` on that set (the other vector being a unit one), and at most the
    sum of each weight times the largest weight the token has in any other
    vector (`ceiling`, when known); it is cut by SINGLE_SUBJECT_FACTOR when the
    set holds fewer than two subject words. So candidates looked up through the
    rest lose no match: the results equal those of scoring every document.
    """
    if threshold <= 0:
        return list(vector)
    order = sorted(vector, key=rank)
    squares = 0.0
    products = 0.0
    subjects = 0
    for position, token in enumerate(order):
        weight = vector[token]
        squares += weight * weight
        products += weight * (ceiling(token) if ceiling else 1.0)
        subjects += token not in FRAME_WORDS
        factor = 1.0 if subjects >= MIN_SHARED_SUBJECTS else SINGLE_SUBJECT_FACTOR
        # A hair of slack for rounding: a candidate too many costs nothing.
        if min(math.sqrt(squares), products) * factor >= threshold - 1e-9:
            return order[position:]
    return []
