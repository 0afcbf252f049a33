"""The API's JSON parser: a bounded body, a bounded depth, no recursion to get there."""

import io
import re
from itertools import accumulate

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser

# A JSON string, escapes included; possessive, so a long string never backtracks.
_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_BRACKETS = re.compile(rb"[^\[\]{}]+")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request body is too large.")
    default_code = "too_large"


def json_depth(raw: bytes) -> int:
    """How deeply arrays and objects nest in `raw`, counted without parsing it."""
    brackets = _BRACKETS.sub(b"", _STRING.sub(b"", raw))
    return max(accumulate((_STEP[b] for b in brackets), initial=0))


class BoundedJSONParser(JSONParser):
    """JSON of at most API_JSON_MAX_BYTES, nested at most API_JSON_MAX_DEPTH deep.

    The standard parser recurses once per level, so a deep enough body (a few
    hundred kilobytes of `[`) ends in a RecursionError, a 500. Both limits are
    checked on the bytes, before json.loads runs.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_JSON_MAX_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge(
                _("A JSON body may be at most %(kb)d KB.") % {"kb": limit // 1024}
            )
        depth = settings.API_JSON_MAX_DEPTH
        if json_depth(raw) > depth:
            raise exceptions.ParseError(
                _("JSON may nest arrays and objects at most %(depth)d levels deep.")
                % {"depth": depth}
            )
        return super().parse(io.BytesIO(raw), media_type, parser_context)
