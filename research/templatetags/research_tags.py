from django import template

from research.models import format_number

register = template.Library()


@register.filter
def num(value) -> str:
    """A figure without trailing zeros: 0.540 → 0.54."""
    return format_number(value)


@register.filter
def thousands(value) -> str:
    """10604 → 10,604; None → empty."""
    if value is None or value == "":
        return ""
    return f"{int(value):,}"


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, "") if mapping else ""
