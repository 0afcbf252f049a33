from django import template

from portal.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Render user or staff text as sanitised HTML (see portal.markdown)."""
    return render_markdown(text)


@register.filter(name="minutes")
def minutes_filter(value) -> int:
    """Whole minutes in a timedelta, rounded up so "0 minutes" is never shown."""
    seconds = value.total_seconds() if hasattr(value, "total_seconds") else 0
    return max(1, -(-int(seconds) // 60))
