"""One report as a JSON document or a CSV file: what the downloads and the API send."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone

from portal.csvexport import csv_row

from .params import ReportParams
from .registry import Report
from .tables import ReportResult


def as_document(report: Report, params: ReportParams, result: ReportResult) -> dict:
    return {
        "report": report.name,
        "title": str(report.title),
        "period": {"from": params.start.isoformat(), "to": params.end.isoformat()},
        "filters": {
            "group": params.group if "group" in report.filters else "",
            "country": params.country if "country" in report.filters else "",
        },
        "source": result.source,
        "computed_at": result.computed_at.isoformat(),
        "tables": [
            {
                "key": table.key,
                "title": str(table.title),
                "columns": [
                    {"key": c.key, "label": str(c.label)} for c in table.columns
                ],
                "rows": [
                    {key: row.get(key) for key in table.keys} for row in table.rows
                ],
            }
            for table in result.tables
        ],
    }


def as_csv(report: Report, params: ReportParams, result: ReportResult) -> str:
    """Every table, one after the other: a title line, the header, the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        csv_row(
            [
                str(report.title),
                params.start.isoformat(),
                params.end.isoformat(),
                result.source,
                result.computed_at.isoformat(),
            ]
        )
    )
    for table in result.tables:
        writer.writerow([])
        writer.writerow(csv_row([table.key, str(table.title)]))
        writer.writerow(csv_row(str(c.label) for c in table.columns))
        for row in table.rows:
            writer.writerow(csv_row(row.get(key) for key in table.keys))
    return buffer.getvalue()


def csv_response(report: Report, params: ReportParams, result: ReportResult):
    response = HttpResponse(
        as_csv(report, params, result), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f'attachment; filename="nec-report-{report.name}-{stamp}.csv"'
    )
    return response
