"""Filters every app's FilterSets share."""

from datetime import UTC, timedelta

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

# PostgreSQL keeps a time-zone displacement below 16 hours ("time zone displacement
# out of range" otherwise); Python allows up to 24.
MAX_UTC_OFFSET = timedelta(hours=16)


class BoundedIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time every database can compare: an offset within ±15:59,
    and a moment that stays between years 1 and 9999 once in UTC."""

    default_error_messages = {
        "offset": _("The time-zone offset must be between -15:59 and +15:59."),
        "range": _("The date must be between the years 1 and 9999."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return value
        offset = value.utcoffset()
        if offset is not None and abs(offset) >= MAX_UTC_OFFSET:
            raise ValidationError(self.error_messages["offset"], code="offset")
        try:
            value.astimezone(UTC)
        except OverflowError:
            raise ValidationError(self.error_messages["range"], code="range") from None
        return value


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """django-filter's ISO 8601 filter, refusing (400) what the database cannot
    compare instead of failing in the query (500)."""

    field_class = BoundedIsoDateTimeField


# The largest id a BigAutoField holds; beyond it SQLite overflows (a 500).
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number from 1 to the largest id (400 otherwise)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)
