"""Priority-setting rounds: who took part in each phase, by stakeholder group.

The figures come from `rounds.public.participation_by_phase`: people who
suggested a question (each imported survey answer counts as one respondent),
who ranked the shortlist (a ballot or pairwise votes) and who scored as an
expert, within the period.
"""

from django.utils.translation import gettext_lazy as _

from rounds.public import GATHERING, RANKING, SCORING, participation_by_phase

from ..registry import report
from ..tables import Column, ReportResult, Table
from .common import now

PHASES = {
    GATHERING: _("Suggesting questions"),
    RANKING: _("Ranking the shortlist"),
    SCORING: _("Expert scoring"),
}


@report(
    "rounds",
    position=80,
    title=_("Priority-setting rounds: participation by phase"),
    description=_(
        "People who suggested questions, ranked the shortlist or scored as experts "
        "in each round during the period, by stakeholder group."
    ),
    filters=("group", "country"),
)
def rounds_participation(params) -> ReportResult:
    begin, end = params.moment_bounds()
    rows = [
        {
            "round": row["round"],
            "phase": str(PHASES[row["phase"]]),
            "group": row["group_label"],
            "people": row["people"],
        }
        for row in participation_by_phase(
            begin=begin, end=end, group=params.group, country=params.country
        )
    ]
    table = Table(
        "by_phase_group",
        _("Participation by round, phase and stakeholder group"),
        [
            Column("round", _("Round")),
            Column("phase", _("Phase")),
            Column("group", _("Stakeholder group")),
            Column("people", _("People"), people=True),
        ],
        rows,
        board=True,
        note=_("No round had anyone taking part in the period.") if not rows else "",
    )
    return ReportResult([table], now(), "live")
