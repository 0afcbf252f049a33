from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ReportingToken


class ReportingTokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>` for reporting clients.

    The client is not a member: request.user stays anonymous and request.auth is
    the ReportingToken, which permissions check for read-only access.
    """

    def authenticate_credentials(self, key):
        token = ReportingToken.find(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        now = timezone.now()
        # Touch at most once a minute so busy clients do not write on every call.
        if token.last_used_at is None or (now - token.last_used_at).seconds > 60:
            ReportingToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return AnonymousUser(), token


class ReportingTokenScheme(OpenApiAuthenticationExtension):
    target_class = "portal.authentication.ReportingTokenAuthentication"
    name = "reportingToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Read-only reporting key: `Token <key>`, issued by staff.",
        }
