"""What other apps may call in the discussion app; nothing else is public.

The priorities app records its staff decisions in the moderation log, tells
members about changes (to the author, to followers), makes an author follow their
own proposal and recounts the comment tallies it stores. It does all of that
through these names, so the discussion's models and services can change without
touching priorities.
"""

from django.db.models import Count

from .comments import discussion_counts
from .models import Comment, ModerationAction, NotificationKind
from .notifications import follow_priority, notify, notify_followers

ModerationKind = ModerationAction.Action

__all__ = [
    "ModerationKind",
    "NotificationKind",
    "comment_counts_by_priority",
    "discussion_counts",
    "follow_priority",
    "notify",
    "notify_followers",
    "record_moderation",
]


def record_moderation(
    *, actor, action: str, reason: str = "", priority=None, member=None
) -> ModerationAction:
    """Write one entry in the moderation log (who decided what, and why)."""
    return ModerationAction.record(
        actor=actor, action=action, reason=reason, priority=priority, member=member
    )


def comment_counts_by_priority():
    """(priority_id, stance, n) for every counted comment, for the drift check."""
    return (
        Comment.objects.counted()
        .order_by()
        .values("priority_id", "stance")
        .annotate(n=Count("pk"))
        .values_list("priority_id", "stance", "n")
    )
