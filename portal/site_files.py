"""The files every site is asked for at its root: robots.txt and favicon.ico."""

from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

FAVICON = Path(__file__).parent / "static" / "portal" / "favicon.ico"

# Paths no crawler should index: staff and admin pages, the API, accounts,
# moderation, and the forms and exports that only make sense for a person.
DISALLOWED = [
    "/staff/",
    "/api/",
    "/account/",
    "/priorities/moderation/",
    "/priorities/notifications/",
    "/evidence/staff/",
    "/partners/me/",
    "/priorities/propose/",
    "/webinars/confirm/",
    "/webinars/unsubscribe/",
]


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@cache
def _favicon_bytes() -> bytes:
    return FAVICON.read_bytes()


@require_GET
@cache_control(max_age=604800, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_favicon_bytes(), content_type="image/x-icon")
