"""Following priorities and notifying followers.

Owned by the discussion half of the app. Other modules call `follow_priority` and
`notify_followers`; both are safe to call twice (database uniqueness on the
follow and on the notification key).
"""

from collections.abc import Iterable

from django.db import transaction

from .models import Follow, Notification, Priority


def follow_priority(*, user, priority: Priority) -> Follow:
    """Make `user` follow `priority` (no-op if they already do)."""
    follow, _created = Follow.objects.get_or_create(user=user, priority=priority)
    return follow


def notify(
    *,
    recipients: Iterable,
    kind: str,
    key: str,
    message: str,
    priority: Priority | None = None,
    comment=None,
    actor=None,
) -> int:
    """Create one notification per recipient, at most once per (recipient, key).

    The actor is never notified of their own action. Returns how many were new.
    """
    created = 0
    with transaction.atomic():
        for user in recipients:
            if actor is not None and user.pk == actor.pk:
                continue
            _n, new = Notification.objects.get_or_create(
                user=user,
                key=key,
                defaults={
                    "kind": kind,
                    "message": message[:300],
                    "priority": priority,
                    "comment": comment,
                },
            )
            created += new
    return created


def notify_followers(
    *,
    priority: Priority,
    kind: str,
    key: str,
    message: str,
    comment=None,
    actor=None,
) -> int:
    """Notify everyone who follows `priority` (see `notify`)."""
    followers = [f.user for f in priority.follows.select_related("user")]
    return notify(
        recipients=followers,
        kind=kind,
        key=key,
        message=message,
        priority=priority,
        comment=comment,
        actor=actor,
    )
