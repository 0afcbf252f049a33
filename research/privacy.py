"""What the evidence app holds about a person: staff authorship of summaries.

Published versions keep the text the public saw, but a person who erases their
account is no longer named on them.
"""

from django.db.models import Q

from .models import EvidenceSummary, SummaryState, SummaryVersion


def export_user_data(user) -> list[dict]:
    rows = []
    for version in SummaryVersion.objects.filter(
        Q(author=user) | Q(reviewer=user)
    ).order_by("published_at"):
        rows.append(
            {
                "factor": version.factor_name,
                "version": version.number,
                "published_at": version.published_at.isoformat(),
                "role": "author" if version.author_id == user.pk else "reviewer",
            }
        )
    for summary in EvidenceSummary.objects.filter(
        Q(author=user) | Q(reviewer=user)
    ).select_related("factor"):
        rows.append(
            {
                "factor": summary.factor.name,
                "working_draft_state": summary.state,
                "role": "author" if summary.author_id == user.pk else "reviewer",
            }
        )
    return rows


def erase_user_data(user) -> None:
    # A summary in review needs both people; without one it goes back to draft.
    EvidenceSummary.objects.filter(
        Q(author=user) | Q(reviewer=user), state=SummaryState.IN_REVIEW
    ).update(state=SummaryState.DRAFT)
    SummaryVersion.objects.filter(author=user).update(author=None, author_name="")
    SummaryVersion.objects.filter(reviewer=user).update(reviewer=None, reviewer_name="")
    EvidenceSummary.objects.filter(author=user).update(author=None)
    EvidenceSummary.objects.filter(reviewer=user).update(reviewer=None)
