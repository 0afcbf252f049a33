"""Research priorities: topic, tags, lifecycle, edits, votes, evidence links, and
the tallies stored on each priority (the discussion app keeps its comment counts
there too).

Tallies (supporters per stakeholder group, the balanced score, comment and stance
counts) are stored on the priority and changed in the same transaction as the
vote or comment, under the priority's row lock, so listing and sorting never
count votes. `manage.py recompute_tallies` rebuilds them and reports drift.

The models are split by concern (priority.py, history.py, votes.py, evidence.py);
import them from here.
"""

from .duplicates import DuplicateDismissal
from .evidence import EvidenceLink, EvidenceLinkQuerySet, EvidenceRelation
from .history import PriorityRevision, StatusChange
from .priority import (
    LISTED,
    OPEN_STATUSES,
    PUBLIC_STATUSES,
    SEARCH_CONFIG,
    SORT_LABELS,
    SORTS,
    Priority,
    PriorityQuerySet,
    Status,
    Tag,
    Topic,
    search_vector,
)
from .similarity_index import (
    SimilarityDocument,
    SimilarityPosting,
    SimilarityState,
    SimilarityTerm,
)
from .synonyms import SynonymGroup
from .votes import GroupVoterCount, Vote

__all__ = [
    "LISTED",
    "OPEN_STATUSES",
    "PUBLIC_STATUSES",
    "SEARCH_CONFIG",
    "SORTS",
    "SORT_LABELS",
    "DuplicateDismissal",
    "EvidenceLink",
    "EvidenceLinkQuerySet",
    "EvidenceRelation",
    "GroupVoterCount",
    "Priority",
    "PriorityQuerySet",
    "PriorityRevision",
    "SimilarityDocument",
    "SimilarityPosting",
    "SimilarityState",
    "SimilarityTerm",
    "Status",
    "StatusChange",
    "SynonymGroup",
    "Tag",
    "Topic",
    "Vote",
    "search_vector",
]
