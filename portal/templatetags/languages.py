"""Template tags for the language switcher and hreflang alternates."""

from django import template
from django.conf import settings
from django.utils import translation

from portal.i18n import language_links, missing_translation

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context) -> list[dict]:
    """This page in each language (see portal.i18n.language_links); [] when the
    page has no translated URL or there is no request."""
    request = context.get("request")
    return language_links(request) if request is not None else []


@register.filter
def lacks_translation(obj, fields: str) -> bool:
    """True when the page is read in another language than the default and one
    of `obj`'s translated `fields` ("a,b") has English text but no version in
    that language, so the reader sees English (see includes/translation_note.html).
    """
    return obj is not None and missing_translation(obj, *fields.split(","))


@register.simple_tag
def in_default_language() -> bool:
    return translation.get_language() == settings.LANGUAGE_CODE


@register.simple_tag(takes_context=True)
def path_without_language(context) -> str:
    """The page's path with its language prefix taken off ("/es/faq/" -> "/faq/"),
    so a template can tell which page is current whatever the language."""
    request = context.get("request")
    path = getattr(request, "path", "") or ""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path
