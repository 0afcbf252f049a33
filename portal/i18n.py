"""Languages: which one a request gets, the switcher, alternates and catalogues.

Pages live under `i18n_patterns` (portal/urls.py) without a prefix for English
and under `/es/` for Spanish, so a link names its language. The API, the staff
admin and the health check stay unprefixed.

How a request's language is chosen (`LanguageMiddleware`):
- a page under `/es/…` is Spanish; an unprefixed page is English, except that a
  visitor whose cookie or, with no cookie yet, whose browser (`Accept-Language`)
  prefers another language is sent to that language's URL of the same page;
- the API answers in the language of `Accept-Language` alone (clients keep no
  cookie); the admin follows the cookie, then `Accept-Language`.

The switcher posts to `set_language` (Django's view, wrapped to remember a
member's choice on their profile). Signing in applies the member's language.

Sitemaps: `BilingualSitemap` lists every page once per language with its
`hreflang` alternates (see docs/portal.md, "Languages").
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import trans_real

API_PREFIX = "/api/"
_PENDING_COOKIE = "_portal_language_cookie"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def supported(code: str | None) -> str | None:
    """`code` (or its base language, "es-MX" → "es") if the site offers it."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def language_from_accept_header(header: str) -> str:
    """The best offered language for an `Accept-Language` header, else the default."""
    for code, _quality in trans_real.parse_accept_lang_header(header or ""):
        if code == "*":
            break
        found = supported(code)
        if found:
            return found
    return settings.LANGUAGE_CODE


def member_language(user) -> str:
    """The language to write to a member in: theirs if set, else the default."""
    return supported(getattr(user, "language", "")) or settings.LANGUAGE_CODE


def path_in_language(path: str, code: str) -> str:
    """The same page's path (query kept) in another language; unchanged when the
    page is not a translated one (API, admin) or does not resolve."""
    return translate_url(path, code)


def is_translated_page(path: str) -> bool:
    other = next((c for c in language_codes() if c != settings.LANGUAGE_CODE), None)
    if other is None:
        return False
    current = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    target = other if current == settings.LANGUAGE_CODE else settings.LANGUAGE_CODE
    return translate_url(path, target) != path


def language_links(request: HttpRequest) -> list[dict]:
    """One entry per language for the current page: code, name, path, absolute
    URL and whether it is the current one. Empty for untranslated pages.

    The query string is left out: alternates name the page itself, and a page
    never echoes what a visitor typed into its address (search terms, drafts)."""
    path = request.path
    if not is_translated_page(path):
        return []
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        target = path_in_language(path, code)
        links.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "label": name,
                "path": target,
                "url": request.build_absolute_uri(target),
                "current": code == current,
            }
        )
    return links


def missing_translation(obj, *fields: str) -> bool:
    """True when the active language is not the default and one of `obj`'s
    translated `fields` has default-language text but none in the active
    language: what the reader sees there is the English fallback."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    if code == settings.LANGUAGE_CODE:
        return False
    suffix = code.replace("-", "_")
    default = settings.LANGUAGE_CODE.replace("-", "_")
    for field in fields:
        field = field.strip()
        english = getattr(obj, f"{field}_{default}", None)
        if english and not (getattr(obj, f"{field}_{suffix}", None) or "").strip():
            return True
    return False


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, plus the rules in this module's docstring."""

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        super().process_request(request)
        path = request.path_info
        if translation.get_language_from_path(path):
            return None  # /es/…: the path decides
        if path.startswith(API_PREFIX):
            code = language_from_accept_header(
                request.headers.get("Accept-Language", "")
            )
        elif is_translated_page(path):
            preferred = translation.get_language_from_request(request, check_path=False)
            if (
                preferred != settings.LANGUAGE_CODE
                and request.method in ("GET", "HEAD")
                and not request.headers.get("HX-Request")
            ):
                target = path_in_language(request.get_full_path(), preferred)
                if target != request.get_full_path():
                    return HttpResponseRedirect(target)
            return None  # an English page
        else:
            code = translation.get_language_from_request(request, check_path=False)
        translation.activate(code)
        request.LANGUAGE_CODE = code
        return None

    def process_response(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        response = super().process_response(request, response)
        pending = getattr(request, _PENDING_COOKIE, None)
        if pending:
            set_language_cookie(response, pending)
        return response


def set_language_cookie(response: HttpResponse, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def apply_member_language(sender, request, user, **kwargs) -> None:
    """On sign-in (user_logged_in): the member's stored language becomes the
    visitor's cookie, so their next page opens in it."""
    code = supported(getattr(user, "language", ""))
    if code and request is not None:
        setattr(request, _PENDING_COOKIE, code)
        translation.activate(code)


class BilingualSitemap(Sitemap):
    """Base for the site's sitemaps: each item once per language, with hreflang
    alternates and an x-default (English). `location()` must return `reverse(...)`
    or `get_absolute_url()`: it is called with each language active, which
    gives the `/es/` URL for Spanish."""

    i18n = True
    alternates = True
    x_default = True


# --- Catalogues ---------------------------------------------------------------


def compile_catalogues(*, only_stale: bool = False) -> list[Path]:
    """Compile every .po under LOCALE_PATHS into its .mo with polib (no GNU
    gettext needed). Returns the files written."""
    import polib

    written = []
    for base in settings.LOCALE_PATHS:
        for po_path in sorted(Path(base).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if (
                only_stale
                and mo_path.exists()
                and mo_path.stat().st_mtime >= po_path.stat().st_mtime
            ):
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written
