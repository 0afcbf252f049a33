"""One rate limit per action, shared by the HTML pages and the API.

A member who votes through the page and through the API uses one counter, not
two: `action_limited(request, "priority-vote")` counts the request against the
action's rate, whatever the method (supporting and withdrawing alike), per
member when signed in and per IP address otherwise (a shared hospital network
is one IP). The rates are settings, so an operator can change them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited
from rest_framework import exceptions


@dataclass(frozen=True)
class Limit:
    setting: str  # the name of the setting holding the rate, e.g. "10/h"
    message: str  # what the API answers (429) once the limit is reached


LIMITS: dict[str, Limit] = {
    "priority-submit": Limit(
        "PRIORITY_SUBMIT_RATE",
        _("You have proposed several priorities in a short time; wait an hour."),
    ),
    "priority-vote": Limit(
        "VOTE_RATE",
        _("You are changing supports very fast; wait a minute and try again."),
    ),
    "priority-similar": Limit(
        "PRIORITY_SIMILAR_RATE", _("Too many look-ups; wait a moment.")
    ),
    "comment": Limit(
        "COMMENT_RATE",
        _(
            "You have posted several comments in a short time; wait a few minutes "
            "and try again."
        ),
    ),
    "flag": Limit("FLAG_RATE", _("You have sent many reports; wait an hour.")),
    "contact": Limit(
        "CONTACT_RATE", _("You have sent several messages; wait an hour.")
    ),
    "webinar-subscribe": Limit(
        "WEBINAR_SUBSCRIBE_RATE", _("Too many sign-ups in a short time; wait an hour.")
    ),
    "partner-contact": Limit(
        "PARTNER_CONTACT_RATE",
        _("You have written to several partners in a short time; try again later."),
    ),
}


def member_or_ip(group: str, request) -> str:
    """The member when signed in, else the client's address.

    Unlike django-ratelimit's own "user_or_ip", a request with no REMOTE_ADDR (a
    bare WSGI caller) shares one anonymous counter instead of failing.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return str(user.pk)
    return request.META.get("REMOTE_ADDR") or "unknown"


def action_limited(request: HttpRequest, action: str) -> bool:
    """Count this request against `action`'s rate; True once it is over the limit.

    Works with a Django request and a DRF one alike (DRF's carries the member
    its authentication found).
    """
    return is_ratelimited(
        request,
        group=f"action:{action}",
        key=member_or_ip,
        rate=getattr(settings, LIMITS[action].setting),
        method=ALL,
        increment=True,
    )


def refuse_if_limited(request, action: str) -> None:
    """For API views: a 429 with a JSON `detail` once `action`'s limit is reached."""
    if action_limited(request, action):
        raise exceptions.Throttled(detail=str(LIMITS[action].message))
