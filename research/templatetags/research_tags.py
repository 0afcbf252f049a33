from django import template

register = template.Library()


@register.filter
def thousands(value) -> str:
    """10604 → 10,604; None → empty."""
    if value is None or value == "":
        return ""
    return f"{int(value):,}"


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, "") if mapping else ""
