import logging
import re
import time
import uuid
from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import bad_request

logger = logging.getLogger("portal.request")


class RequestLogMiddleware:
    """One structured log line per request: method, path, status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A proxy's id is kept so lines can be joined across services; bounded so
        # a client cannot stuff the logs.
        request_id = (request.headers.get("X-Request-ID") or "")[
            :64
        ] or uuid.uuid4().hex
        request.request_id = request_id
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logger.info(
            "request",
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": _loggable_path(request),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk
                if user is not None and user.is_authenticated
                else None,
            },
        )
        response["X-Request-ID"] = request_id
        return response


def _loggable_path(request) -> str:
    """The path, except that keyed links (webinar tokens, e-mail confirmation,
    password reset) are logged as their route pattern: a key in a log is a key
    anyone with the log can use."""
    match = getattr(request, "resolver_match", None)
    if match is not None and {"token", "key", "uidb36"} & match.kwargs.keys():
        return "/" + match.route
    return request.path


# A JSON string escape for U+0000 that is not itself an escaped backslash.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
_FORM_TYPES = {"application/x-www-form-urlencoded"}


class BadInputMiddleware:
    """Refuse (400) a request whose text cannot reach the database as sent.

    One rule for every app, so no query, form or serializer has to remember it:
    a NUL character (U+0000, which PostgreSQL refuses in text) anywhere in the
    path, the query string, form fields or a JSON body, and a query string or
    body that is not valid UTF-8 (Django would store U+FFFD in place of the
    bytes). The API answers JSON `{"detail", "errors"}`, pages the site's 400
    page; the view never runs, so nothing is stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            errors = _bad_input(request)
        except RequestDataTooBig:
            return _refuse(
                request,
                {"non_field_errors": [str(TOO_BIG)]},
                status=413,
                detail=TOO_BIG,
            )
        if errors:
            return _refuse(request, errors)
        return self.get_response(request)


NUL_MESSAGE = _("Null characters are not allowed.")
ENCODING_MESSAGE = _("The text is not valid UTF-8.")
TOO_BIG = _("The request body is too large.")


def _bad_input(request) -> dict[str, list[str]]:
    if "\x00" in request.path:
        return {"path": [str(NUL_MESSAGE)]}
    errors = _bad_pairs(request.META.get("QUERY_STRING", ""))
    if errors or request.method in ("GET", "HEAD", "OPTIONS"):
        return errors
    content_type = request.content_type or ""
    if content_type == "multipart/form-data":
        # Field values come decoded (bytes we cannot see again); a NUL still shows.
        for name, values in request.POST.lists():
            if "\x00" in name or any("\x00" in v for v in values):
                return {_field_name(name): [str(NUL_MESSAGE)]}
        for name, files in request.FILES.lists():
            if any("\x00" in (f.name or "") for f in files):
                return {_field_name(name): [str(NUL_MESSAGE)]}
        return {}
    if content_type in _FORM_TYPES:
        return _bad_pairs(request.body.decode("latin-1"))
    if content_type == "application/json" or content_type.endswith("+json"):
        body = request.body
        try:
            body.decode(request.encoding or "utf-8")
        except (UnicodeDecodeError, LookupError):
            return {"non_field_errors": [str(ENCODING_MESSAGE)]}
        if b"\x00" in body or _JSON_NUL.search(body):
            return {"non_field_errors": [str(NUL_MESSAGE)]}
    return {}


def _bad_pairs(encoded: str) -> dict[str, list[str]]:
    """Errors for `name=value&...` text, read from its raw bytes."""
    errors: dict[str, list[str]] = {}
    for pair in encoded.split("&"):
        name, _sep, value = pair.partition("=")
        raw_name = unquote_to_bytes(name.replace("+", " "))
        raw_value = unquote_to_bytes(value.replace("+", " "))
        try:
            key = raw_name.decode()
            raw_value.decode()
        except UnicodeDecodeError:
            key = raw_name.decode(errors="replace")
            errors.setdefault(_field_name(key), []).append(str(ENCODING_MESSAGE))
            continue
        if b"\x00" in raw_name or b"\x00" in raw_value:
            errors.setdefault(_field_name(key), []).append(str(NUL_MESSAGE))
    return errors


def _field_name(name: str) -> str:
    return name.replace("\x00", "").replace("\ufffd", "") or "non_field_errors"


def _refuse(request, errors, *, status: int = 400, detail=None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": str(detail or _("Invalid input.")), "errors": errors},
            status=status,
        )
    response = bad_request(request, SuspiciousOperation(str(detail or "")))
    response.status_code = status
    return response
