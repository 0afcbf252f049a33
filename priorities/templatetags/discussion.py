"""The discussion section of a priority page (comments, follow and flag buttons)."""

from django import template

register = template.Library()


@register.inclusion_tag("priorities/_discussion.html", takes_context=True)
def discussion_section(context, priority):
    return {"priority": priority, "request": context.get("request")}
