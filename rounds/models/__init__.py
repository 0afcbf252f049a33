from .chnri import (
    DEFAULT_CRITERIA,
    Answer,
    Criterion,
    Score,
    ScorerAssignment,
    SubQuestion,
)
from .questions import (
    Question,
    QuestionRevision,
    QuestionStatus,
    Suggestion,
    SuggestionSource,
    is_doi_or_pmid,
)
from .ranking import (
    Ballot,
    BallotChoice,
    Exclusion,
    PairChoice,
    PairwiseVote,
    Result,
    WorkshopResult,
)
from .round import PHASE_ORDER, Phase, PhaseChange, RankingMode, Round

__all__ = [
    "DEFAULT_CRITERIA",
    "PHASE_ORDER",
    "Answer",
    "Ballot",
    "BallotChoice",
    "Criterion",
    "Exclusion",
    "PairChoice",
    "PairwiseVote",
    "Phase",
    "PhaseChange",
    "Question",
    "QuestionRevision",
    "QuestionStatus",
    "RankingMode",
    "Result",
    "Round",
    "Score",
    "ScorerAssignment",
    "SubQuestion",
    "Suggestion",
    "SuggestionSource",
    "WorkshopResult",
    "is_doi_or_pmid",
]
