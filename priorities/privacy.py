"""What the priorities app holds about a person: export and erasure.

Called by portal.services.account_export / account_delete (see portal/hooks.py):
exports a member's priorities and supports, and withdraws the supports
(correcting the tallies). The discussion app exports and erases the rest.
"""

from typing import Any

from portal.models import User

from .models import Priority, Vote


def export_user_data(user) -> dict:
    return user_priorities_export(user=user)


def erase_user_data(user) -> None:
    from .voting import user_votes_erase

    user_votes_erase(user=user)


def user_priorities_export(*, user: User) -> dict[str, Any]:
    """The priorities a member proposed and supports (for their data export)."""
    return {
        "priorities_proposed": [
            {
                "id": p.pk,
                "title": p.title,
                "description": p.description,
                "topic": p.topic.name,
                "status": p.status,
                "group_at_submission": p.author_group,
                "submitted_at": p.created_at.isoformat(),
            }
            for p in Priority.objects.filter(author=user)
            .select_related("topic")
            .order_by("pk")
        ],
        "priorities_supported": [
            {
                "priority_id": v.priority_id,
                "title": v.priority.title,
                "group": v.group,
                "supported_at": v.created_at.isoformat(),
            }
            for v in Vote.objects.filter(user=user)
            .select_related("priority")
            .order_by("pk")
        ],
    }
