"""The OpenAPI schema's shared parts: the error body and the answers any
operation can give besides its success (docs/access.md, README "API").

`PortalAutoSchema` is DRF's DEFAULT_SCHEMA_CLASS. For each operation it
documents, from the view's permission classes and the method:

- 400 for every write and every read that takes query parameters;
- 401 everywhere: a wrong or revoked reporting token is refused on any endpoint;
- 403 where the caller needs a right, and on writes (a session needs CSRF);
- 404 where a path or body names an object, on reads of one object (the
  caller's own too), and on paginated lists (bad `page`);
- 413 for writes that carry a body: JSON over API_JSON_MAX_BYTES;
- 429 everywhere: DRF's throttles cover the whole API;

each with the body `{"detail": str, "errors": {field: [str]}}`. Operations that
anyone may call list security as optional (`{}` first).
"""

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request


@extend_schema_field(
    {
        "oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "object", "additionalProperties": True},
        ],
        "description": "The field's messages; for a list or nested field, an "
        'object with the messages for each item or sub-field (`{"3": [...]}`).',
    }
)
class _FieldErrors(serializers.JSONField):
    pass


class ErrorSerializer(serializers.Serializer):
    """Every error answer of the API (portal/api_errors.py)."""

    detail = serializers.CharField(help_text=_("What went wrong, in words."))
    errors = serializers.DictField(
        child=_FieldErrors(),
        required=False,
        help_text=_(
            "Only on 400: the messages for each field; `non_field_errors` for "
            "the request as a whole."
        ),
    )


ERROR_DESCRIPTIONS = {
    "400": _("Invalid input or a business rule refused it; `errors` says which."),
    "401": _("No credentials where they are needed, or a wrong or revoked token."),
    "403": _("Signed in (or a token) without the right; `detail` says why."),
    "404": _("No such object, or one the caller may not see; or no such page."),
    "413": _("The body is larger than the API takes (`API_JSON_MAX_BYTES`)."),
    "429": _("Too many requests: wait and try again (`Retry-After`)."),
}


class PortalAutoSchema(AutoSchema):
    def get_auth(self):
        auth = super().get_auth()
        if self._anyone_may_call() and {} not in auth:
            auth = [{}, *auth]
        return auth

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation["responses"]
        for code in self._error_codes(operation):
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, ERROR_DESCRIPTIONS[code]),
                    code,
                    media_types=["application/json"],
                )
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _error_codes(self, operation) -> list[str]:
        parameters = operation.get("parameters", [])
        in_path = any(p["in"] == "path" for p in parameters)
        in_query = [p["name"] for p in parameters if p["in"] == "query"]
        write = self.method not in SAFE_METHODS
        codes = ["401", "429"]
        if write or in_query:
            codes.append("400")
        if write or not self._anyone_may_call():
            codes.append("403")
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append("413")
        # A list answers 404 only for a `page` past the end; other reads name an
        # object (by path, or the caller's own, such as partners/me/).
        if write or in_path or "page" in in_query or not self._is_list_view():
            codes.append("404")
        return codes

    def _anyone_may_call(self) -> bool:
        """Whether the view's permissions let an anonymous caller through."""
        request = Request(RequestFactory().generic(self.method, self.path))
        request.user = AnonymousUser()
        request.auth = None
        try:
            return all(
                permission.has_permission(request, self.view)
                for permission in self.view.get_permissions()
            )
        except exceptions.APIException:
            return False
