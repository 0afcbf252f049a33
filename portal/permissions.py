"""Permission classes shared by every app's API.

The default is DenyAll: an endpoint without permission_classes answers 403.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import ReportingToken


def is_reporting_client(request) -> bool:
    return isinstance(getattr(request, "auth", None), ReportingToken)


class DenyAll(BasePermission):
    message = _("This endpoint is not available.")

    def has_permission(self, request, view):
        return False


class ReadOnly(BasePermission):
    """Anyone may read (GET, HEAD, OPTIONS); nobody may write."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS


class IsParticipant(BasePermission):
    """A signed-in member with a verified e-mail who is not blocked."""

    message = _("Confirm your e-mail address to take part.")

    def has_permission(self, request, view):
        user = request.user
        if user and user.is_authenticated and user.can_participate:
            return True
        # Tell a blocked member why, rather than asking them to verify again.
        if user and user.is_authenticated and user.is_blocked:
            self.message = _("Your participation is paused by the moderators.")
        elif not (user and user.is_authenticated):
            self.message = _("Sign in to take part.")
        return False


class ReadOnlyOrParticipant(IsParticipant):
    """Anyone reads; only participants write."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().has_permission(request, view)


class IsStaff(BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_staff)


class IsStaffOrReportingClient(BasePermission):
    """Staff, or a reporting token for reads only."""

    def has_permission(self, request, view):
        if request.user and request.user.is_staff:
            return True
        return is_reporting_client(request) and request.method in SAFE_METHODS
