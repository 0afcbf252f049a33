"""The summary tables: how they are built, refreshed and read.

One builder per table computes its rows from the source tables; the nightly
refresh stores them, and a report with no stored run calls the same builder for
the request, so precomputed and live figures can only differ by the votes,
comments and members added since the refresh. The builders group by calendar
month in the database and finish in Python, so SQLite and PostgreSQL agree.
"""

import datetime
from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Min, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from discussion.models import Comment
from portal.models import User
from priorities.models import Priority, Vote

from .models import ParticipationMonth, SummaryRun, SupportMonth, VoterMonth

BATCH = 5000


def as_month(value) -> datetime.date:
    """The first day of the month of a TruncMonth value or a moment, as a date."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return value.replace(day=1)


def members():
    """Members who are not staff: the people the reports count."""
    return User.objects.filter(is_staff=False)


def participation_rows() -> list[dict]:
    """Per month, group and country: members who joined, were active, returned.

    Active: voted, commented or proposed a priority in the month. Returning: active
    in the month and in some earlier month. A member counts in their current group
    and the country of their partner profile ("" when they have none).
    """
    person: dict[int, tuple[str, str]] = {}
    cells: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    joined = members().values_list(
        "id", "stakeholder_group", "partner_profile__country", "date_joined"
    )
    for user_id, group, country, date_joined in joined.iterator(chunk_size=BATCH):
        person[user_id] = (group, country or "")
        cells[(as_month(date_joined), group, country or "")][0] += 1
    active: dict[int, set] = defaultdict(set)
    for model, author in (
        (Vote, "user_id"),
        (Comment, "author_id"),
        (Priority, "author_id"),
    ):
        pairs = (
            model.objects.annotate(month=TruncMonth("created_at"))
            .values_list(author, "month")
            .distinct()
        )
        for user_id, month in pairs.iterator(chunk_size=BATCH):
            if user_id in person:
                active[user_id].add(as_month(month))
    for user_id, months in active.items():
        group, country = person[user_id]
        for index, month in enumerate(sorted(months)):
            cell = cells[(month, group, country)]
            cell[1] += 1
            cell[2] += 1 if index else 0
    return [
        {
            "month": month,
            "group": group,
            "country": country,
            "new_members": new,
            "active_members": act,
            "returning_members": ret,
        }
        for (month, group, country), (new, act, ret) in sorted(cells.items())
    ]


def support_rows() -> list[dict]:
    """Supports per month, priority, the voter's group (when voting) and country."""
    grouped = (
        Vote.objects.annotate(month=TruncMonth("created_at"))
        .values(
            "month", "priority_id", "group", country=F("user__partner_profile__country")
        )
        .annotate(supports=Count("id"))
        .order_by()
    )
    cells: Counter = Counter()
    for row in grouped.iterator(chunk_size=BATCH):
        key = (
            as_month(row["month"]),
            row["priority_id"],
            row["group"],
            row["country"] or "",
        )
        cells[key] += row["supports"]
    return [
        {"month": m, "priority_id": p, "group": g, "country": c, "supports": n}
        for (m, p, g, c), n in sorted(cells.items())
    ]


def voter_rows() -> list[dict]:
    """Members by the month of their first support in a group (the denominators)."""
    firsts = (
        Vote.objects.values(
            "user_id", "group", country=F("user__partner_profile__country")
        )
        .annotate(first=Min("created_at"))
        .order_by()
    )
    cells: Counter = Counter()
    for row in firsts.iterator(chunk_size=BATCH):
        cells[(as_month(row["first"]), row["group"], row["country"] or "")] += 1
    return [
        {"month": m, "group": g, "country": c, "first_time_voters": n}
        for (m, g, c), n in sorted(cells.items())
    ]


def latest_run() -> SummaryRun | None:
    return SummaryRun.objects.order_by("-finished_at", "-pk").first()


def summaries_refresh() -> SummaryRun:
    """Rebuild every summary table from the source tables; safe to run twice."""
    started = timezone.now()
    participation = participation_rows()
    supports = support_rows()
    voters = voter_rows()
    with transaction.atomic():
        ParticipationMonth.objects.all().delete()
        SupportMonth.objects.all().delete()
        VoterMonth.objects.all().delete()
        ParticipationMonth.objects.bulk_create(
            (ParticipationMonth(**row) for row in participation), batch_size=BATCH
        )
        SupportMonth.objects.bulk_create(
            (SupportMonth(**row) for row in supports), batch_size=BATCH
        )
        VoterMonth.objects.bulk_create(
            (VoterMonth(**row) for row in voters), batch_size=BATCH
        )
        run = SummaryRun.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            participation_rows=len(participation),
            support_rows=len(supports),
            voter_rows=len(voters),
        )
        # Older runs say nothing the newest does not.
        SummaryRun.objects.exclude(pk=run.pk).delete()
    return run


# --- Reading: the stored run, or the builders for this request -----------------

_force_live = False


class live:
    """`with summaries.live():` computes from the source tables (the benchmark)."""

    def __enter__(self):
        global _force_live
        self._before, _force_live = _force_live, True

    def __exit__(self, *exc):
        global _force_live
        _force_live = self._before


def current_run() -> SummaryRun | None:
    """The run to read, or None to compute live."""
    return None if _force_live else latest_run()


def _matches(row: dict, params, *, by_group: bool = True) -> bool:
    return (not (by_group and params.group) or row["group"] == params.group) and (
        not params.country or row["country"] == params.country
    )


def participation_cells(params, run) -> list[dict]:
    """Participation rows for the months up to the end of the period, filtered."""
    if run is None:
        rows = [r for r in participation_rows() if r["month"] <= params.last_month]
        return [r for r in rows if _matches(r, params)]
    stored = ParticipationMonth.objects.filter(month__lte=params.last_month)
    if params.group:
        stored = stored.filter(group=params.group)
    if params.country:
        stored = stored.filter(country=params.country)
    return list(
        stored.values(
            "month",
            "group",
            "country",
            "new_members",
            "active_members",
            "returning_members",
        )
    )


def support_totals(params, run) -> tuple[dict, dict]:
    """({(priority_id, group): [supports up to the end, supports in the period]},
    {group: voters up to the end}), for the country filter (not the group one:
    the priority reports compare groups)."""
    supports: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    voters: Counter = Counter()
    if run is not None:
        return _stored_support_totals(params)
    for row in support_rows():
        if row["month"] > params.last_month or not _matches(
            row, params, by_group=False
        ):
            continue
        cell = supports[(row["priority_id"], row["group"])]
        cell[0] += row["supports"]
        if row["month"] >= params.first_month:
            cell[1] += row["supports"]
    for row in voter_rows():
        if row["month"] <= params.last_month and _matches(row, params, by_group=False):
            voters[row["group"]] += row["first_time_voters"]
    return dict(supports), dict(voters)


def _stored_support_totals(params) -> tuple[dict, dict]:
    """The same sums as support_totals, added up by the database."""
    support_source = SupportMonth.objects.filter(month__lte=params.last_month)
    voter_source = VoterMonth.objects.filter(month__lte=params.last_month)
    if params.country:
        support_source = support_source.filter(country=params.country)
        voter_source = voter_source.filter(country=params.country)
    in_period = Case(
        When(month__gte=params.first_month, then=F("supports")),
        default=Value(0),
        output_field=IntegerField(),
    )
    sums = (
        support_source.values("priority_id", "group")
        .annotate(total=Sum("supports"), recent=Sum(in_period))
        .order_by()
    )
    supports = {
        (row["priority_id"], row["group"]): [row["total"], row["recent"]]
        for row in sums
    }
    voters = dict(
        voter_source.values_list("group")
        .annotate(n=Sum("first_time_voters"))
        .order_by()
        .values_list("group", "n")
    )
    return supports, voters
