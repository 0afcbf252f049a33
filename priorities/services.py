"""Writes for research priorities: proposing, editing, tags and the lifecycle.

Votes and tallies are in voting.py, merging in merging.py, evidence links in
evidence.py.

Every function is keyword-only, runs in one transaction and validates before it
saves (a django ValidationError with field messages). Counts that can race (the
tallies on a priority, the voters per group) change under a row lock with F()
expressions, in the same transaction as the vote that changes them.

Lock order, so two transactions never wait on each other in a circle:
member row → priority rows (ascending pk) → GroupVoterCount rows.
"""

import logging
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from discussion.public import (
    ModerationKind,
    NotificationKind,
    follow_priority,
    notify,
    notify_followers,
    record_moderation,
)
from portal import access
from portal.models import StakeholderGroup, User

from . import similarity
from .models import (
    Priority,
    PriorityRevision,
    Status,
    StatusChange,
    Tag,
    Topic,
)

logger = logging.getLogger(__name__)

GROUPS: tuple[str, ...] = tuple(StakeholderGroup.values)
TITLE_MIN_LENGTH = 15
MAX_TAGS = 8

# The lifecycle: which status may follow which. Terminal statuses have no entry,
# except that staff may reopen a declined priority (after an appeal).
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.PENDING: frozenset(
        {
            Status.PUBLISHED,
            Status.SHORTLISTED,
            Status.ANSWERED,
            Status.MERGED,
            Status.DECLINED,
            Status.WITHDRAWN,
        }
    ),
    Status.PUBLISHED: frozenset(
        {
            Status.SHORTLISTED,
            Status.ANSWERED,
            Status.MERGED,
            Status.DECLINED,
            Status.WITHDRAWN,
        }
    ),
    Status.SHORTLISTED: frozenset(
        {Status.ANSWERED, Status.MERGED, Status.DECLINED, Status.WITHDRAWN}
    ),
    Status.DECLINED: frozenset({Status.PUBLISHED}),
}
# Members deserve to know why their question was closed.
REASON_REQUIRED = frozenset({Status.DECLINED, Status.MERGED, Status.ANSWERED})
# What a staff decision is called in the moderation log.
MODERATION_ACTIONS = {
    Status.PUBLISHED: ModerationKind.APPROVE,
    Status.SHORTLISTED: ModerationKind.SHORTLIST,
    Status.ANSWERED: ModerationKind.ANSWER,
    Status.MERGED: ModerationKind.MERGE,
    Status.DECLINED: ModerationKind.DECLINE,
}


# Staff who hold it moderate priorities: review, publish, decline, merge, edit.
CHANGE_PERM = "priorities.change_priority"


# --- Proposing and editing ------------------------------------------------------------


def parse_tags(text: str | list[str] | None) -> list[str]:
    """Free tags from "a, b, c" (or a list): lower-case, unique, in order."""
    if not text:
        return []
    items = text.split(",") if isinstance(text, str) else list(text)
    tags: list[str] = []
    for item in items:
        name = " ".join(str(item).split()).lower()
        if name and name not in tags:
            tags.append(name)
    return tags


# A tag is words: letters or digits, joined by single hyphens, with single spaces
# between words ("skin-to-skin", "donor milk"); anything else (markup, symbols)
# is refused rather than stored.
TAG_MAX_LENGTH = 50
_TAG = re.compile(r"[^\W_]+(?:-[^\W_]+)*(?: [^\W_]+(?:-[^\W_]+)*)*")


def _validate_tags(names: list[str]) -> None:
    if len(names) > MAX_TAGS:
        raise ValidationError(
            {"tags": _("Use at most %(max)d tags.") % {"max": MAX_TAGS}}
        )
    for name in names:
        if len(name) > TAG_MAX_LENGTH or not _TAG.fullmatch(name):
            raise ValidationError(
                {
                    "tags": _(
                        "“%(tag)s” is not a usable tag: a tag is one or more words "
                        "of letters or digits (a hyphen may join them), at most "
                        "%(max)d characters."
                    )
                    % {"tag": name[:60], "max": TAG_MAX_LENGTH}
                }
            )


def _tags_for(names: list[str]) -> list[Tag]:
    tags = []
    for name in names:
        slug = slugify(name)[:60]
        try:
            with transaction.atomic():
                tag, _created = Tag.objects.get_or_create(
                    slug=slug, defaults={"name": name}
                )
        except IntegrityError:  # created meanwhile by someone else
            tag = Tag.objects.get(slug=slug)
        tags.append(tag)
    return tags


def validate_text(*, title: str, description: str) -> tuple[str, str]:
    title = " ".join((title or "").split())
    description = (description or "").strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Write your research question.")
    elif len(title) < TITLE_MIN_LENGTH:
        errors["title"] = _(
            "Write the research question in full (at least %(min)d characters)."
        ) % {"min": TITLE_MIN_LENGTH}
    elif len(title) > 200:
        errors["title"] = _(
            "Keep the research question under 200 characters (it has %(n)d)."
        ) % {"n": len(title)}
    if not description:
        errors["description"] = _("Say in a few sentences why this question matters.")
    elif len(description) > 5000:
        errors["description"] = _(
            "Keep the description under 5,000 characters (it has %(n)d)."
        ) % {"n": len(description)}
    if errors:
        raise ValidationError(errors)
    return title, description


def approved_submissions(user) -> int:
    return Priority.objects.filter(author=user, published_at__isnull=False).count()


def publishes_directly(user) -> bool:
    """Trusted members (staff-set, or enough approved proposals) skip the queue."""
    if access.has_staff_perm(user, CHANGE_PERM) or user.is_trusted:
        return True
    return approved_submissions(user) >= settings.PRIORITIES_TRUSTED_AFTER


def priority_submit(
    *,
    author: User,
    title: str,
    description: str,
    topic: Topic,
    tags: str | list[str] | None = None,
) -> Priority:
    """Propose a priority; it waits for moderation unless the author is trusted."""
    access.require_participant(author)
    title, description = validate_text(title=title, description=description)
    if topic is None or not isinstance(topic, Topic):
        raise ValidationError({"topic": _("Choose a topic.")})
    tag_names = parse_tags(tags)
    _validate_tags(tag_names)
    direct = publishes_directly(author)
    now = timezone.now()
    with transaction.atomic():
        priority = Priority.objects.create(
            title=title,
            description=description,
            topic=topic,
            author=author,
            author_group=author.stakeholder_group,
            status=Status.PUBLISHED if direct else Status.PENDING,
            created_at=now,
            status_changed_at=now,
            published_at=now if direct else None,
            last_activity_at=now,
        )
        priority.tags.set(_tags_for(tag_names))
        StatusChange.objects.create(
            priority=priority,
            from_status="",
            to_status=priority.status,
            actor=author,
            reason=_("Published directly by a trusted member.")
            if direct
            else _("Submitted for review."),
            created_at=now,
        )
        follow_priority(user=author, priority=priority)
        similarity.index_refresh([priority.pk])
    logger.info(
        "priority_submitted",
        extra={"priority_id": priority.pk, "status": priority.status},
    )
    return priority


def priority_can_edit(priority: Priority, user) -> bool:
    """Authors edit until the first support or comment; staff always."""
    if user is None or not user.is_authenticated:
        return False
    if access.has_staff_perm(user, CHANGE_PERM):
        return True
    return (
        priority.author_id == user.pk
        and access.is_participant(user)
        and priority.status in (Status.PENDING, Status.PUBLISHED)
        and priority.supporters_total == 0
        and priority.comment_count == 0
    )


def priority_edit(
    *,
    priority: Priority,
    editor: User,
    title: str,
    description: str,
    topic: Topic | None = None,
    tags: str | list[str] | None = None,
) -> Priority:
    """Change the question; the previous wording is kept as a revision."""
    title, description = validate_text(title=title, description=description)
    tag_names = parse_tags(tags) if tags is not None else None
    if tag_names is not None:
        _validate_tags(tag_names)
    with transaction.atomic():
        locked = Priority.objects.select_for_update().get(pk=priority.pk)
        if not priority_can_edit(locked, editor):
            raise ValidationError(
                _(
                    "This priority can no longer be edited: it has supporters or "
                    "comments. Ask staff if something needs correcting."
                )
            )
        changed_text = (title, description) != (locked.title, locked.description)
        if changed_text:
            PriorityRevision.objects.create(
                priority=locked,
                title=locked.title,
                description=locked.description,
                edited_by=editor,
            )
            locked.title, locked.description = title, description
            locked.edited_at = timezone.now()
        if topic is not None:
            locked.topic = topic
        locked.save(update_fields=["title", "description", "edited_at", "topic"])
        if tag_names is not None:
            locked.tags.set(_tags_for(tag_names))
        similarity.index_refresh([locked.pk])
        if (
            changed_text
            and access.has_staff_perm(editor, CHANGE_PERM)
            and editor.pk != locked.author_id
        ):
            record_moderation(
                actor=editor,
                action=ModerationKind.EDIT,
                priority=locked,
                reason=_("Wording edited by staff."),
            )
    return locked


# --- Lifecycle ------------------------------------------------------------------------


def allowed_transitions(priority: Priority, user) -> list[str]:
    """The statuses `user` may move `priority` to (merging has its own action)."""
    if user is None or not user.is_authenticated:
        return []
    targets = TRANSITIONS.get(priority.status, frozenset())
    allowed = []
    for status in Status.values:
        if status not in targets or status == Status.MERGED:
            continue
        if status == Status.WITHDRAWN:
            if priority.author_id == user.pk:
                allowed.append(status)
        elif access.has_staff_perm(user, CHANGE_PERM):
            allowed.append(status)
    return allowed


def _status_message(priority: Priority, to_status: str) -> str:
    return _("“%(title)s” is now: %(status)s.") % {
        "title": priority.title[:150],
        "status": Status(to_status).label,
    }


def apply_transition(
    *,
    locked: Priority,
    actor: User,
    to_status: str,
    reason: str,
    merged_into: Priority | None = None,
) -> StatusChange:
    """Record the change on a locked priority and tell the people concerned."""
    now = timezone.now()
    change = StatusChange.objects.create(
        priority=locked,
        from_status=locked.status,
        to_status=to_status,
        actor=actor,
        reason=reason,
        created_at=now,
    )
    locked.status = to_status
    locked.status_changed_at = now
    fields = ["status", "status_changed_at"]
    if to_status in (Status.PUBLISHED, Status.SHORTLISTED) and not locked.published_at:
        locked.published_at = now
        fields.append("published_at")
    if merged_into is not None:
        locked.merged_into = merged_into
        fields.append("merged_into")
    locked.save(update_fields=fields)
    similarity.index_refresh([locked.pk])

    def message() -> str:  # in each recipient's language (discussion.notify)
        text = _status_message(locked, to_status)
        return f"{text} {reason}" if reason else text

    key = f"status:{change.pk}"
    if access.has_staff_perm(actor, CHANGE_PERM) and actor.pk != locked.author_id:
        record_moderation(
            actor=actor,
            action=MODERATION_ACTIONS.get(to_status, ModerationKind.EDIT),
            priority=locked,
            reason=reason,
        )
        # The same key as the followers' notice: the author gets one, not two.
        notify(
            recipients=[locked.author],
            kind=NotificationKind.MODERATION,
            key=key,
            message=message,
            priority=locked,
            actor=actor,
        )
    notify_followers(
        priority=locked,
        kind=NotificationKind.STATUS,
        key=key,
        message=message,
        actor=actor,
    )
    return change


def check_transition(locked: Priority, actor: User, to_status: str, reason: str):
    if to_status not in Status.values:
        raise ValidationError({"to_status": _("Unknown status.")})
    if to_status not in TRANSITIONS.get(locked.status, frozenset()):
        raise ValidationError(
            {
                "to_status": _("A priority that is “%(from)s” cannot become “%(to)s”.")
                % {
                    "from": Status(locked.status).label,
                    "to": Status(to_status).label,
                }
            }
        )
    if to_status == Status.WITHDRAWN:
        if actor.pk != locked.author_id:
            raise PermissionDenied(_("Only the author can withdraw a priority."))
    else:
        access.require_staff(actor, CHANGE_PERM)
    if to_status in REASON_REQUIRED and not reason:
        raise ValidationError(
            {"reason": _("Give a reason: the author and supporters will see it.")}
        )


def priority_transition(
    *, priority: Priority, actor: User, to_status: str, reason: str = ""
) -> StatusChange:
    """Move a priority along its lifecycle (merging: see `priority_merge`)."""
    reason = (reason or "").strip()[:2000]
    if to_status == Status.MERGED:
        raise ValidationError(
            {"to_status": _("Use “merge into” and choose the priority to merge into.")}
        )
    with transaction.atomic():
        locked = Priority.objects.select_for_update().get(pk=priority.pk)
        check_transition(locked, actor, to_status, reason)
        change = apply_transition(
            locked=locked, actor=actor, to_status=to_status, reason=reason
        )
    priority.refresh_from_db()
    return change


def member_trust(*, member: User, actor: User, reason: str = "") -> User:
    """Let a member's proposals publish without moderation."""
    access.require_staff(actor, "portal.change_user")
    with transaction.atomic():
        member = User.objects.select_for_update().get(pk=member.pk)
        if not member.is_trusted:
            member.is_trusted = True
            member.save(update_fields=["is_trusted"])
            record_moderation(
                actor=actor,
                action=ModerationKind.TRUST,
                member=member,
                reason=reason,
            )
    return member
