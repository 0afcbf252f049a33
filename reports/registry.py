"""The list of reports. Adding one is one module in `reports/queries/` that
decorates its function with `@report(...)`, and one import line in
`reports/queries/__init__.py`; the app's ready() imports that package, so
every report is registered before the first request.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .params import ReportParams
from .tables import ReportResult, suppress


@dataclass(frozen=True)
class Report:
    name: str
    title: Any
    description: Any
    function: Callable[[ReportParams], ReportResult]
    # Which filters change the figures (the others are ignored, and say so).
    filters: tuple[str, ...] = ()
    # Read from the nightly summary tables when a refresh has run.
    precomputed: bool = False
    position: int = 100  # order on the page and in the API list


REPORTS: dict[str, Report] = {}


def report(
    name: str,
    *,
    title,
    description,
    filters: tuple[str, ...] = (),
    precomputed: bool = False,
    position: int = 100,
):
    """Register `function(params) -> ReportResult` under `name`."""

    def register(function):
        if name in REPORTS:
            raise ValueError(f"Report {name!r} is registered twice.")
        REPORTS[name] = Report(
            name, title, description, function, filters, precomputed, position
        )
        return function

    return register


def all_reports() -> list[Report]:
    return sorted(REPORTS.values(), key=lambda report: (report.position, report.name))


def get_report(name: str) -> Report | None:
    return REPORTS.get(name)


def run_report(name: str, params: ReportParams) -> ReportResult:
    """The figures of one report, with small cells suppressed."""
    result = get_report(name).function(params)
    for table in result.tables:
        suppress(table)
    return result
