"""Priorities by status and topic, and how long proposals wait for moderation.

A proposal's wait runs from its submission (`Priority.created_at`, when the
first StatusChange records it as pending) to the first StatusChange that takes
it out of pending (published, declined, merged or withdrawn). Proposals from
trusted members publish directly and never wait, so they are left out.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Min
from django.utils.translation import gettext_lazy as _

from priorities.models import Priority, Status, StatusChange

from ..registry import report
from ..tables import Column, ReportResult, Table
from .common import median, now, percentile_90


def _submitted(params):
    begin, end = params.moment_bounds()
    queryset = Priority.objects.filter(created_at__gte=begin, created_at__lt=end)
    if params.group:
        queryset = queryset.filter(author_group=params.group)
    if params.country:
        queryset = queryset.filter(author__partner_profile__country=params.country)
    return queryset


@report(
    "priority-status",
    position=30,
    title=_("Priorities by status and topic; moderation wait"),
    description=_(
        "Priorities submitted in the period, by their status today and topic, and "
        "the hours proposals waited for a moderator's decision (median and 90th "
        "percentile, nearest rank)."
    ),
    filters=("group", "country"),
)
def priority_status(params) -> ReportResult:
    submitted = _submitted(params)
    grid: dict[str, Counter] = defaultdict(Counter)
    for topic, status, n in (
        submitted.values_list("topic__name", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        grid[topic or ""][status] += n
    statuses = [value for value, _label in Status.choices]
    rows = [
        {
            "topic": topic or str(_("No topic")),
            **{s: counts[s] for s in statuses},
            "total": sum(counts.values()),
        }
        for topic, counts in sorted(grid.items())
    ]
    waits, waiting = _waits(submitted)
    tables = [
        Table(
            "by_status_topic",
            _("Priorities submitted in the period, by topic and status"),
            [
                Column("topic", _("Topic")),
                *[Column(value, label) for value, label in Status.choices],
                Column("total", _("Total")),
            ],
            rows,
            chart=("bars", "topic", "total"),
            board=True,
        ),
        Table(
            "moderation_wait",
            _("Moderation wait (hours)"),
            [
                Column("decided", _("Proposals decided")),
                Column("median_hours", _("Median wait (hours)")),
                Column("p90_hours", _("90th percentile (hours)")),
                Column("still_waiting", _("Still waiting")),
            ],
            [
                {
                    "decided": len(waits),
                    "median_hours": median(waits),
                    "p90_hours": percentile_90(waits),
                    "still_waiting": waiting,
                }
            ],
            board=True,
        ),
    ]
    return ReportResult(tables, now(), "live")


def _waits(submitted) -> tuple[list[float], int]:
    proposals = dict(
        StatusChange.objects.filter(
            priority__in=submitted.values("pk"),
            from_status="",
            to_status=Status.PENDING,
        ).values_list("priority_id", "created_at")
    )
    decided = dict(
        StatusChange.objects.filter(
            priority_id__in=submitted.values("pk"), from_status=Status.PENDING
        )
        .values("priority_id")
        .annotate(first=Min("created_at"))
        .values_list("priority_id", "first")
    )
    waits = [
        (decided[pk] - submitted_at).total_seconds() / 3600
        for pk, submitted_at in proposals.items()
        if pk in decided
    ]
    return waits, sum(1 for pk in proposals if pk not in decided)
