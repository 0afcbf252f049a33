"""What the rounds app holds about a person: export, and what erasure keeps.

Called by portal.services.account_export / account_delete (portal/hooks.py).
A member's ballots, pairwise answers and expert scores are exported. On
erasure they stay, tied to the closed (anonymised) account: a round's
published results must stay reproducible from its stored ballots, and no
ballot shows a name or an address anywhere (pages, exports, API).
"""

from typing import Any

from .models import Ballot, PairwiseVote, Score


def export_user_data(user) -> dict[str, Any]:
    return {
        "round_ballots": [
            {
                "round": b.round.slug,
                "group": b.group,
                "choices": list(
                    b.choices.order_by("rank").values_list("question__text", flat=True)
                ),
                "updated_at": b.updated_at.isoformat(),
            }
            for b in Ballot.objects.filter(member=user).select_related("round")
        ],
        "round_pairwise_answers": [
            {
                "round": v.round.slug,
                "first": v.first.text,
                "second": v.second.text,
                "choice": v.choice,
            }
            for v in PairwiseVote.objects.filter(member=user).select_related(
                "round", "first", "second"
            )
        ],
        "round_expert_scores": [
            {
                "round": s.assignment.round.slug,
                "question": s.assignment.question.text,
                "sub_question": s.sub_question.text,
                "answer": s.answer,
            }
            for s in Score.objects.filter(assignment__scorer=user).select_related(
                "assignment__round", "assignment__question", "sub_question"
            )
        ],
    }


def erase_user_data(user) -> None:
    """Nothing to remove: see the module docstring."""
