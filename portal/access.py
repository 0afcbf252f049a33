"""Who may do what, decided in one place; docs/access.md has the whole picture.

One answer per situation, in every app:

- an HTML page that needs a signed-in member, and nobody is signed in: a redirect
  to the sign-in page (302, `?next=` back here);
- an HTML page or action the signed-in member has no right to: the 403 page;
- an API call without credentials: 401; with credentials but without the right:
  403; a write to a read-only endpoint: 405; always with a JSON `detail`;
- something the caller may not see (a draft, an unlisted profile): 404, HTML or API,
  so its existence is not revealed;
- a service refusing for lack of rights: `PermissionDenied` (403);
- a service refusing a business rule: `ValidationError` (400, with the reason).

Staff rights are model permissions where one exists (`has_staff_perm(user,
"partners.change_partner")`), so the Moderators group grants exactly what
MODERATOR_PERMISSIONS lists; superusers hold every permission. The sets of users
behind these predicates are `User.objects.reachable()`, `.active_staff()` and
`.with_perm(perm)` (portal/models.py); tests/portal/test_access.py keeps both in step.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import ReportingToken

__all__ = [
    "DenyAll",
    "IsParticipant",
    "IsSignedIn",
    "IsStaff",
    "IsStaffOrReportingClient",
    "ParticipantRequiredMixin",
    "ReadOnly",
    "ReadOnlyOrParticipant",
    "StaffRequiredMixin",
    "has_staff_perm",
    "is_active_staff",
    "is_participant",
    "is_reachable",
    "is_reporting_client",
    "participant_required",
    "participation_refusal",
    "require_participant",
    "require_staff",
    "staff_required",
]

CANNOT_PARTICIPATE_TEMPLATE = "portal/cannot_participate.html"


# --- Who is who -----------------------------------------------------------------------


def is_reachable(user) -> bool:
    """The account still exists and may sign in: not deactivated, not deleted.

    Only reachable members get notifications and e-mail (User.objects.reachable()).
    """
    return bool(
        user is not None
        and getattr(user, "is_active", False)
        and getattr(user, "deleted_at", None) is None
    )


def is_active_staff(user) -> bool:
    """Signed-in staff whose account is reachable (User.objects.active_staff())."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_staff
        and is_reachable(user)
    )


def has_staff_perm(user, perm: str | None = None) -> bool:
    """Active staff holding `perm` ("app_label.codename"); any active staff if None.

    Members who are not staff get nothing here, whatever permissions they hold.
    """
    return is_active_staff(user) and (perm is None or user.has_perm(perm))


def is_participant(user) -> bool:
    """May vote, comment, propose, report, write to partners (User.can_participate)."""
    return bool(
        user is not None
        and user.is_authenticated
        and getattr(user, "can_participate", False)
    )


def participation_refusal(user) -> str:
    """Why `user` may not take part, in words for them; "" when they may."""
    if is_participant(user):
        return ""
    if user is None or not user.is_authenticated:
        return _("Sign in to take part.")
    if user.is_blocked:
        return _("Your participation is paused by the moderators.")
    if not is_reachable(user):
        return _("This account is closed.")
    return _("Confirm your e-mail address to take part.")


def is_reporting_client(request) -> bool:
    """The API caller authenticated with a reporting token (read-only, not a member)."""
    return isinstance(getattr(request, "auth", None), ReportingToken)


# --- Services -------------------------------------------------------------------------


def require_staff(user, perm: str | None = None, *, message: str = "") -> None:
    """PermissionDenied unless `user` is active staff holding `perm` (if given)."""
    if not has_staff_perm(user, perm):
        raise PermissionDenied(message or _("Only staff can do this."))


def require_participant(user) -> None:
    """PermissionDenied, saying why, unless `user` may take part."""
    reason = participation_refusal(user)
    if reason:
        raise PermissionDenied(reason)


# --- HTML views -----------------------------------------------------------------------


def _refuse_staff(request: HttpRequest, perm: str | None) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_staff_perm(request.user, perm):
        raise PermissionDenied
    return None


def _refuse_participant(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    reason = participation_refusal(request.user)
    if reason:
        return render(
            request, CANNOT_PARTICIPATE_TEMPLATE, {"reason": reason}, status=403
        )
    return None


def staff_required(view: Callable | None = None, *, perm: str | None = None):
    """`@staff_required` or `@staff_required(perm="app.codename")` on a view.

    Not signed in: to the sign-in page. Signed in without the right: 403 page.
    """

    def decorate(view_func: Callable) -> Callable:
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            refusal = _refuse_staff(request, perm)
            return refusal or view_func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


def participant_required(view: Callable) -> Callable:
    """Not signed in: to the sign-in page. Signed in but may not take part: a 403
    page saying why (confirm the address, or paused by the moderators)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return _refuse_participant(request) or view(request, *args, **kwargs)

    return wrapper


class StaffRequiredMixin:
    """Class-based views' `staff_required`; set `staff_permission` to require one."""

    staff_permission: str | None = None

    def dispatch(self, request, *args, **kwargs):
        refusal = _refuse_staff(request, self.staff_permission)
        return refusal or super().dispatch(request, *args, **kwargs)


class ParticipantRequiredMixin:
    """Class-based views' `participant_required`."""

    def dispatch(self, request, *args, **kwargs):
        refusal = _refuse_participant(request)
        return refusal or super().dispatch(request, *args, **kwargs)


# --- API (DRF permission classes) ---------------------------------------------------
# DRF answers a refused caller without credentials with 401 (the token scheme comes
# first in DEFAULT_AUTHENTICATION_CLASSES, so it sends WWW-Authenticate), and one
# with credentials (a member or a reporting token) with 403.


class DenyAll(BasePermission):
    """The default: an endpoint that names no permission answers no one."""

    message = gettext_lazy("This endpoint is not available.")

    def has_permission(self, request, view):
        return False


class ReadOnly(BasePermission):
    """Anyone may read; a write is 405 for everyone, since nobody may write here.

    It raises rather than refusing, so combine it with nothing (`|`, `&`).
    """

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        raise exceptions.MethodNotAllowed(request.method)


class IsSignedIn(BasePermission):
    """A signed-in member; a reporting token is not one."""

    message = gettext_lazy("Sign in first.")

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)


class IsParticipant(BasePermission):
    """A member who may take part; the 403 says why not."""

    message = gettext_lazy("Confirm your e-mail address to take part.")

    def has_permission(self, request, view):
        reason = participation_refusal(request.user)
        if reason:
            # Per request: DRF instantiates permissions for every request.
            self.message = reason
        return not reason


class ReadOnlyOrParticipant(IsParticipant):
    """Anyone reads; only participants write."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().has_permission(request, view)


class IsStaff(BasePermission):
    """Active staff, holding `perm` when one is set.

    `permission_classes = [IsStaff.with_perm("app.codename")]`, or
    `IsStaff("app.codename")` from `get_permissions()`.
    """

    perm: str | None = None
    message = gettext_lazy("Only staff can do this.")

    def __init__(self, perm: str | None = None):
        if perm is not None:
            self.perm = perm

    @classmethod
    def with_perm(cls, perm: str) -> type["IsStaff"]:
        return type(cls.__name__, (cls,), {"perm": perm})

    def has_permission(self, request, view):
        return has_staff_perm(request.user, self.perm)


class IsStaffOrReportingClient(IsStaff):
    """Staff (holding `perm` when set), or a reporting token for reads only."""

    message = gettext_lazy("Only staff and reporting clients can read this.")

    def has_permission(self, request, view):
        if super().has_permission(request, view):
            return True
        return is_reporting_client(request) and request.method in SAFE_METHODS
