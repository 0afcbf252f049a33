"""Exports written as they are read: CSV and JSON with flat memory.

A large export (every comment, every priority) is never held whole in memory:
rows come from `QuerySet.iterator(chunk_size=...)` and leave as they are
encoded, through a StreamingHttpResponse. The JSON written is byte for byte
what DRF's JSONRenderer writes for the same document (compact, UTF-8, the same
encoder), so clients see no difference.
"""

import json
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.utils import encoders

# Rows per database round trip in an export.
CHUNK_SIZE = 2000

_dumps_options = {
    "cls": encoders.JSONEncoder,
    "ensure_ascii": not api_settings.UNICODE_JSON,
    "allow_nan": not api_settings.STRICT_JSON,
    "separators": (",", ":") if api_settings.COMPACT_JSON else (", ", ": "),
}


def _dumps(value) -> str:
    text = json.dumps(value, **_dumps_options)
    # As JSONRenderer does: these two are valid JSON but end lines in JavaScript.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def json_document(head: dict, list_key: str, rows: Iterable) -> Iterator[bytes]:
    """`{**head, list_key: [rows...]}` encoded piece by piece."""
    separator = _dumps_options["separators"]
    opening = _dumps(head)[:-1] if head else "{"
    if head:
        opening += separator[0]
    yield (opening + _dumps(list_key) + separator[1] + "[").encode()
    yield from _items(rows)
    yield b"]}"


def json_list(rows: Iterable) -> Iterator[bytes]:
    """`[rows...]` encoded piece by piece."""
    yield b"["
    yield from _items(rows)
    yield b"]"


def _items(rows: Iterable) -> Iterator[bytes]:
    comma = _dumps_options["separators"][0].encode()
    batch: list[str] = []
    first = True
    for row in rows:
        batch.append(_dumps(row))
        if len(batch) >= 200:
            yield (comma if not first else b"") + comma.join(b.encode() for b in batch)
            first = False
            batch = []
    if batch:
        yield (comma if not first else b"") + comma.join(b.encode() for b in batch)


def json_response(chunks: Iterator[bytes], filename: str | None = None):
    response = StreamingHttpResponse(chunks, content_type=JSONRenderer.media_type)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class Echo:
    """A file-like object whose write returns the text: csv.writer per line."""

    def write(self, value: str) -> str:
        return value
