"""Reports for the board, funders and partners: one query per report.

Public surface:

- `reports.registry`: `REPORTS` (name → Report), `run_report(name, params)`, and
  the `report(...)` decorator a module in `reports/queries/` uses to add one.
- `reports.params.ReportParams` and `reports.params.parse_params(data)`.
- `reports.summaries.summaries_refresh()`: fills the summary tables (nightly task).

Every page, CSV, JSON download and API answer is built from `run_report`, which
applies the small-cell suppression (`reports.tables.suppress`) before anything
leaves the query layer. Reports read other apps' models; nothing imports reports.
"""
