"""Labels and small helpers the report modules share."""

import math
import statistics

from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from portal.models import StakeholderGroup

GROUPS = [value for value, _label in StakeholderGroup.choices]


def group_label(value: str) -> str:
    try:
        return str(StakeholderGroup(value).label)
    except ValueError:
        return value


def country_label(code: str) -> str:
    return str(countries.name(code)) if code else _("Not recorded")


def month_label(month) -> str:
    return month.strftime("%Y-%m")


def percent(part: int, whole: int) -> float | None:
    """A share in percent, one decimal; None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def percentile_90(values: list[float]) -> float | None:
    """The nearest-rank 90th percentile: the smallest value with at least 90% of
    the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[math.ceil(0.9 * len(ordered)) - 1], 1)


def now():
    return timezone.now()
