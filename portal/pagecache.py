"""A short-lived shared copy of the public pages, for visitors who are not signed in.

Most requests to a site like this one come from people who are not signed in,
and they all get the same page: the same 20 priority cards, the same API page.
Rendering it once every PAGE_CACHE_SECONDS (30 by default) and serving the copy
from the cache (Redis in production) to everyone else is what lets a few web
processes serve a national community (bench/README.md has the figures).

What is served from the copy: a GET, by a visitor with no session, messages
or primary-pin cookie and no Authorization header (so never a member, a staff
member or an API client with a key), not an HX-Request, to a view named in
PAGE_CACHE_VIEWS, whose answer was a 200 that set no cookie of its own and is
not private, streamed or larger than PAGE_CACHE_MAX_BYTES. The copy is keyed
by scheme, host, path and query, the language the request got, and for the API
its Accept header.

How fresh it is:
- any change made through the site (a POST, PUT, PATCH or DELETE that
  succeeded: an edit, a comment, a moderation decision, an erasure) retires
  every copy at once, by raising a version number that is part of every key;
  the copy being built while the change commits was keyed with the version
  read when its request began, so it is never served after the change;
- supports (votes), signing in and out and choosing a language are the
  exceptions (PAGE_CACHE_KEEP_ON): they change counts, not content, so a
  visitor's page may show counts up to PAGE_CACHE_SECONDS old;
- changes made outside a request (Celery tasks, commands) show within
  PAGE_CACHE_SECONDS.

Forms on a cached page still carry the visitor's own CSRF token: the copy holds
a marker where the token was, and each visitor's token is put back in on the way
out. The marker contains a NUL character, which no stored text can contain
(portal/middleware.py refuses it in input).

If the cache cannot be reached, pages are rendered as if there were no copies
(a warning is logged); a change that cannot retire the copies still succeeds.

Rate limits: a copy served costs no view, so the API's per-visitor limits do not
count it; what they protect (the database, the workers) is not used.
"""

from __future__ import annotations

import hashlib
import logging
import re

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

from portal.db_router import PIN_COOKIE, SAFE_METHODS

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
_MARKER = b"\x00csrf-token\x00"
# Where templates put the CSRF token: {% csrf_token %} and base.html's header
# for script requests.
_TOKEN_SLOTS = re.compile(
    rb'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]{64}(")'
)
_SKIPPED_HEADERS = frozenset({"content-length", "set-cookie", "x-request-id"})


def _bypass_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name, PIN_COOKIE)


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def served_from_copy(request) -> bool:
    """Whether this request may be answered from, and fill, the shared copy."""
    if request.method != "GET" or not enabled():
        return False
    if "HTTP_AUTHORIZATION" in request.META or "HTTP_HX_REQUEST" in request.META:
        return False
    return not any(name in request.COOKIES for name in _bypass_cookies())


def version() -> int:
    return cache.get(VERSION_KEY) or 0


def retire_all() -> None:
    """Every copy stops being served (the next visitor gets a fresh page)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        # No version yet (or the cache lost it): any new value retires the old keys.
        cache.add(VERSION_KEY, 1, timeout=None)
        cache.incr(VERSION_KEY)


def key_for(request, at_version: int) -> str:
    path = request.get_full_path()
    parts = [
        request.scheme,
        request.get_host(),
        path,
        translation.get_language() or "",
        request.headers.get("Accept", "") if path.startswith("/api/") else "",
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"pagecache:{at_version}:{digest}"


def _storable(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in settings.PAGE_CACHE_VIEWS:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return len(response.content) <= settings.PAGE_CACHE_MAX_BYTES


def _freeze(response) -> tuple[int, list[tuple[str, str]], bytes]:
    body = _TOKEN_SLOTS.sub(rb"\1" + _MARKER + rb"\2", response.content)
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in _SKIPPED_HEADERS
    ]
    return response.status_code, headers, body


def _thaw(request, frozen) -> HttpResponse:
    status, headers, body = frozen
    if _MARKER in body:
        body = body.replace(_MARKER, get_token(request).encode())
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class PublicPageCacheMiddleware:
    """Serves and fills the shared copy; retires every copy after a change.

    Sits after CsrfViewMiddleware (a served copy gets the visitor's token) and
    before the middleware whose answers it stores (headers such as
    Content-Security-Policy are part of the copy).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            self._after_change(request, response)
            return response
        if not served_from_copy(request):
            return self.get_response(request)
        try:
            key = key_for(request, version())
            frozen = cache.get(key)
        except Exception:
            # The cache is down: everyone gets a rendered page, nobody an error.
            logger.warning("page_cache_unavailable", exc_info=True)
            return self.get_response(request)
        if frozen is not None:
            return _thaw(request, frozen)
        response = self.get_response(request)
        if _storable(request, response):
            try:
                cache.set(key, _freeze(response), settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("page_cache_unavailable", exc_info=True)
            else:
                response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _after_change(request, response) -> None:
        if not enabled() or response.status_code >= 400:
            return
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in settings.PAGE_CACHE_KEEP_ON:
            return
        try:
            retire_all()
        except Exception:
            # The change itself has succeeded; copies made before it expire
            # within PAGE_CACHE_SECONDS, and none is served while the cache is down.
            logger.error("page_cache_not_retired", exc_info=True)
