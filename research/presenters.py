"""Turn published findings into what the pages show: plots, short source names."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import charts
from .models import Citation, PublishedFinding


def short_source(citation: Citation) -> str:
    """ "Sharif 2020" from "Sharif S, Meader N, ..."; the journal when no authors."""
    lead = citation.authors.split(",")[0].split(" ")[0] if citation.authors else ""
    lead = lead or citation.journal.split(" 20")[0].split(" 19")[0]
    return f"{lead} {citation.year}" if citation.year else lead


@dataclass
class PlotView:
    plot: charts.Plot
    title: str
    description: str
    lower_label: str
    higher_label: str
    axis_label: str

    @property
    def prefix(self) -> str:
        return f"forest-{self.plot.kind}"


def _kind(finding: PublishedFinding) -> str | None:
    if finding.is_ratio:
        return charts.RATIO
    if finding.is_difference:
        return charts.DIFFERENCE
    return None


def plots_for(name: str, findings: list[PublishedFinding]) -> list[PlotView]:
    """One plot per scale (ratios, differences) with its accessible text."""
    views = []
    for kind in (charts.RATIO, charts.DIFFERENCE):
        rows = [f for f in findings if _kind(f) == kind and f.estimate is not None]
        inputs = [
            charts.PlotInput(
                label=f"{short_source(f.citation)}: "
                f"{f.outcome_detail or f.get_outcome_display()}",
                estimate=float(f.estimate),
                ci_low=None if f.ci_low is None else float(f.ci_low),
                ci_high=None if f.ci_high is None else float(f.ci_high),
                summary=f"{f.get_outcome_display()} ({short_source(f.citation)}): "
                f"{f.result_display}",
            )
            for f in rows
        ]
        plot = charts.forest_plot(kind, inputs)
        if plot is None:
            continue
        null = "1" if kind == charts.RATIO else "0"
        sentences = [
            _(
                "Each row shows an estimate as a dot and its 95%% confidence interval "
                "as a line. The vertical line at %(null)s means no difference."
            )
            % {"null": null}
        ]
        for row in plot.rows:
            where = {
                "lower": _("left of the line: lower risk with the first option"),
                "higher": _("right of the line: higher risk with the first option"),
                "none": _("on the line: no difference"),
            }[row.side]
            crosses = (
                _("; its interval crosses the no-difference line")
                if row.crosses_null
                else ""
            )
            sentences.append(f"{row.summary}, {where}{crosses}.")
        views.append(
            PlotView(
                plot=plot,
                title=_("Forest plot of %(name)s findings") % {"name": name}
                if kind == charts.RATIO
                else _("Forest plot of %(name)s differences") % {"name": name},
                description=" ".join(sentences),
                lower_label=_("← Lower risk"),
                higher_label=_("Higher risk →"),
                axis_label=_("Ratio (log scale)")
                if kind == charts.RATIO
                else _("Difference"),
            )
        )
    return views
