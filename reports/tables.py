"""What a report returns, and the one place small cells are suppressed.

A report returns a `ReportResult` of `Table`s. Columns that count people are
marked `people=True`; `suppress` turns every such value under `THRESHOLD` into
"<5", and blanks any share computed from such a count. `registry.run_report`
calls it on every table, so the page, the downloads and the API get the same
suppressed figures and no path can skip it.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

THRESHOLD = 5
SUPPRESSED = "<5"


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # a lazy translation
    people: bool = False  # a count of people: suppressed under THRESHOLD
    # For a share or rate: the people column it was computed from; blanked with it.
    based_on: str = ""


@dataclass
class Table:
    key: str
    title: Any
    columns: list[Column]
    rows: list[dict]
    # Chart drawn from this table: ("bars", label column, value column) or
    # ("lines", label column, [value columns]); None for no chart.
    chart: tuple | None = None
    note: Any = ""
    # Printed in the one-page board pack.
    board: bool = False

    @property
    def keys(self) -> list[str]:
        return [column.key for column in self.columns]


@dataclass
class ReportResult:
    tables: list[Table]
    # When the figures were computed; `source` is "summary" (the nightly tables)
    # or "live" (computed for this request).
    computed_at: datetime.datetime
    source: str = "live"
    notes: list = field(default_factory=list)


def suppress_value(value):
    """A count of people under the threshold (including none) becomes "<5"."""
    if isinstance(value, int) and not isinstance(value, bool) and value < THRESHOLD:
        return SUPPRESSED
    return value


def suppress(table: Table) -> Table:
    """The table with every small count of people, and what derives from it, hidden."""
    people = [c.key for c in table.columns if c.people]
    derived = [(c.key, c.based_on) for c in table.columns if c.based_on]
    for row in table.rows:
        for key in derived:
            name, base = key
            base_value = row.get(base)
            if isinstance(base_value, int) and base_value < THRESHOLD:
                row[name] = None
        for key in people:
            row[key] = suppress_value(row.get(key))
    return table
