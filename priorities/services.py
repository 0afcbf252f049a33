"""Writes for research priorities: proposing, editing, the lifecycle, votes, merging.

Every function is keyword-only, runs in one transaction and validates before it
saves (a django ValidationError with field messages). Counts that can race (the
tallies on a priority, the voters per group) change under a row lock with F()
expressions, in the same transaction as the vote that changes them.

Lock order, so two transactions never wait on each other in a circle:
member row → priority rows (ascending pk) → GroupVoterCount rows.
"""

import functools
import logging
import operator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Greatest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.models import StakeholderGroup, User

from .comments import discussion_counts
from .models import (
    OPEN_STATUSES,
    Comment,
    EvidenceLink,
    EvidenceRelation,
    GroupVoterCount,
    ModerationAction,
    NotificationKind,
    Priority,
    PriorityRevision,
    Status,
    StatusChange,
    Tag,
    Topic,
    Vote,
)
from .notifications import follow_priority, notify, notify_followers

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
    Status.PUBLISHED: ModerationAction.Action.APPROVE,
    Status.SHORTLISTED: ModerationAction.Action.SHORTLIST,
    Status.ANSWERED: ModerationAction.Action.ANSWER,
    Status.MERGED: ModerationAction.Action.MERGE,
    Status.DECLINED: ModerationAction.Action.DECLINE,
}


def _require_participant(user) -> None:
    if not getattr(user, "can_participate", False):
        raise ValidationError(
            _(
                "Only members with a verified e-mail address who are not blocked "
                "can do this."
            )
        )


def _require_staff(user) -> None:
    if not (user is not None and user.is_authenticated and user.is_staff):
        raise ValidationError(_("Only staff can do this."))


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


def _validate_tags(names: list[str]) -> None:
    if len(names) > MAX_TAGS:
        raise ValidationError(
            {"tags": _("Use at most %(max)d tags.") % {"max": MAX_TAGS}}
        )
    for name in names:
        if len(name) > 50 or not slugify(name):
            raise ValidationError(
                {
                    "tags": _(
                        "“%(tag)s” is not a usable tag: use letters or digits, "
                        "at most 50 characters."
                    )
                    % {"tag": name[:60]}
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
    if user.is_staff or user.is_trusted:
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
    _require_participant(author)
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
    logger.info(
        "priority_submitted",
        extra={"priority_id": priority.pk, "status": priority.status},
    )
    return priority


def priority_can_edit(priority: Priority, user) -> bool:
    """Authors edit until the first support or comment; staff always."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return (
        priority.author_id == user.pk
        and user.can_participate
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
        if changed_text and editor.is_staff and editor.pk != locked.author_id:
            ModerationAction.record(
                actor=editor,
                action=ModerationAction.Action.EDIT,
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
        elif user.is_staff:
            allowed.append(status)
    return allowed


def _status_message(priority: Priority, to_status: str) -> str:
    return _("“%(title)s” is now: %(status)s.") % {
        "title": priority.title[:150],
        "status": Status(to_status).label,
    }


def _apply_transition(
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
    message = _status_message(locked, to_status)
    if reason:
        message = f"{message} {reason}"
    key = f"status:{change.pk}"
    if actor.is_staff and actor.pk != locked.author_id:
        ModerationAction.record(
            actor=actor,
            action=MODERATION_ACTIONS.get(to_status, ModerationAction.Action.EDIT),
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


def _check_transition(locked: Priority, actor: User, to_status: str, reason: str):
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
            raise ValidationError(_("Only the author can withdraw a priority."))
    else:
        _require_staff(actor)
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
        _check_transition(locked, actor, to_status, reason)
        change = _apply_transition(
            locked=locked, actor=actor, to_status=to_status, reason=reason
        )
    priority.refresh_from_db()
    return change


def member_trust(*, member: User, actor: User, reason: str = "") -> User:
    """Let a member's proposals publish without moderation."""
    _require_staff(actor)
    with transaction.atomic():
        member = User.objects.select_for_update().get(pk=member.pk)
        if not member.is_trusted:
            member.is_trusted = True
            member.save(update_fields=["is_trusted"])
            ModerationAction.record(
                actor=actor,
                action=ModerationAction.Action.TRUST,
                member=member,
                reason=reason,
            )
    return member


# --- Balanced score -------------------------------------------------------------------


def group_voter_counts() -> dict[str, int]:
    counts = dict.fromkeys(GROUPS, 0)
    counts.update(GroupVoterCount.objects.values_list("group", "voters"))
    return counts


def balanced_score(tallies: dict[str, int], voters: dict[str, int]) -> float:
    """Mean over groups that have voters of (supporters in group / group's voters).

    The reference definition in plain Python; the database computes the same with
    `balanced_score_expression`.
    """
    shares = [
        tallies.get(group, 0) / voters[group]
        for group in GROUPS
        if voters.get(group, 0) > 0
    ]
    return sum(shares) / len(shares) if shares else 0.0


def balanced_score_expression(voters: dict[str, int]):
    """The balanced score as an SQL expression over a priority's stored tallies."""
    groups = [g for g in GROUPS if voters.get(g, 0) > 0]
    if not groups:
        return Value(0.0, output_field=FloatField())
    shares = [
        Cast(F(f"supporters_{g}"), FloatField()) / Value(float(voters[g]))
        for g in groups
    ]
    return ExpressionWrapper(
        functools.reduce(operator.add, shares) / Value(float(len(groups))),
        output_field=FloatField(),
    )


# An arbitrary constant: the key of the advisory lock that runs one recompute at a
# time (PostgreSQL).
_RECOMPUTE_LOCK = 7_341_003


def balanced_scores_recompute() -> int:
    """Rewrite every stored balanced score in one UPDATE; returns rows changed.

    A change in a group's number of voters changes every priority's score. Why this
    stays correct with concurrent votes: recomputes run one at a time (advisory
    lock), and each reads the voter counts after taking the lock. A vote that
    changes a count commits either before that read (and is included) or after it,
    in which case it queued its own recompute, which waits for this one and then
    writes last with the newer counts. Rows whose score would not change are not
    written, so they are neither locked nor re-indexed.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_RECOMPUTE_LOCK])
        score = balanced_score_expression(group_voter_counts())
        return (
            Priority.objects.alias(_new_score=score)
            .exclude(balanced_score=F("_new_score"))
            .update(balanced_score=score)
        )


# Set when a vote changed a group's voter count; the queued task clears it. Many
# first-time voters in a burst then cost one recompute, not one each.
SCORES_DIRTY_KEY = "priorities:balanced-scores-dirty"


def balanced_scores_recompute_if_dirty() -> int:
    if not cache.get(SCORES_DIRTY_KEY):
        return 0
    # Cleared before the counts are read: a vote that sets it again after this
    # point has queued a task of its own, which will find it set.
    cache.delete(SCORES_DIRTY_KEY)
    return balanced_scores_recompute()


def _queue_score_recompute() -> None:
    from .tasks import recompute_balanced_scores

    def queue() -> None:
        cache.set(SCORES_DIRTY_KEY, 1, timeout=None)
        recompute_balanced_scores.apply_async(
            countdown=settings.PRIORITIES_SCORE_RECOMPUTE_DELAY
        )

    transaction.on_commit(queue)


def _refresh_score(priority_id: int) -> None:
    Priority.objects.filter(pk=priority_id).update(
        balanced_score=balanced_score_expression(group_voter_counts())
    )


def _change_voter_count(group: str, delta: int) -> None:
    GroupVoterCount.objects.get_or_create(group=group)
    GroupVoterCount.objects.filter(group=group).update(
        voters=Greatest(F("voters") + delta, 0)
    )


# --- Votes ----------------------------------------------------------------------------


def _trending_cutoff():
    return timezone.now() - timedelta(days=settings.PRIORITIES_TRENDING_DAYS)


def _require_open_for_support(locked: Priority, *, hidden_closes: bool) -> None:
    if not locked.is_open or (hidden_closes and locked.is_hidden):
        raise ValidationError(
            _("Support is closed: this priority is “%(status)s”.")
            % {"status": locked.get_status_display()}
        )


def vote_cast(*, user: User, priority: Priority) -> bool:
    """Support a priority; False if the member already supports it (no change)."""
    _require_participant(user)
    with transaction.atomic():
        # Serialises one member's own votes, so "first support in this group"
        # cannot be decided twice by two simultaneous clicks.
        User.objects.select_for_update().filter(pk=user.pk).first()
        locked = Priority.objects.select_for_update().get(pk=priority.pk)
        _require_open_for_support(locked, hidden_closes=True)
        if Vote.objects.filter(priority=locked, user=user).exists():
            return False
        group = user.stakeholder_group
        first_in_group = not Vote.objects.filter(user=user, group=group).exists()
        try:
            with transaction.atomic():
                Vote.objects.create(priority=locked, user=user, group=group)
        except IntegrityError:
            return False
        Priority.objects.filter(pk=locked.pk).update(
            **{f"supporters_{group}": F(f"supporters_{group}") + 1},
            supporters_total=F("supporters_total") + 1,
            trending_score=F("trending_score") + 1,
            last_activity_at=timezone.now(),
        )
        if first_in_group:
            _change_voter_count(group, +1)
            _queue_score_recompute()
        _refresh_score(locked.pk)
    return True


def _withdraw_locked(*, user: User, locked: Priority, vote: Vote) -> None:
    group = vote.group
    recent = vote.created_at >= _trending_cutoff()
    vote.delete()
    Priority.objects.filter(pk=locked.pk).update(
        **{f"supporters_{group}": Greatest(F(f"supporters_{group}") - 1, 0)},
        supporters_total=Greatest(F("supporters_total") - 1, 0),
        trending_score=Greatest(F("trending_score") - int(recent), 0),
    )
    if not Vote.objects.filter(user=user, group=group).exists():
        _change_voter_count(group, -1)
        _queue_score_recompute()
    _refresh_score(locked.pk)


def vote_withdraw(*, user: User, priority: Priority) -> bool:
    """Withdraw a support; False if there was none (no change)."""
    if not (user and user.is_authenticated):
        raise ValidationError(_("Sign in to change your support."))
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        locked = Priority.objects.select_for_update().get(pk=priority.pk)
        vote = Vote.objects.filter(priority=locked, user=user).first()
        if vote is None:
            return False
        # A hidden priority's supporters may still take their support back.
        _require_open_for_support(locked, hidden_closes=False)
        _withdraw_locked(user=user, locked=locked, vote=vote)
    return True


# --- Merging --------------------------------------------------------------------------


def _recount_priority(priority_id: int) -> None:
    """Rebuild one priority's support tallies from its votes (caller holds the lock)."""
    per_group = dict(
        Vote.objects.filter(priority_id=priority_id)
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values_list("group", "n")
    )
    trending = Vote.objects.filter(
        priority_id=priority_id, created_at__gte=_trending_cutoff()
    ).count()
    Priority.objects.filter(pk=priority_id).update(
        **{f"supporters_{g}": per_group.get(g, 0) for g in GROUPS},
        supporters_total=sum(per_group.values()),
        trending_score=trending,
    )
    _refresh_score(priority_id)


def actual_voter_counts() -> dict[str, int]:
    counts = dict.fromkeys(GROUPS, 0)
    counts.update(
        Vote.objects.order_by()
        .values("group")
        .annotate(n=Count("user", distinct=True))
        .values_list("group", "n")
    )
    return counts


def _recount_voter_counts() -> None:
    for group in GROUPS:
        GroupVoterCount.objects.get_or_create(group=group)
    list(GroupVoterCount.objects.select_for_update().order_by("group"))
    for group, voters in actual_voter_counts().items():
        GroupVoterCount.objects.filter(group=group).update(voters=voters)


@dataclass
class MergeResult:
    moved: int
    already_supporting: int


def priority_merge(
    *, source: Priority, target: Priority, actor: User, reason: str
) -> MergeResult:
    """Merge a duplicate into `target`: supports move over, nobody counts twice."""
    _require_staff(actor)
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
        _check_transition(source_l, actor, Status.MERGED, reason)
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
        _recount_priority(source_l.pk)
        _recount_priority(target_l.pk)
        if duplicates:
            # A member may have supported both in different groups (after changing
            # their profile); recounting is simpler than reasoning it out.
            _recount_voter_counts()
            _queue_score_recompute()
        _apply_transition(
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
            message=_(
                "“%(source)s”, which you supported, was merged into “%(target)s”. "
                "Your support now counts there; you can withdraw it on that page."
            )
            % {"source": source_l.title[:100], "target": target_l.title[:100]},
            priority=target_l,
            actor=actor,
        )
    source.refresh_from_db()
    target.refresh_from_db()
    return MergeResult(moved=moved, already_supporting=duplicates)


# --- Periodic upkeep and drift --------------------------------------------------------


def trending_scores_refresh() -> int:
    """Supports in the last 14 days, for every priority, in one UPDATE."""
    recent = (
        Vote.objects.filter(priority=OuterRef("pk"), created_at__gte=_trending_cutoff())
        .order_by()
        .values("priority")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Priority.objects.filter(
        Q(trending_score__gt=0) | Q(last_activity_at__gte=_trending_cutoff())
    ).update(trending_score=Coalesce(Subquery(recent), 0))


TALLY_FIELDS = (
    *(f"supporters_{g}" for g in GROUPS),
    "supporters_total",
    "comment_count",
    "stance_favour",
    "stance_neutral",
    "stance_against",
)


@dataclass
class Drift:
    priority_id: int | None
    field: str
    stored: int
    actual: int


def tallies_recompute(*, fix: bool = False) -> list[Drift]:
    """Compare every stored tally with the votes and comments; fix if asked."""
    actual: dict[int, dict[str, int]] = {}

    def slot(pk: int) -> dict[str, int]:
        return actual.setdefault(pk, dict.fromkeys(TALLY_FIELDS, 0))

    for pk, group, n in (
        Vote.objects.order_by()
        .values("priority_id", "group")
        .annotate(n=Count("pk"))
        .values_list("priority_id", "group", "n")
    ):
        slot(pk)[f"supporters_{group}"] += n
        slot(pk)["supporters_total"] += n
    for pk, stance, n in (
        Comment.objects.counted()
        .order_by()
        .values("priority_id", "stance")
        .annotate(n=Count("pk"))
        .values_list("priority_id", "stance", "n")
    ):
        slot(pk)["comment_count"] += n
        if stance:
            slot(pk)[f"stance_{stance}"] += n
    drift: list[Drift] = []
    zero = dict.fromkeys(TALLY_FIELDS, 0)
    stored_rows = Priority.objects.values_list("pk", *TALLY_FIELDS).iterator(
        chunk_size=2000
    )
    to_fix: list[tuple[int, dict[str, int]]] = []
    for row in stored_rows:
        pk, stored = row[0], dict(zip(TALLY_FIELDS, row[1:], strict=True))
        expected = actual.get(pk, zero)
        wrong = {f: expected[f] for f in TALLY_FIELDS if stored[f] != expected[f]}
        for field, value in wrong.items():
            drift.append(Drift(pk, field, stored[field], value))
        if wrong:
            to_fix.append((pk, wrong))
    stored_voters = group_voter_counts()
    real_voters = actual_voter_counts()
    for group in GROUPS:
        if stored_voters[group] != real_voters[group]:
            drift.append(
                Drift(None, f"voters_{group}", stored_voters[group], real_voters[group])
            )
    if fix and drift:
        # Recount each drifted priority again under its row lock: votes and
        # comments change only under that lock, so the values written are exact
        # even while members keep voting.
        for pk, _values in to_fix:
            with transaction.atomic():
                if list(
                    Priority.objects.select_for_update()
                    .filter(pk=pk)
                    .values_list("pk", flat=True)
                ):
                    _recount_priority(pk)
                    Priority.objects.filter(pk=pk).update(**discussion_counts(pk))
        with transaction.atomic():
            _recount_voter_counts()
        balanced_scores_recompute()
        trending_scores_refresh()
    return drift


# --- Privacy --------------------------------------------------------------------------


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


def user_votes_erase(*, user: User) -> int:
    """Withdraw all of a member's supports, correcting every tally on the way."""
    erased = 0
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        priority_ids = list(
            Vote.objects.filter(user=user)
            .order_by("priority_id")
            .values_list("priority_id", flat=True)
        )
        for priority_id in priority_ids:
            locked = Priority.objects.select_for_update().get(pk=priority_id)
            vote = Vote.objects.filter(priority=locked, user=user).first()
            if vote is not None:
                _withdraw_locked(user=user, locked=locked, vote=vote)
                erased += 1
    return erased


# --- Evidence links ---------------------------------------------------------------


def evidence_link_set(
    *,
    priority: Priority,
    factor,
    relation: str,
    actor: User,
    note: str = "",
) -> EvidenceLink:
    """Staff cite an evidence summary on a priority (or change the citation).

    A link to a factor whose summary is still a draft is allowed: it shows on
    the site once the summary is published.
    """
    if not (actor.is_active and actor.is_staff):
        raise ValidationError(_("Only staff link research priorities to evidence."))
    if relation not in EvidenceRelation.values:
        raise ValidationError({"relation": _("Choose what the evidence says.")})
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError({"note": _("Keep the note under 300 characters.")})
    with transaction.atomic():
        link, created = EvidenceLink.objects.get_or_create(
            priority=priority,
            factor=factor,
            defaults={"relation": relation, "note": note, "created_by": actor},
        )
        if not created and (link.relation, link.note) != (relation, note):
            link.relation, link.note = relation, note
            link.save(update_fields=["relation", "note"])
    return link


def evidence_link_remove(*, priority: Priority, factor, actor: User) -> bool:
    """Staff remove a citation; False when there was none."""
    if not (actor.is_active and actor.is_staff):
        raise ValidationError(_("Only staff link research priorities to evidence."))
    with transaction.atomic():
        deleted, _rows = EvidenceLink.objects.filter(
            priority=priority, factor=factor
        ).delete()
    return bool(deleted)
