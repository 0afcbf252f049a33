"""Keyset ("cursor") pagination for large API lists.

A page is found by where the previous one ended, not by counting rows from the
start, so page 500 costs what page 1 costs: `WHERE (sort keys, id) < (last
row's keys) ORDER BY ... LIMIT n`, read straight from the listing's index. The
response has `next` (a link with an opaque `cursor`, or null) and `results`; no
`count`, which would cost a scan of every row.

The cursor records the sort it was made for: following it with another
`ordering` is a 400, as is a cursor that was tampered with.
"""

import base64
import json
from datetime import datetime
from decimal import Decimal

from django.db import connections
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from .pagination import PortalPagination


def _encode(value):
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, Decimal):
        return {"d": str(value)}
    return value


def _decode(value):
    if isinstance(value, dict):
        if "t" in value:
            return datetime.fromisoformat(value["t"])
        if "d" in value:
            return Decimal(value["d"])
        raise ValueError("unknown value")
    return value


class KeysetPagination(BasePagination):
    """Pages of `page_size` rows (at most `max_page_size`), ordered by the view's
    ordering plus the primary key, which breaks ties."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    page_size = PortalPagination.page_size
    max_page_size = PortalPagination.max_page_size
    invalid_cursor = _(
        "This cursor is not valid for this list; start again without it."
    )

    def paginate_queryset(self, queryset, request, view=None):
        if "page" in request.query_params:
            raise ValidationError(
                {
                    "page": [
                        _("This list is paged with cursors: follow the `next` link.")
                    ]
                }
            )
        self.request = request
        self.page_size = self._page_size(request)
        self.keys = self._keys(queryset)
        self.signature = ",".join(self.keys)
        queryset = queryset.order_by(*self.keys)
        cursor = request.query_params.get(self.cursor_query_param)
        if cursor:
            queryset = queryset.filter(self._after(queryset, self._read(cursor)))
        rows = list(queryset[: self.page_size + 1])
        self.has_next = len(rows) > self.page_size
        rows = rows[: self.page_size]
        self.last = rows[-1] if rows else None
        return rows

    def _page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise ValidationError(
                {self.page_size_query_param: [_("Enter a whole number.")]}
            ) from None
        if size < 1:
            raise ValidationError(
                {self.page_size_query_param: [_("Enter a number of 1 or more.")]}
            )
        return min(size, self.max_page_size)

    @staticmethod
    def _keys(queryset) -> list[str]:
        keys = [str(k) for k in queryset.query.order_by] or list(
            queryset.model._meta.ordering
        )
        keys = [k for k in keys if k.lstrip("-") not in ("pk", "id")]
        last_descending = keys[-1].startswith("-") if keys else False
        keys.append("-pk" if last_descending else "pk")
        return keys

    def _value(self, row, key: str):
        name = key.lstrip("-")
        return row.pk if name == "pk" else getattr(row, name)

    def _read(self, cursor: str) -> list:
        try:
            padded = cursor + "=" * (-len(cursor) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
            if data["o"] != self.signature or len(data["v"]) != len(self.keys):
                raise ValueError("another ordering")
            return [_decode(v) for v in data["v"]]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise ValidationError(
                {self.cursor_query_param: [self.invalid_cursor]}
            ) from None

    def _write(self, row) -> str:
        data = {
            "o": self.signature,
            "v": [_encode(self._value(row, k)) for k in self.keys],
        }
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def _after(self, queryset, values: list):
        """Rows after the cursor's, in the keys' order."""
        if any(v is None for v in values):
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor]})
        directions = {k.startswith("-") for k in self.keys}
        if len(directions) == 1:
            # Every key the same way: one row comparison, which the database
            # answers from the listing's index.
            meta = queryset.model._meta
            fields = [
                meta.pk if k.lstrip("-") == "pk" else meta.get_field(k.lstrip("-"))
                for k in self.keys
            ]
            connection = connections[queryset.db]
            columns = ", ".join(
                f"{connection.ops.quote_name(meta.db_table)}."
                f"{connection.ops.quote_name(f.column)}"
                for f in fields
            )
            # Stored as the database stores them (SQLite compares dates as text).
            params = [
                f.get_db_prep_value(v, connection)
                for f, v in zip(fields, values, strict=True)
            ]
            marks = ", ".join(["%s"] * len(values))
            sign = "<" if directions == {True} else ">"
            # Column names come from the model, quoted; the values are parameters.
            return RawSQL(  # noqa: S611
                f"({columns}) {sign} ({marks})", params, output_field=BooleanField()
            )
        # Mixed directions: the same condition spelt out key by key.
        condition = Q()
        for i, key in enumerate(self.keys):
            name = key.lstrip("-")
            step = Q(**{f"{name}__{'lt' if key.startswith('-') else 'gt'}": values[i]})
            for earlier, value in zip(self.keys[:i], values[:i], strict=True):
                step &= Q(**{earlier.lstrip("-"): value})
            condition |= step
        return condition

    def get_next_link(self):
        if not (self.has_next and self.last is not None):
            return None
        url = self.request.build_absolute_uri()
        url = remove_query_param(url, "page")
        return replace_query_param(url, self.cursor_query_param, self._write(self.last))

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The next page, or null on the last one.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where to continue: the `cursor` of a `next` link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page (at most {self.max_page_size}).",
                "schema": {"type": "integer", "minimum": 1},
            },
        ]
