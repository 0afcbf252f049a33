"""Merging a duplicate priority into another: supports move, nobody counts twice.

Locks both priorities in ascending pk order (see the lock order in voting.py).
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Subquery,
)
from django.utils.translation import gettext as _

from discussion.public import NotificationKind, notify
from portal import access
from portal.models import User

from .models import (
    OPEN_STATUSES,
    Priority,
    Status,
    Vote,
)
from .services import CHANGE_PERM, apply_transition, check_transition
from .voting import queue_score_recompute, recount_priority, recount_voter_counts

logger = logging.getLogger(__name__)


@dataclass
class MergeResult:
    moved: int
    already_supporting: int


def priority_merge(
    *, source: Priority, target: Priority, actor: User, reason: str
) -> MergeResult:
    """Merge a duplicate into `target`: supports move over, nobody counts twice."""
    access.require_staff(actor, CHANGE_PERM)
    reason = (reason or "").strip()[:2000]
    if source.pk == target.pk:
        raise ValidationError({"target": _("A priority cannot be merged into itself.")})
    with transaction.atomic():
        # Both rows, in pk order: two merges in opposite directions cannot deadlock.
        rows = {
            p.pk: p
            for p in Priority.objects.select_for_update()
            .filter(pk__in=[source.pk, target.pk])
            .order_by("pk")
        }
        source_l, target_l = rows[source.pk], rows[target.pk]
        if target_l.status not in OPEN_STATUSES:
            raise ValidationError(
                {
                    "target": _(
                        "Merge into a published or shortlisted priority (this one is "
                        "“%(status)s”)."
                    )
                    % {"status": target_l.get_status_display()}
                }
            )
        check_transition(source_l, actor, Status.MERGED, reason)
        supporters = list(
            User.objects.filter(votes__priority=source_l).order_by("pk").distinct()
        )
        on_target = Vote.objects.filter(priority=target_l).values("user_id")
        moved = (
            Vote.objects.filter(priority=source_l)
            .exclude(user_id__in=Subquery(on_target))
            .update(priority=target_l)
        )
        duplicates, _detail = Vote.objects.filter(priority=source_l).delete()
        recount_priority(source_l.pk)
        recount_priority(target_l.pk)
        if duplicates:
            # A member may have supported both in different groups (after changing
            # their profile); recounting is simpler than reasoning it out.
            recount_voter_counts()
            queue_score_recompute()
        apply_transition(
            locked=source_l,
            actor=actor,
            to_status=Status.MERGED,
            reason=reason,
            merged_into=target_l,
        )
        notify(
            recipients=supporters,
            kind=NotificationKind.MERGED,
            key=f"merged:{source_l.pk}",
            message=lambda: (
                _(
                    "“%(source)s”, which you supported, was merged into “%(target)s”. "
                    "Your support now counts there; you can withdraw it on that page."
                )
                % {"source": source_l.title[:100], "target": target_l.title[:100]}
            ),
            priority=target_l,
            actor=actor,
        )
    source.refresh_from_db()
    target.refresh_from_db()
    return MergeResult(moved=moved, already_supporting=duplicates)
