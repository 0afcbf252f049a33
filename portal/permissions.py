"""Permission classes shared by every app's API.

The default is DenyAll: an endpoint without permission_classes answers 403.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import ReportingToken


def is_reporting_client(request) -> bool:
    return isinstance(getattr(request, "auth", None), ReportingToken)


class DenyAll(BasePermission):
    message = "This endpoint is not available."

    def has_permission(self, request, view):
        return False


class ReadOnly(BasePermission):
    """Anyone may read (GET, HEAD, OPTIONS); nobody may write."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS


class IsParticipant(BasePermission):
    """A signed-in member with a verified e-mail who is not blocked."""

    message = "Verify your e-mail address to take part."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.can_participate)


class ReadOnlyOrParticipant(BasePermission):
    """Anyone reads; only participants write."""

    message = IsParticipant.message

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return IsParticipant().has_permission(request, view)


class IsStaff(BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_staff)


class IsStaffOrReportingClient(BasePermission):
    """Staff, or a reporting token for reads only."""

    def has_permission(self, request, view):
        if request.user and request.user.is_staff:
            return True
        return is_reporting_client(request) and request.method in SAFE_METHODS
