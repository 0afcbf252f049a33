"""Evidence summaries: factors that change the risk of NEC, findings, sources.

Editors work on a *working copy* (EvidenceSummary and its Finding rows). Publishing
copies it into an immutable SummaryVersion with PublishedFinding rows; every public
page and the public API read only those copies, so a draft can never leak.

The models are split by concern; import them from here:

- choices.py: Direction, Certainty (with CERTAINTY_ORDER and LOW_CERTAINTIES), Kind,
  EffectMeasure (with RATIO_MEASURES and DIFFERENCE_MEASURES), Outcome,
  SummaryState, Strength (GRADE's strong or conditional, for recommendations).
- citations.py: Citation, and citation_search_vector() for full-text search.
- factors.py: Factor, FactorQuerySet (published(), search()), RESERVED_SLUGS.
- summaries.py: EvidenceSummary (the working copy) and its QuerySet, SummaryVersion
  (what was published), StaleReviewDigest (the weekly stale-review e-mail log).
- findings.py: FindingFields (the columns shared by both kinds of row), Finding
  (draft rows), PublishedFinding (rows as published), format_number().
- recommendations.py: Recommendation and its QuerySet.
"""

from .choices import (
    CERTAINTY_ORDER,
    DIFFERENCE_MEASURES,
    LOW_CERTAINTIES,
    RATIO_MEASURES,
    Certainty,
    Direction,
    EffectMeasure,
    Kind,
    Outcome,
    Strength,
    SummaryState,
)
from .citations import Citation, citation_search_vector
from .factors import RESERVED_SLUGS, Factor, FactorQuerySet
from .findings import (
    Finding,
    FindingFields,
    PublishedFinding,
    PublishedFindingQuerySet,
    format_number,
)
from .recommendations import Recommendation, RecommendationQuerySet
from .summaries import (
    PLAIN_LANGUAGE_HELP,
    EvidenceSummary,
    EvidenceSummaryQuerySet,
    StaleReviewDigest,
    SummaryVersion,
)

__all__ = [
    "CERTAINTY_ORDER",
    "DIFFERENCE_MEASURES",
    "LOW_CERTAINTIES",
    "PLAIN_LANGUAGE_HELP",
    "RATIO_MEASURES",
    "RESERVED_SLUGS",
    "Certainty",
    "Citation",
    "Direction",
    "EffectMeasure",
    "EvidenceSummary",
    "EvidenceSummaryQuerySet",
    "Factor",
    "FactorQuerySet",
    "Finding",
    "FindingFields",
    "Kind",
    "Outcome",
    "PublishedFinding",
    "PublishedFindingQuerySet",
    "Recommendation",
    "RecommendationQuerySet",
    "StaleReviewDigest",
    "Strength",
    "SummaryState",
    "SummaryVersion",
    "citation_search_vector",
    "format_number",
]
