"""Support for priorities: the top ones, where groups disagree, the broadest.

Standings are as at the end of the period (every support cast by then, counted
in the group the voter belonged to when voting); "new supports" are those cast in
the period. A group's *support share* for a priority is its supporters of that
priority divided by the group's members who support at least one priority.

Disagreement: within each group the priorities are ranked by that share and
given a *rank percentile*, 100 x (priorities the group supports less + half
those it supports equally) / (priorities - 1): 100 is the group's favourite, 0
its least supported. The gap is the families' percentile minus the clinicians';
a large positive gap ranks high for families and low for clinicians, a large
negative one the reverse.

Broadest support: the lowest support share over the groups that have voters, so
a priority ranks high only if every group supports it.
"""

from bisect import bisect_left, bisect_right

from django.utils.translation import gettext_lazy as _

from portal.models import StakeholderGroup
from priorities.models import Priority

from .. import summaries
from ..registry import report
from ..tables import Column, ReportResult, Table
from .common import GROUPS, group_label, now, percent

TOP = 10
PER_GROUP = 5
DISAGREE = 5
FAMILY, CLINICIAN = StakeholderGroup.FAMILY.value, StakeholderGroup.CLINICIAN.value


def rank_percentiles(shares: dict[int, float]) -> dict[int, float]:
    """Mid-rank percentiles of `shares` (a group's supporters or share: one
    denominator per group, so both rank alike; see the module doc)."""
    values = sorted(shares.values())
    if len(values) < 2:
        return {}
    result = {}
    for key, share in shares.items():
        below = bisect_left(values, share)
        equal = bisect_right(values, share) - below - 1
        result[key] = round(100 * (below + equal / 2) / (len(values) - 1), 1)
    return result


def _standings(params):
    run = summaries.current_run()
    supports, voters = summaries.support_totals(params, run)
    _begin, end = params.month_bounds()
    eligible = {
        row["pk"]: row
        for row in Priority.objects.public()
        .filter(created_at__lt=end)
        .values("pk", "title", "topic__name")
    }
    standings = {}
    for pk, info in eligible.items():
        by_group = {g: supports.get((pk, g), [0, 0]) for g in GROUPS}
        shares = {g: percent(by_group[g][0], voters.get(g, 0)) for g in GROUPS}
        counted = [s for g, s in shares.items() if voters.get(g)]
        standings[pk] = {
            "id": pk,
            "title": info["title"],
            "topic": info["topic__name"] or "",
            "supporters": {g: by_group[g][0] for g in GROUPS},
            "total": sum(v[0] for v in by_group.values()),
            "new": sum(v[1] for v in by_group.values()),
            "shares": shares,
            "balanced": round(sum(counted) / len(counted), 1) if counted else 0.0,
            "lowest": min(
                ((s, g) for g, s in shares.items() if voters.get(g)), default=(0.0, "")
            ),
        }
    return run, standings, voters


def _row(entry, **extra) -> dict:
    return {"priority_id": entry["id"], "title": entry["title"], **extra}


@report(
    "priority-support",
    position=20,
    title=_("Priorities: top, disagreement and broadest support"),
    description=_(
        "Standings at the end of the period. Balanced score: the mean of the groups' "
        "support shares. Disagreement: the difference between the families' and the "
        "clinicians' rank percentiles. Broadest support: the lowest support share "
        "over all groups with voters."
    ),
    filters=("group", "country"),
    precomputed=True,
)
def priority_support(params) -> ReportResult:
    run, standings, voters = _standings(params)
    entries = list(standings.values())
    by_balanced = sorted(entries, key=lambda e: (-e["balanced"], -e["total"], e["id"]))
    title_columns = [Column("priority_id", _("Priority")), Column("title", _("Title"))]
    tables = [
        Table(
            "top",
            _("Top priorities overall (balanced score)"),
            [
                Column("rank", _("Rank")),
                *title_columns,
                Column("balanced_score", _("Balanced score (%)")),
                Column("supporters", _("Supporters"), people=True),
                Column("new_supports", _("New supports in the period"), people=True),
            ],
            [
                _row(
                    e,
                    rank=i,
                    balanced_score=e["balanced"],
                    supporters=e["total"],
                    new_supports=e["new"],
                )
                for i, e in enumerate(by_balanced[:TOP], start=1)
            ],
            chart=("bars", "title", "balanced_score"),
            board=True,
        )
    ]
    per_group = []
    for group in [params.group] if params.group else GROUPS:
        ranked = sorted(
            (e for e in entries if e["supporters"][group]),
            key=lambda e: (-e["supporters"][group], e["id"]),
        )
        per_group += [
            _row(
                e,
                group=group_label(group),
                rank=i,
                supporters=e["supporters"][group],
                share=e["shares"][group],
            )
            for i, e in enumerate(ranked[:PER_GROUP], start=1)
        ]
    tables.append(
        Table(
            "top_by_group",
            _("Top priorities in each stakeholder group"),
            [
                Column("group", _("Stakeholder group")),
                Column("rank", _("Rank")),
                *title_columns,
                Column("supporters", _("Supporters in the group"), people=True),
                Column(
                    "share", _("Share of the group's voters (%)"), based_on="supporters"
                ),
            ],
            per_group,
        )
    )
    tables += _disagreement(entries, voters, title_columns)
    broadest = sorted(
        (e for e in entries if e["total"]),
        key=lambda e: (-e["lowest"][0], -e["balanced"], e["id"]),
    )
    tables.append(
        Table(
            "broadest",
            _("Broadest support across all groups"),
            [
                Column("rank", _("Rank")),
                *title_columns,
                Column("lowest_share", _("Lowest group share (%)")),
                Column("lowest_group", _("Group with the lowest share")),
                Column("supporters", _("Supporters"), people=True),
            ],
            [
                _row(
                    e,
                    rank=i,
                    lowest_share=e["lowest"][0],
                    lowest_group=group_label(e["lowest"][1]),
                    supporters=e["total"],
                )
                for i, e in enumerate(broadest[:TOP], start=1)
            ],
            chart=("bars", "title", "lowest_share"),
        )
    )
    computed_at = run.finished_at if run else now()
    return ReportResult(tables, computed_at, "summary" if run else "live")


def _disagreement(entries, voters, title_columns) -> list[Table]:
    columns = [
        *title_columns,
        Column("family_percentile", _("Families' rank percentile")),
        Column("clinician_percentile", _("Clinicians' rank percentile")),
        Column("gap", _("Gap (families minus clinicians)")),
        Column("family_supporters", _("Family supporters"), people=True),
        Column("clinician_supporters", _("Clinician supporters"), people=True),
    ]
    gaps = []
    if voters.get(FAMILY) and voters.get(CLINICIAN):
        family = rank_percentiles({e["id"]: e["supporters"][FAMILY] for e in entries})
        clinician = rank_percentiles(
            {e["id"]: e["supporters"][CLINICIAN] for e in entries}
        )
        for e in entries:
            if e["id"] in family:
                gap = round(family[e["id"]] - clinician[e["id"]], 1)
                gaps.append(
                    _row(
                        e,
                        family_percentile=family[e["id"]],
                        clinician_percentile=clinician[e["id"]],
                        gap=gap,
                        family_supporters=e["supporters"][FAMILY],
                        clinician_supporters=e["supporters"][CLINICIAN],
                    )
                )
    families_higher = sorted(
        (g for g in gaps if g["gap"] > 0), key=lambda g: (-g["gap"], g["priority_id"])
    )
    clinicians_higher = sorted(
        (g for g in gaps if g["gap"] < 0), key=lambda g: (g["gap"], g["priority_id"])
    )
    note = _(
        "Shown when both families and clinicians have voters and there are at "
        "least two priorities."
    )
    return [
        Table(
            "families_higher",
            _("Ranked higher by families than by clinicians"),
            columns,
            families_higher[:DISAGREE],
            note=note,
        ),
        Table(
            "clinicians_higher",
            _("Ranked higher by clinicians than by families"),
            columns,
            clinicians_higher[:DISAGREE],
            note=note,
        ),
    ]
