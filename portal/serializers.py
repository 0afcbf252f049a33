"""Serializer fields every app's write serializers share."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class StrictTextMixin:
    """Text only: DRF would turn a JSON number or boolean into its string
    ("123"), so a client's type mistake would pass unnoticed; here it is a 400
    with a message on the field."""

    default_error_messages = {
        "not_text": _(
            "Enter text (a JSON string), not a number, boolean, list or object."
        )
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class StrictCharField(StrictTextMixin, serializers.CharField):
    pass


class StrictSlugField(StrictTextMixin, serializers.SlugField):
    pass
