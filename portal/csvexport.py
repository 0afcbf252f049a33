"""CSV exports that are safe to open in a spreadsheet.

Every CSV the portal writes (staff exports, open data, moderation reports) goes
through `csv_cell`, so a cell a member typed can never run as a formula.
"""

import csv
from collections.abc import Iterable
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils import timezone

# Spreadsheet programs run a cell that starts with one of these as a formula
# ("=cmd@x.org" is even a valid e-mail address).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """Defuse CSV formula injection as OWASP advises: text that starts like a
    formula gets a leading apostrophe. Numbers and None pass unchanged (csv
    writes None as an empty cell), so a negative figure stays a number."""
    if value is None or isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_row(values: Iterable) -> list:
    """A row with every cell passed through `csv_cell`."""
    return [csv_cell(value) for value in values]


def csv_download(
    name: str, header: list[str], rows: Iterable[Iterable]
) -> StreamingHttpResponse:
    """A dated CSV attachment ("<name>-YYYYMMDD.csv") with formula-safe cells.

    Streamed: each row is written as it is read, so memory stays flat whatever
    the number of rows (pass a queryset's `.iterator(chunk_size=...)`).
    """

    def lines():
        writer = csv.writer(_Echo())
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(csv_row(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response


class _Echo:
    def write(self, value: str) -> str:
        return value
