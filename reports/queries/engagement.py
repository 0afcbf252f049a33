"""Webinar subscribers over time, and contact messages by topic.

Subscribers, month by month: sign-ups, confirmations and unsubscriptions in the
month, and those receiving webinar mail at the month's end. Contact messages:
received in the period by topic, handled or still open. The portal records when
a message arrives and whether staff marked it handled, but not when, so no
response time can be reported yet (docs/reports.md).
"""

from collections import Counter

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from portal.models import ContactMessage, WebinarSubscriber

from ..registry import report
from ..summaries import as_month
from ..tables import Column, ReportResult, Table
from .common import month_label, now


@report(
    "webinar-subscribers",
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
        )
    ]
    return ReportResult(tables, now(), "live")


@report(
    "contact-messages",
    title=_("Contact messages"),
    description=_(
        "Messages received through the contact form in the period, by topic, "
        "handled or still open."
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
    rows = []
    for value, label in ContactMessage.Topic.choices:
        row = counts.get(value, {"received": 0, "handled_count": 0})
        rows.append(
            {
                "topic": str(label),
                "received": row["received"],
                "handled": row["handled_count"],
                "open": row["received"] - row["handled_count"],
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
            ],
            rows,
            chart=("bars", "topic", "received"),
            note=_(
                "Response times are not recorded: the portal stores whether staff "
                "handled a message, not when."
            ),
        )
    ]
    return ReportResult(tables, now(), "live")
