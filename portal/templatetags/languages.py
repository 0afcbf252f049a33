"""Template tags for the language switcher and hreflang alternates."""

from django import template

from portal.i18n import language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context) -> list[dict]:
    """This page in each language (see portal.i18n.language_links); [] when the
    page has no translated URL or there is no request."""
    request = context.get("request")
    return language_links(request) if request is not None else []
