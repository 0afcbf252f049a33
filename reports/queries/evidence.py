"""Evidence summaries by review status, and the factors whose evidence changed.

Review status is as of today, for published summaries: overdue (next review date
passed), due within 60 days, current (due later), or no review date set. A
factor's evidence changed in the period when a version of its summary was
published in it.
"""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from research.models import EvidenceSummary, SummaryVersion

from ..registry import report
from ..tables import Column, ReportResult, Table
from .common import now

DUE_WITHIN_DAYS = 60


@report(
    "evidence",
    position=50,
    title=_("Evidence summaries: review status and changes"),
    description=_(
        "Published evidence summaries by review status today (current, due within "
        "60 days, overdue), and the factors whose evidence changed in the period."
    ),
)
def evidence(params) -> ReportResult:
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    counts = EvidenceSummary.objects.filter(
        factor__current_version__isnull=False
    ).aggregate(
        overdue=Count("pk", filter=Q(next_review_due__lt=today)),
        due_soon=Count(
            "pk", filter=Q(next_review_due__gte=today, next_review_due__lte=soon)
        ),
        current=Count("pk", filter=Q(next_review_due__gt=soon)),
        unscheduled=Count("pk", filter=Q(next_review_due__isnull=True)),
    )
    labels = {
        "current": _("Current"),
        "due_soon": _("Due within 60 days"),
        "overdue": _("Overdue"),
        "unscheduled": _("No review date"),
    }
    begin, end = params.moment_bounds()
    changed = (
        SummaryVersion.objects.filter(published_at__gte=begin, published_at__lt=end)
        .order_by("published_at", "pk")
        .values("factor_name", "number", "published_at", "change_note")
    )
    tables = [
        Table(
            "review_status",
            _("Published summaries by review status"),
            [Column("status", _("Review status")), Column("summaries", _("Summaries"))],
            [
                {"status": str(label), "summaries": counts[key]}
                for key, label in labels.items()
            ],
            chart=("bars", "status", "summaries"),
            board=True,
        ),
        Table(
            "changed",
            _("Factors whose evidence changed in the period"),
            [
                Column("factor", _("Factor")),
                Column("version", _("Version")),
                Column("published", _("Published")),
                Column("change_note", _("What changed")),
            ],
            [
                {
                    "factor": row["factor_name"],
                    "version": row["number"],
                    "published": timezone.localtime(row["published_at"])
                    .date()
                    .isoformat(),
                    "change_note": row["change_note"],
                }
                for row in changed
            ],
        ),
    ]
    return ReportResult(tables, now(), "live")
