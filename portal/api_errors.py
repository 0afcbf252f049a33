"""One shape for API errors: {"detail": ..., "errors": {field: [messages]}}."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _messages(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [
                str(m) for e in errs for m in e.messages
            ]
            for field, errs in error.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in error.messages]}


def _answer_in_json(request) -> None:
    """Errors are JSON whatever `?format=` asked for (a CSV export's 401, say)."""
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is not None and renderer.media_type != JSONRenderer.media_type:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type


def exception_handler(exc, context):
    _answer_in_json(context.get("request"))
    if isinstance(exc, DjangoValidationError):
        errors = _messages(exc)
        return Response(
            {"detail": _("Invalid input."), "errors": errors},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        # A service's refusal says why (portal.access.require_*); keep its words.
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        data = exc.detail
        if not isinstance(data, dict):
            data = {"non_field_errors": data if isinstance(data, list) else [data]}
        response.data = {"detail": _("Invalid input."), "errors": data}
    elif isinstance(response.data, dict) and "detail" not in response.data:
        response.data = {"detail": response.data}
    return response
