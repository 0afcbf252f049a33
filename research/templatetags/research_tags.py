from django import template

from portal.numbers import grouped

register = template.Library()


@register.filter
def thousands(value) -> str:
    """10604 → 10,604 (10 604 in Spanish); None → empty."""
    if value is None or value == "":
        return ""
    return grouped(value)


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, "") if mapping else ""


@register.inclusion_tag("research/includes/risk_lists.html")
def risk_lists():
    """The published factors by direction, each linked to its evidence page, so a
    page that names what changes the risk says no more than the evidence does."""
    from research.models import Direction, Factor

    factors = list(Factor.objects.published())
    return {
        "groups": [
            (label, [f for f in factors if f.direction == value])
            for value, label in Direction.choices
            if value != Direction.BACKGROUND
        ]
    }
