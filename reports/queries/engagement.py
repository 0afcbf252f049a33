"""Webinar subscribers over time, and contact messages by topic.

Subscribers, month by month: sign-ups, confirmations and unsubscriptions in the
month, and those receiving webinar mail at the month's end. Contact messages:
received in the period by topic, handled or still open, and the response time:
from arrival to when staff ticked "handled" in the admin (`handled_at`; messages
handled before that was recorded have none and are left out of the times).
"""

from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from portal.models import ContactMessage, WebinarSubscriber

from ..registry import report
from ..summaries import as_month
from ..tables import Column, ReportResult, Table
from .common import median, month_label, now, percentile_90


@report(
    "webinar-subscribers",
    position=60,
    title=_("Webinar subscribers"),
    description=_(
        "Sign-ups, confirmations and unsubscriptions month by month, and the "
        "subscribers receiving webinar mail at the end of each month."
    ),
)
def webinar_subscribers(params) -> ReportResult:
    _begin, end = params.month_bounds()
    events = {}
    for field in ("created_at", "confirmed_at", "unsubscribed_at"):
        events[field] = Counter(
            {
                as_month(month): n
                for month, n in WebinarSubscriber.objects.filter(
                    **{f"{field}__lt": end, f"{field}__isnull": False}
                )
                .annotate(month=TruncMonth(field))
                .values_list("month")
                .annotate(n=Count("pk"))
                .order_by()
                .values_list("month", "n")
            }
        )
    confirmed = unsubscribed = 0
    receiving: dict = {}
    # Receiving at a month's end: confirmed by then, not unsubscribed by then.
    # (A subscriber unsubscribes only after confirming.)
    for month in sorted(
        set(events["confirmed_at"])
        | set(events["unsubscribed_at"])
        | set(params.months)
    ):
        confirmed += events["confirmed_at"][month]
        unsubscribed += events["unsubscribed_at"][month]
        receiving[month] = confirmed - unsubscribed
    rows = [
        {
            "month": month_label(month),
            "signed_up": events["created_at"][month],
            "confirmed": events["confirmed_at"][month],
            "unsubscribed": events["unsubscribed_at"][month],
            "receiving": receiving[month],
        }
        for month in params.months
    ]
    tables = [
        Table(
            "by_month",
            _("Month by month"),
            [
                Column("month", _("Month")),
                Column("signed_up", _("Signed up"), people=True),
                Column("confirmed", _("Confirmed"), people=True),
                Column("unsubscribed", _("Unsubscribed"), people=True),
                Column("receiving", _("Receiving at the month's end"), people=True),
            ],
            rows,
            chart=("lines", "month", ["confirmed", "unsubscribed", "receiving"]),
            board=True,
        )
    ]
    return ReportResult(tables, now(), "live")


@report(
    "contact-messages",
    position=70,
    title=_("Contact messages"),
    description=_(
        "Messages received through the contact form in the period, by topic, "
        "handled or still open, and how long staff took to handle them."
    ),
)
def contact_messages(params) -> ReportResult:
    begin, end = params.moment_bounds()
    counts = {
        row["topic"]: row
        for row in ContactMessage.objects.filter(
            created_at__gte=begin, created_at__lt=end
        )
        .values("topic")
        .annotate(
            received=Count("pk"), handled_count=Count("pk", filter=Q(handled=True))
        )
        .order_by()
    }
    hours = defaultdict(list)
    for topic, created, handled in ContactMessage.objects.filter(
        created_at__gte=begin, created_at__lt=end, handled_at__isnull=False
    ).values_list("topic", "created_at", "handled_at"):
        hours[topic].append((handled - created).total_seconds() / 3600)
    rows = []
    for value, label in ContactMessage.Topic.choices:
        row = counts.get(value, {"received": 0, "handled_count": 0})
        rows.append(
            {
                "topic": str(label),
                "received": row["received"],
                "handled": row["handled_count"],
                "open": row["received"] - row["handled_count"],
                "median_hours": median(hours[value]),
                "p90_hours": percentile_90(hours[value]),
            }
        )
    every = [h for values in hours.values() for h in values]
    rows.append(
        {
            "topic": str(_("All topics")),
            "received": sum(r["received"] for r in rows),
            "handled": sum(r["handled"] for r in rows),
            "open": sum(r["open"] for r in rows),
            "median_hours": median(every),
            "p90_hours": percentile_90(every),
        }
    )
    tables = [
        Table(
            "by_topic",
            _("Messages by topic"),
            [
                Column("topic", _("Topic")),
                Column("received", _("Received"), people=True),
                Column("handled", _("Handled"), people=True),
                Column("open", _("Still open"), people=True),
                Column(
                    "median_hours", _("Median response (hours)"), based_on="handled"
                ),
                Column("p90_hours", _("90th percentile (hours)"), based_on="handled"),
            ],
            rows,
            chart=("bars", "topic", "received"),
            board=True,
            note=_(
                "Response time: from arrival to when staff marked the message "
                "handled. Times are blank where fewer than 5 were handled."
            ),
        )
    ]
    return ReportResult(tables, now(), "live")
