"""Partners by country, research area and institution type; the verification backlog.

Counts listed partners (verified profiles of active members) whose profile was
created by the end of the period; "new" ones were created in it. The backlog is
the profiles waiting for verification at the end of the period, by how long
they have waited since they were submitted.
"""

from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from partners.models import InstitutionType, Partner, PartnerStatus

from ..registry import report
from ..tables import Column, ReportResult, Table
from .common import country_label, median, now

AGES = ((7, _("Under a week")), (30, _("One to four weeks")), (None, _("Over 30 days")))


def _counted(counts, label_key: str, labels) -> list[dict]:
    return [
        {label_key: labels(key), "partners": total, "new_partners": new}
        for key, total, new in sorted(counts, key=lambda c: (-c[1], str(labels(c[0]))))
    ]


def _columns(key: str, label) -> list[Column]:
    return [
        Column(key, label),
        Column("partners", _("Listed partners"), people=True),
        Column("new_partners", _("New in the period"), people=True),
    ]


@report(
    "partners",
    position=40,
    title=_("Partners and the verification backlog"),
    description=_(
        "Listed partners at the end of the period by country, research area and "
        "institution type, and the profiles waiting for verification."
    ),
    filters=("country",),
)
def partners(params) -> ReportResult:
    begin, end = params.moment_bounds()
    listed = Partner.objects.listed().filter(created_at__lt=end)
    if params.country:
        listed = listed.filter(country=params.country)
    new = Count("pk", filter=Q(created_at__gte=begin), distinct=True)
    total = Count("pk", distinct=True)

    def grouped(field):
        return [
            (row[field], row["total"], row["new"])
            for row in listed.values(field)
            .annotate(total=total, new=new)
            .order_by()
            .filter(**{f"{field}__isnull": False})
        ]

    types = dict(InstitutionType.choices)
    tables = [
        Table(
            "by_country",
            _("By country"),
            _columns("country", _("Country")),
            _counted(grouped("country"), "country", country_label),
            chart=("bars", "country", "partners"),
            board=True,
        ),
        Table(
            "by_research_area",
            _("By research area"),
            _columns("research_area", _("Research area")),
            _counted(grouped("research_areas__name"), "research_area", str),
        ),
        Table(
            "by_institution_type",
            _("By institution type"),
            _columns("institution_type", _("Institution type")),
            _counted(
                grouped("institution__type"),
                "institution_type",
                lambda key: str(types.get(key, key)),
            ),
        ),
    ]
    tables.append(_backlog(params, end))
    return ReportResult(tables, now(), "live")


def _backlog(params, end) -> Table:
    waiting = Partner.objects.filter(
        status=PartnerStatus.PENDING, submitted_at__isnull=False, submitted_at__lt=end
    )
    if params.country:
        waiting = waiting.filter(country=params.country)
    days = [
        (end - moment).total_seconds() / 86400
        for moment in waiting.values_list("submitted_at", flat=True)
    ]
    buckets: Counter = Counter()
    for waited in days:
        for limit, _label in AGES:
            if limit is None or waited < limit:
                buckets[limit] += 1
                break
    rows = []
    for limit, label in AGES:
        rows.append({"waiting": str(label), "profiles": buckets[limit]})
    rows.append({"waiting": str(_("All waiting")), "profiles": len(days)})
    return Table(
        "verification_backlog",
        _("Waiting for verification"),
        [
            Column("waiting", _("Waiting for")),
            Column("profiles", _("Profiles"), people=True),
        ],
        rows,
        board=True,
        note=_("Median wait of the profiles still waiting: %(days)s days.")
        % {"days": median(days) if days else "-"},
    )
