"""Members and participation by stakeholder group and country, month by month."""

from collections import Counter

from django.utils.translation import gettext_lazy as _

from .. import summaries
from ..registry import report
from ..tables import Column, ReportResult, Table
from .common import GROUPS, country_label, group_label, month_label, now

COUNTS = ("new_members", "active_members", "returning_members")


def _count_columns():
    return [
        Column("new_members", _("New members"), people=True),
        Column("active_members", _("Active members"), people=True),
        Column("returning_members", _("Returning members"), people=True),
    ]


@report(
    "participation",
    position=10,
    title=_("Members and participation"),
    description=_(
        "New members (joined in the month), active members (voted, commented or "
        "proposed a priority in the month) and returning members (active in the "
        "month and in an earlier one), by stakeholder group and country."
    ),
    filters=("group", "country"),
    precomputed=True,
)
def participation(params) -> ReportResult:
    run = summaries.current_run()
    cells = summaries.participation_cells(params, run)
    in_period = [c for c in cells if c["month"] >= params.first_month]
    by_month = {month: Counter() for month in params.months}
    by_group_month: dict[tuple, Counter] = {}
    for cell in in_period:
        by_month[cell["month"]].update({k: cell[k] for k in COUNTS})
        by_group_month.setdefault((cell["month"], cell["group"]), Counter()).update(
            {k: cell[k] for k in COUNTS}
        )
    members_at_end, new_in_period, by_country = Counter(), Counter(), Counter()
    for cell in cells:
        members_at_end[cell["group"]] += cell["new_members"]
        if cell["month"] >= params.first_month:
            new_in_period[cell["group"]] += cell["new_members"]
            by_country[cell["country"]] += cell["new_members"]
    groups = [params.group] if params.group else GROUPS
    tables = [
        Table(
            "by_month",
            _("Month by month"),
            [Column("month", _("Month")), *_count_columns()],
            [
                {"month": month_label(m), **{k: counts[k] for k in COUNTS}}
                for m, counts in by_month.items()
            ],
            chart=("lines", "month", list(COUNTS)),
            board=True,
        ),
        Table(
            "members_by_group",
            _("Members by stakeholder group"),
            [
                Column("group", _("Stakeholder group")),
                Column("members", _("Members at the end of the period"), people=True),
                Column("new_members", _("New in the period"), people=True),
            ],
            [
                {
                    "group": group_label(g),
                    "members": members_at_end[g],
                    "new_members": new_in_period[g],
                }
                for g in groups
            ],
            chart=("bars", "group", "members"),
        ),
        Table(
            "by_group_month",
            _("By stakeholder group, month by month"),
            [
                Column("month", _("Month")),
                Column("group", _("Stakeholder group")),
                *_count_columns(),
            ],
            [
                {
                    "month": month_label(m),
                    "group": group_label(g),
                    **{k: by_group_month.get((m, g), Counter())[k] for k in COUNTS},
                }
                for m in params.months
                for g in groups
            ],
        ),
        Table(
            "new_by_country",
            _("New members by country"),
            [
                Column("country", _("Country")),
                Column("new_members", _("New in the period"), people=True),
            ],
            [
                {"country": country_label(code), "new_members": n}
                for code, n in sorted(
                    by_country.items(), key=lambda item: (-item[1], item[0])
                )
                if n
            ],
            note=_(
                "Country comes from a member's partner profile; members without "
                "one are counted as not recorded."
            ),
        ),
    ]
    computed_at = run.finished_at if run else now()
    return ReportResult(tables, computed_at, "summary" if run else "live")
