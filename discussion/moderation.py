"""Writes for reports (flags), hiding and restoring content, and blocking members.

Every staff decision is logged with ModerationAction.record and the person
concerned gets a notification (kind "moderation"). Locks are taken in one order
(priority row, then comment row) everywhere in the discussion, so concurrent
flags, comments and moderation never deadlock.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal import access
from portal.services import user_participation_block, user_participation_unblock
from priorities.models import PUBLIC_STATUSES, Priority

from .comments import count_comment
from .models import Comment, Flag, FlagReason, ModerationAction, NotificationKind
from .notifications import notify

FLAG_TEXT_MAX = Flag._meta.get_field("text").max_length
REASON_MAX = 2000


@dataclass
class Target:
    """A priority or a comment, locked, as one thing moderation acts on."""

    priority: Priority
    comment: Comment | None = None

    @property
    def obj(self) -> Priority | Comment:
        return self.comment or self.priority

    @property
    def author(self):
        return self.obj.author

    @property
    def label(self) -> str:
        if self.comment is not None:
            return _("your comment on “%(title)s”") % {"title": self.priority.title}
        return _("your priority “%(title)s”") % {"title": self.priority.title}

    def flags(self):
        if self.comment is not None:
            return Flag.objects.filter(comment=self.comment)
        return Flag.objects.filter(priority=self.priority)


def _lock(*, comment: Comment | int | None = None, priority=None) -> Target:
    """Lock the target (its priority first, then the comment) and return it."""
    if (comment is None) == (priority is None):
        raise ValueError("Pass exactly one of comment or priority.")
    if comment is not None:
        comment_pk = getattr(comment, "pk", comment)
        priority_pk = (
            Comment.objects.filter(pk=comment_pk)
            .values_list("priority_id", flat=True)
            .first()
        )
        if priority_pk is None:
            raise Comment.DoesNotExist
        locked_priority = Priority.objects.select_for_update().get(pk=priority_pk)
        locked_comment = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("author")
            .get(pk=comment_pk)
        )
        return Target(priority=locked_priority, comment=locked_comment)
    priority_pk = getattr(priority, "pk", priority)
    locked_priority = (
        Priority.objects.select_for_update(of=("self",))
        .select_related("author")
        .get(pk=priority_pk)
    )
    return Target(priority=locked_priority)


def _reason(text: str, *, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationError({"reason": [_("Give a reason; the author will see it.")]})
    if len(text) > REASON_MAX:
        raise ValidationError(
            {
                "reason": [
                    _("Keep the reason under %(max)d characters.") % {"max": REASON_MAX}
                ]
            }
        )
    return text


# The right to decide on each kind of item, and on members.
PERMS = {
    "comment": "discussion.change_comment",
    "priority": "priorities.change_priority",
    "flag": "discussion.change_flag",
    "member": "portal.change_user",
}


def _require_staff(actor, perm: str) -> None:
    access.require_staff(actor, perm, message=_("Only staff can moderate."))


def _require_moderator_of(actor, *, comment=None, priority=None) -> None:
    _require_staff(actor, PERMS["comment" if comment is not None else "priority"])


def _set_hidden(target: Target, *, hidden: bool, reason: str) -> None:
    obj = target.obj
    if obj.is_hidden == hidden:
        if hidden:
            obj.hidden_reason = reason
            obj.save(update_fields=["hidden_reason"])
        return
    if target.comment is not None and not target.comment.is_removed:
        # A hidden comment leaves the public counts; restoring puts it back.
        count_comment(target.comment, -1 if hidden else +1)
    obj.is_hidden = hidden
    obj.hidden_reason = reason if hidden else ""
    obj.hidden_at = timezone.now() if hidden else None
    obj.save(update_fields=["is_hidden", "hidden_reason", "hidden_at"])


def _resolve_flags(target: Target, actor) -> int:
    resolved = (
        target.flags()
        .filter(resolved_at__isnull=True)
        .update(resolved_at=timezone.now(), resolved_by=actor)
    )
    obj = target.obj
    obj.flag_count = 0
    type(obj).objects.filter(pk=obj.pk).update(flag_count=0)
    return resolved


def _tell_author(target: Target, action: ModerationAction, message: str) -> None:
    notify(
        recipients=[target.author],
        kind=NotificationKind.MODERATION,
        key=f"moderation:{action.pk}",
        message=message,
        priority=target.priority,
        comment=target.comment,
        actor=action.actor,
    )


# --- Flags --------------------------------------------------------------------------


def flag_create(
    *,
    user,
    reason: str,
    text: str = "",
    comment: Comment | None = None,
    priority: Priority | None = None,
) -> Flag:
    """Report a comment or a priority once; enough reports hide it for review."""
    access.require_participant(user)
    if reason not in FlagReason.values:
        raise ValidationError({"reason": [_("Choose a reason from the list.")]})
    text = (text or "").strip()
    if reason == FlagReason.OTHER and not text:
        raise ValidationError(
            {
                "text": [
                    _("Tell us briefly what is wrong when you choose “Something else”.")
                ]
            }
        )
    if len(text) > FLAG_TEXT_MAX:
        raise ValidationError(
            {"text": [_("Keep it under %(max)d characters.") % {"max": FLAG_TEXT_MAX}]}
        )
    with transaction.atomic():
        target = _lock(comment=comment, priority=priority)
        obj = target.obj
        if obj.author_id == user.pk:
            raise ValidationError(
                {"non_field_errors": [_("You cannot report your own contribution.")]}
            )
        if (
            obj.is_hidden
            or target.priority.is_hidden
            or target.priority.status not in PUBLIC_STATUSES
            or (target.comment is not None and target.comment.is_removed)
        ):
            raise ValidationError(
                {"non_field_errors": [_("This is no longer shown; nothing to report.")]}
            )
        try:
            with transaction.atomic():
                flag = Flag.objects.create(
                    user=user,
                    reason=reason,
                    text=text,
                    comment=target.comment,
                    priority=None if target.comment else target.priority,
                )
        except IntegrityError:
            raise ValidationError(
                {
                    "non_field_errors": [
                        _("You have already reported this. Staff will review it.")
                    ]
                }
            ) from None
        type(obj).objects.filter(pk=obj.pk).update(flag_count=F("flag_count") + 1)
        obj.refresh_from_db(fields=["flag_count"])
        if obj.flag_count >= settings.FLAG_HIDE_THRESHOLD:
            reason_text = ngettext(
                "Hidden automatically after %(n)d report, pending review by staff.",
                "Hidden automatically after %(n)d reports, pending review by staff.",
                obj.flag_count,
            ) % {"n": obj.flag_count}
            _set_hidden(target, hidden=True, reason=reason_text)
            action = ModerationAction.record(
                actor=None,
                action=ModerationAction.Action.AUTO_HIDE,
                reason=reason_text,
                priority=target.priority,
                comment=target.comment,
                member=target.author,
            )
            _tell_author(
                target,
                action,
                _("%(what)s was hidden after several reports; staff will review it.")
                % {"what": target.label.capitalize()},
            )
    return flag


# --- Staff decisions ------------------------------------------------------------------


def item_hide(*, actor, reason: str, comment=None, priority=None) -> ModerationAction:
    """Staff hide a comment or priority with a reason the author is told."""
    _require_moderator_of(actor, comment=comment, priority=priority)
    reason = _reason(reason, required=True)
    with transaction.atomic():
        target = _lock(comment=comment, priority=priority)
        _set_hidden(target, hidden=True, reason=reason)
        _resolve_flags(target, actor)
        action = ModerationAction.record(
            actor=actor,
            action=ModerationAction.Action.HIDE,
            reason=reason,
            priority=target.priority,
            comment=target.comment,
            member=target.author,
        )
        _tell_author(
            target,
            action,
            _("Staff hid %(what)s. Reason: %(reason)s")
            % {"what": target.label, "reason": reason},
        )
    return action


def item_restore(
    *, actor, reason: str = "", comment=None, priority=None
) -> ModerationAction:
    """Staff show a hidden item again and close its open reports."""
    _require_moderator_of(actor, comment=comment, priority=priority)
    reason = _reason(reason, required=False)
    with transaction.atomic():
        target = _lock(comment=comment, priority=priority)
        if not target.obj.is_hidden:
            raise ValidationError(
                {"non_field_errors": [_("This is not hidden; nothing to restore.")]}
            )
        _set_hidden(target, hidden=False, reason="")
        _resolve_flags(target, actor)
        action = ModerationAction.record(
            actor=actor,
            action=ModerationAction.Action.RESTORE,
            reason=reason,
            priority=target.priority,
            comment=target.comment,
            member=target.author,
        )
        _tell_author(
            target,
            action,
            _("Staff reviewed %(what)s and it is shown again.")
            % {"what": target.label},
        )
    return action


def flags_dismiss(
    *, actor, reason: str = "", comment=None, priority=None
) -> ModerationAction:
    """Staff close the open reports on an item without hiding it."""
    _require_staff(actor, PERMS["flag"])
    reason = _reason(reason, required=False)
    with transaction.atomic():
        target = _lock(comment=comment, priority=priority)
        if _resolve_flags(target, actor) == 0:
            raise ValidationError(
                {"non_field_errors": [_("There are no open reports on this.")]}
            )
        action = ModerationAction.record(
            actor=actor,
            action=ModerationAction.Action.DISMISS_FLAGS,
            reason=reason,
            priority=target.priority,
            comment=target.comment,
            member=target.author,
        )
        _tell_author(
            target,
            action,
            _("Staff reviewed reports about %(what)s and took no action.")
            % {"what": target.label},
        )
    return action


# --- Members -----------------------------------------------------------------------


def member_block(*, actor, member, reason: str) -> ModerationAction:
    """Stop a member from voting, commenting, proposing and reporting."""
    _require_staff(actor, PERMS["member"])
    reason = _reason(reason, required=True)
    User = get_user_model()
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=member.pk)
        if locked.is_staff or locked.pk == actor.pk:
            raise ValidationError(
                {
                    "non_field_errors": [
                        _(
                            "Staff accounts cannot be blocked; remove their staff "
                            "status first."
                        )
                    ]
                }
            )
        if locked.deleted_at is not None:
            raise ValidationError(
                {"non_field_errors": [_("This account was deleted.")]}
            )
        if locked.is_blocked:
            raise ValidationError(
                {"non_field_errors": [_("This member is already blocked.")]}
            )
        locked = user_participation_block(user=locked, reason=reason)
        action = ModerationAction.record(
            actor=actor,
            action=ModerationAction.Action.BLOCK,
            reason=reason,
            member=locked,
        )
        # In-site only: blocked members are never e-mailed (tasks_discussion).
        notify(
            recipients=[locked],
            kind=NotificationKind.MODERATION,
            key=f"moderation:{action.pk}",
            message=lambda: (
                _("Staff blocked you from taking part. Reason: %(reason)s")
                % {"reason": reason}
            ),
            actor=actor,
        )
    member.refresh_from_db()
    return action


def member_unblock(*, actor, member, reason: str = "") -> ModerationAction:
    """Let a blocked member take part again."""
    _require_staff(actor, PERMS["member"])
    reason = _reason(reason, required=False)
    User = get_user_model()
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=member.pk)
        if not locked.is_blocked:
            raise ValidationError(
                {"non_field_errors": [_("This member is not blocked.")]}
            )
        locked = user_participation_unblock(user=locked)
        action = ModerationAction.record(
            actor=actor,
            action=ModerationAction.Action.UNBLOCK,
            reason=reason,
            member=locked,
        )
        notify(
            recipients=[locked],
            kind=NotificationKind.MODERATION,
            key=f"moderation:{action.pk}",
            message=lambda: _("Staff lifted your block: you can take part again."),
            actor=actor,
        )
    member.refresh_from_db()
    return action


# The staff decisions on a reported or hidden item, by the name pages and API use.
DECISIONS = {
    "hide": item_hide,
    "restore": item_restore,
    "dismiss": flags_dismiss,
}
