from django import template

from portal.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """Render user or staff text as sanitised HTML (see portal.markdown)."""
    return render_markdown(text)
