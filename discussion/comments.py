"""Writes for comments, and the discussion half of a member's data export/erasure.

Counting rule: Priority.comment_count and stance_* count the comments that are
neither deleted by their author nor hidden by moderation (`Comment.objects
.counted()`). Every change is made under the priority's row lock with F()
expressions in the same transaction as the comment itself, so concurrent
comments never lose a count. `discussion_counts` recomputes them from the rows.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import access
from priorities.models import Priority, Status

from .models import (
    Comment,
    Flag,
    Follow,
    Notification,
    NotificationKind,
    NotificationSettings,
    Stance,
)
from .notifications import follow_priority, notify, notify_followers

BODY_MAX = Comment._meta.get_field("body").max_length
STANCE_FIELD = {
    Stance.FAVOUR: "stance_favour",
    Stance.NEUTRAL: "stance_neutral",
    Stance.AGAINST: "stance_against",
}


# --- Counting -----------------------------------------------------------------------


def _count_changes(comment: Comment, sign: int) -> dict[str, Any]:
    """F() updates adding (+1) or removing (-1) one counted comment."""

    def bump(field: str):
        if sign > 0:
            return F(field) + 1
        # Never below zero, even if the stored count had drifted.
        return Greatest(F(field) - 1, 0)

    changes = {"comment_count": bump("comment_count")}
    if comment.stance:
        field = STANCE_FIELD[comment.stance]
        changes[field] = bump(field)
    return changes


def count_comment(comment: Comment, sign: int) -> None:
    """Add or remove `comment` from its priority's stored counts.

    The caller holds the priority's row lock inside a transaction.
    """
    Priority.objects.filter(pk=comment.priority_id).update(
        **_count_changes(comment, sign)
    )


def discussion_counts(priority: Priority | int) -> dict[str, int]:
    """The counts as they should be, computed from the comment rows."""
    return (
        Comment.objects.counted()
        .filter(priority=priority)
        .aggregate(
            comment_count=Count("pk"),
            **{
                field: Count("pk", filter=Q(stance=stance))
                for stance, field in STANCE_FIELD.items()
            },
        )
    )


def discussion_counts_recompute(*, priority: Priority) -> dict[str, tuple[int, int]]:
    """Rewrite the stored counts from the rows; returns {field: (stored, real)}."""
    with transaction.atomic():
        locked = Priority.objects.select_for_update().get(pk=priority.pk)
        real = discussion_counts(locked)
        drift = {
            field: (getattr(locked, field), value)
            for field, value in real.items()
            if getattr(locked, field) != value
        }
        if drift:
            Priority.objects.filter(pk=locked.pk).update(**real)
    return drift


# --- Comments -----------------------------------------------------------------------


def _lock_priority(priority_id: int) -> Priority:
    return Priority.objects.select_for_update().get(pk=priority_id)


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Write a comment before sending it.")]})
    if len(body) > BODY_MAX:
        raise ValidationError(
            {
                "body": [
                    _("Keep your comment under %(max)d characters (it has %(n)d).")
                    % {"max": BODY_MAX, "n": len(body)}
                ]
            }
        )
    return body


def _clean_stance(stance: str | None, *, is_reply: bool) -> str:
    stance = stance or ""
    if stance and stance not in Stance.values:
        raise ValidationError(
            {"stance": [_("Choose in favour, neutral or against, or leave it empty.")]}
        )
    if stance and is_reply:
        raise ValidationError(
            {
                "stance": [
                    _(
                        "A stance goes on a top-level comment; replies carry none. "
                        "Leave the stance empty."
                    )
                ]
            }
        )
    return stance


def comment_create(
    *,
    author,
    priority: Priority,
    body: str,
    stance: str = "",
    parent: Comment | None = None,
) -> Comment:
    """Post a comment or a reply on an open priority.

    A reply to a reply-to-a-reply (depth 2) is attached next to it, under the same
    depth-1 comment, so threads never go deeper than two levels; the author of
    the comment answered still gets the reply notification.
    """
    access.require_participant(author)
    body = _clean_body(body)
    stance = _clean_stance(stance, is_reply=parent is not None)
    with transaction.atomic():
        locked = _lock_priority(priority.pk)
        if not locked.is_open_for_support:
            raise ValidationError(
                {
                    "priority": [
                        _(
                            "Comments are closed: this priority is %(status)s, and "
                            "only published or shortlisted priorities are discussed."
                        )
                        % {"status": locked.get_status_display().lower()}
                    ]
                }
            )
        answered = None
        if parent is not None:
            answered = (
                Comment.objects.select_related("author").filter(pk=parent.pk).first()
            )
            if answered is None or answered.priority_id != locked.pk:
                raise ValidationError(
                    {"parent": [_("You can only reply to a comment on this priority.")]}
                )
            if answered.is_removed or answered.is_hidden:
                raise ValidationError(
                    {
                        "parent": [
                            _(
                                "That comment was removed or hidden; add a new "
                                "comment instead of a reply."
                            )
                        ]
                    }
                )
            if answered.depth >= Comment.MAX_DEPTH:
                parent_id, depth = answered.parent_id, Comment.MAX_DEPTH
            else:
                parent_id, depth = answered.pk, answered.depth + 1
        else:
            parent_id, depth = None, 0
        now = timezone.now()
        comment = Comment.objects.create(
            priority=locked,
            author=author,
            author_group=author.stakeholder_group,
            parent_id=parent_id,
            depth=depth,
            body=body,
            stance=stance,
            created_at=now,
        )
        Priority.objects.filter(pk=locked.pk).update(
            last_activity_at=now, **_count_changes(comment, +1)
        )
        follow_priority(user=author, priority=locked)
        already = []
        if answered is not None and answered.author_id != author.pk:
            notify(
                recipients=[answered.author],
                kind=NotificationKind.REPLY,
                key=f"reply:{comment.pk}",
                message=lambda: (
                    _("%(name)s replied to your comment on “%(title)s”")
                    % {"name": author.public_name, "title": locked.title}
                ),
                priority=locked,
                comment=comment,
                actor=author,
            )
            already.append(answered.author)
        notify_followers(
            priority=locked,
            kind=NotificationKind.COMMENT,
            key=f"comment:{comment.pk}",
            message=lambda: (
                _("%(name)s commented on “%(title)s”")
                % {"name": author.public_name, "title": locked.title}
            ),
            comment=comment,
            actor=author,
            exclude=already,
        )
    return comment


def priorities_to_comment_on(user):
    """Priorities a comment form may point at, so closed ones get a clear answer.

    Pending priorities were never public, so only their author and staff learn
    they exist; hidden ones are gone for the public. The others (including
    declined, merged or withdrawn ones that were public once) are found, and
    `comment_create` explains why comments on them are closed.
    """
    qs = Priority.objects.all()
    if access.has_staff_perm(user, "priorities.view_priority"):
        return qs
    return qs.filter(is_hidden=False).filter(
        ~Q(status=Status.PENDING) | Q(author_id=user.pk)
    )


def comment_can_edit(comment: Comment, user, *, now=None) -> bool:
    window: timedelta = settings.COMMENT_EDIT_WINDOW
    now = now or timezone.now()
    return (
        access.is_participant(user)
        and comment.author_id == user.pk
        and not comment.is_removed
        and not comment.is_hidden
        and now - comment.created_at <= window
    )


def comment_edit(*, comment: Comment, user, body: str, stance: str | None = None):
    """The author rewrites a comment within COMMENT_EDIT_WINDOW of posting it.

    `stance=None` keeps the stance; "" removes it.
    """
    if comment.author_id != getattr(user, "pk", None):
        raise PermissionDenied(_("Only the author can edit a comment."))
    access.require_participant(user)
    body = _clean_body(body)
    with transaction.atomic():
        _lock_priority(comment.priority_id)
        current = Comment.objects.select_for_update().get(pk=comment.pk)
        if not comment_can_edit(current, user):
            minutes = int(settings.COMMENT_EDIT_WINDOW.total_seconds() // 60)
            raise ValidationError(
                {
                    "body": [
                        _(
                            "Comments can be edited for %(minutes)d minutes after "
                            "posting. Post a new comment or reply instead."
                        )
                        % {"minutes": minutes}
                    ]
                }
            )
        new_stance = (
            current.stance
            if stance is None
            else _clean_stance(stance, is_reply=current.parent_id is not None)
        )
        if new_stance != current.stance:
            count_comment(current, -1)
            current.stance = new_stance
            count_comment(current, +1)
        current.body = body
        current.edited_at = timezone.now()
        current.save(update_fields=["body", "stance", "edited_at"])
    return current


def comment_delete(*, comment: Comment, user) -> Comment:
    """The author removes a comment: its text goes, its replies stay."""
    if comment.author_id != getattr(user, "pk", None):
        raise PermissionDenied(_("Only the author can delete a comment."))
    with transaction.atomic():
        _lock_priority(comment.priority_id)
        current = Comment.objects.select_for_update().get(pk=comment.pk)
        if current.is_removed:
            return current
        if not current.is_hidden:
            count_comment(current, -1)
        current.deleted_at = timezone.now()
        current.body = ""
        current.stance = ""
        current.save(update_fields=["deleted_at", "body", "stance"])
    return current


# --- Privacy ------------------------------------------------------------------------


def user_discussion_export(*, user) -> dict:
    """The member's comments, flags, follows and notification settings."""
    settings_row = NotificationSettings.objects.filter(user=user).first()
    return {
        "comments": [
            {
                "id": c.pk,
                "priority_id": c.priority_id,
                "parent_id": c.parent_id,
                "stance": c.stance,
                "body": c.body,
                "created_at": c.created_at.isoformat(),
                "edited_at": c.edited_at.isoformat() if c.edited_at else None,
                "deleted_at": c.deleted_at.isoformat() if c.deleted_at else None,
                "hidden": c.is_hidden,
            }
            for c in Comment.objects.filter(author=user).order_by("pk")
        ],
        "flags": [
            {
                "priority_id": f.priority_id,
                "comment_id": f.comment_id,
                "reason": f.reason,
                "text": f.text,
                "created_at": f.created_at.isoformat(),
            }
            for f in Flag.objects.filter(user=user).order_by("pk")
        ],
        "follows": [
            {"priority_id": f.priority_id, "since": f.created_at.isoformat()}
            for f in Follow.objects.filter(user=user).order_by("pk")
        ],
        "notification_settings": {
            "email_mode": settings_row.email_mode if settings_row else "immediate"
        },
        "notifications": [
            {
                "kind": n.kind,
                "message": n.message,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in Notification.objects.filter(user=user).order_by("pk")
        ],
    }


def user_discussion_erase(*, user) -> None:
    """Erase the member's discussion data; called inside account deletion.

    Follows, notifications, settings and flags go (open flags no longer count
    towards hiding). Comments nobody replied to are deleted; a comment someone
    replied to stays so the thread still reads, and the account tombstone shows
    its author as "a deleted member".
    """
    with transaction.atomic():
        Follow.objects.filter(user=user).delete()
        Notification.objects.filter(user=user).delete()
        NotificationSettings.objects.filter(user=user).delete()
        for flag in Flag.objects.filter(user=user, resolved_at__isnull=True):
            target = Comment if flag.comment_id else Priority
            target.objects.filter(pk=flag.comment_id or flag.priority_id).update(
                flag_count=Greatest(F("flag_count") - 1, 0)
            )
        Flag.objects.filter(user=user).delete()
        # Deepest first, so a member's reply to their own comment goes before it.
        comments = list(Comment.objects.filter(author=user).order_by("-depth", "pk"))
        for priority_id in sorted({c.priority_id for c in comments}):
            _lock_priority(priority_id)
        for comment in comments:
            if Comment.objects.filter(parent_id=comment.pk).exists():
                continue
            if not comment.is_removed and not comment.is_hidden:
                count_comment(comment, -1)
            # Notifications of other members point at it; they go with it.
            comment.delete()
