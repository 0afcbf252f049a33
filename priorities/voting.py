"""Votes and the tallies they feed: support, withdraw, the balanced and trending
scores, and the drift check behind `manage.py recompute_tallies`.

Every count that can race (the tallies on a priority, the voters per group)
changes under a row lock with F() expressions, in the same transaction as the
vote that changes it.

Lock order, so two transactions never wait on each other in a circle:
member row → priority rows (ascending pk) → GroupVoterCount rows.
"""

import functools
import logging
import operator
import threading
from dataclasses import dataclass
from datetime import timedelta

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
from django.utils.translation import gettext as _

from discussion.public import comment_counts_by_priority, discussion_counts
from portal import access
from portal.celery import app as celery_app
from portal.models import User
from portal.queueing import publish

from .models import (
    GroupVoterCount,
    Priority,
    Vote,
)
from .services import GROUPS

logger = logging.getLogger(__name__)

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


def _tally(group: str, change: tuple[str, int] | None):
    tally = F(f"supporters_{group}")
    if change and change[0] == group:
        # The value the same UPDATE writes: its right-hand sides see the old row.
        tally = Greatest(tally + change[1], 0)
    return tally


def balanced_score_expression(
    voters: dict[str, int], change: tuple[str, int] | None = None
):
    """The balanced score as an SQL expression over a priority's stored tallies.

    `change` (group, +1 or -1) computes it as if that tally had already changed,
    so one UPDATE can write the tally and the score together.
    """
    groups = [g for g in GROUPS if voters.get(g, 0) > 0]
    if not groups:
        return Value(0.0, output_field=FloatField())
    shares = [
        Cast(_tally(g, change), FloatField()) / Value(float(voters[g])) for g in groups
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
# Set while a recompute is queued and has not started: votes in that window only
# mark the scores dirty, so a burst queues one task (the debounce).
SCORES_QUEUED_KEY = "priorities:balanced-scores-queued"


def balanced_scores_recompute_if_dirty() -> int:
    # The queued mark goes first: a vote that finds it gone queues a task of its
    # own, and one that still found it set its dirty mark before we read it.
    cache.delete(SCORES_QUEUED_KEY)
    if not cache.get(SCORES_DIRTY_KEY):
        return 0
    # Cleared before the counts are read: a vote that sets it again after this
    # point has queued a task of its own, which will find it set.
    cache.delete(SCORES_DIRTY_KEY)
    return balanced_scores_recompute()


def _recompute_in_this_process(delay: float) -> None:
    """No broker: run the debounced recompute on a thread, after the response.

    The request that cast the vote never waits for it. The thread has its own
    database connection, closed when it is done.
    """

    def run() -> None:
        try:
            balanced_scores_recompute_if_dirty()
        except Exception:
            logger.exception("balanced_scores_recompute_failed")
        finally:
            connection.close()

    timer = threading.Timer(delay, run)
    timer.daemon = True
    timer.start()


def queue_score_recompute() -> None:
    """After the commit: mark the scores stale and have them recomputed soon.

    With a broker a worker recomputes them PRIORITIES_SCORE_RECOMPUTE_DELAY
    seconds later; without one a thread of this process does (unless
    PRIORITIES_SCORE_RECOMPUTE_IN_BACKGROUND is off, as in the tests, where it
    runs at once). A burst of first votes queues one recompute. If the broker is
    down the dirty mark stays, and the hourly forced recompute (beat) catches up;
    the vote itself has succeeded either way.
    """

    def mark_and_queue() -> None:
        delay = settings.PRIORITIES_SCORE_RECOMPUTE_DELAY
        cache.set(SCORES_DIRTY_KEY, 1, timeout=None)
        # Expires by itself should the queued task be lost.
        if not cache.add(SCORES_QUEUED_KEY, 1, timeout=60 + 10 * delay):
            return
        background = settings.PRIORITIES_SCORE_RECOMPUTE_IN_BACKGROUND
        if celery_app.conf.task_always_eager and background:
            _recompute_in_this_process(delay)
            return
        if not publish("priorities.tasks.recompute_balanced_scores", countdown=delay):
            cache.delete(SCORES_QUEUED_KEY)

    transaction.on_commit(mark_and_queue)


def refresh_score(priority_id: int) -> None:
    Priority.objects.filter(pk=priority_id).update(
        balanced_score=balanced_score_expression(group_voter_counts())
    )


def _change_voter_count(group: str, delta: int) -> None:
    changed = GroupVoterCount.objects.filter(group=group).update(
        voters=Greatest(F("voters") + delta, 0)
    )
    if not changed:
        GroupVoterCount.objects.get_or_create(group=group)
        GroupVoterCount.objects.filter(group=group).update(
            voters=Greatest(F("voters") + delta, 0)
        )


# --- Votes ----------------------------------------------------------------------------


def _trending_cutoff():
    return timezone.now() - timedelta(days=settings.PRIORITIES_TRENDING_DAYS)


def _require_open(locked: Priority, *, is_open: bool) -> None:
    if not is_open:
        raise ValidationError(
            _("Support is closed: this priority is “%(status)s”.")
            % {"status": locked.get_status_display()}
        )


def _lock_member(user: User) -> None:
    """Take the member's row lock (first in the lock order); reads only the key."""
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk"))


def vote_cast(*, user: User, priority: Priority) -> bool:
    """Support a priority; False if the member already supports it (no change)."""
    access.require_participant(user)
    with transaction.atomic():
        # Serialises one member's own votes, so "first support in this group"
        # cannot be decided twice by two simultaneous clicks.
        _lock_member(user)
        locked = Priority.objects.select_for_update().get(pk=priority.pk)
        _require_open(locked, is_open=locked.is_open_for_support)
        group = user.stakeholder_group
        # Both questions in one query: a member holds a few dozen votes at most.
        mine = Vote.objects.filter(user=user).aggregate(
            here=Count("pk", filter=Q(priority=locked)),
            in_group=Count("pk", filter=Q(group=group)),
        )
        if mine["here"]:
            return False
        first_in_group = not mine["in_group"]
        try:
            with transaction.atomic():
                Vote.objects.create(priority=locked, user=user, group=group)
        except IntegrityError:
            return False
        if first_in_group:
            _change_voter_count(group, +1)
            queue_score_recompute()
        # The tallies and this priority's score in one statement; the other
        # priorities' scores follow in the queued recompute.
        Priority.objects.filter(pk=locked.pk).update(
            **{f"supporters_{group}": F(f"supporters_{group}") + 1},
            supporters_total=F("supporters_total") + 1,
            trending_score=F("trending_score") + 1,
            last_activity_at=timezone.now(),
            balanced_score=balanced_score_expression(
                group_voter_counts(), change=(group, +1)
            ),
        )
    return True


def withdraw_locked(*, user: User, locked: Priority, vote: Vote) -> None:
    group = vote.group
    recent = vote.created_at >= _trending_cutoff()
    vote.delete()
    if not Vote.objects.filter(user=user, group=group).exists():
        _change_voter_count(group, -1)
        queue_score_recompute()
    Priority.objects.filter(pk=locked.pk).update(
        **{f"supporters_{group}": Greatest(F(f"supporters_{group}") - 1, 0)},
        supporters_total=Greatest(F("supporters_total") - 1, 0),
        trending_score=Greatest(F("trending_score") - int(recent), 0),
        balanced_score=balanced_score_expression(
            group_voter_counts(), change=(group, -1)
        ),
    )


def vote_withdraw(*, user: User, priority: Priority) -> bool:
    """Withdraw a support; False if there was none (no change)."""
    if not (user and user.is_authenticated):
        raise ValidationError(_("Sign in to change your support."))
    with transaction.atomic():
        _lock_member(user)
        locked = Priority.objects.select_for_update().get(pk=priority.pk)
        vote = Vote.objects.filter(priority=locked, user=user).first()
        if vote is None:
            return False
        _require_open(locked, is_open=locked.allows_withdrawing_support)
        withdraw_locked(user=user, locked=locked, vote=vote)
    return True


# --- Merging --------------------------------------------------------------------------


def recount_priority(priority_id: int) -> None:
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
    refresh_score(priority_id)


def actual_voter_counts() -> dict[str, int]:
    counts = dict.fromkeys(GROUPS, 0)
    counts.update(
        Vote.objects.order_by()
        .values("group")
        .annotate(n=Count("user", distinct=True))
        .values_list("group", "n")
    )
    return counts


def recount_voter_counts() -> None:
    for group in GROUPS:
        GroupVoterCount.objects.get_or_create(group=group)
    list(GroupVoterCount.objects.select_for_update().order_by("group"))
    for group, voters in actual_voter_counts().items():
        GroupVoterCount.objects.filter(group=group).update(voters=voters)


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
    for pk, stance, n in comment_counts_by_priority():
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
                    recount_priority(pk)
                    Priority.objects.filter(pk=pk).update(**discussion_counts(pk))
        with transaction.atomic():
            recount_voter_counts()
        balanced_scores_recompute()
        trending_scores_refresh()
    return drift


def user_votes_erase(*, user: User) -> int:
    """Withdraw all of a member's supports, correcting every tally on the way."""
    erased = 0
    with transaction.atomic():
        _lock_member(user)
        priority_ids = list(
            Vote.objects.filter(user=user)
            .order_by("priority_id")
            .values_list("priority_id", flat=True)
        )
        for priority_id in priority_ids:
            locked = Priority.objects.select_for_update().get(pk=priority_id)
            vote = Vote.objects.filter(priority=locked, user=user).first()
            if vote is not None:
                withdraw_locked(user=user, locked=locked, vote=vote)
                erased += 1
    return erased
