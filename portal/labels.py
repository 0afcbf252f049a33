"""Display labels of choices, translated once per language instead of per call.

Django's `get_FOO_display` hashes every choice of the field on each call, which
evaluates (translates) every lazy label: on a page of twenty cards that is
hundreds of translations. A model overrides `get_FOO_display` with
`choice_label`, which gives the same text.
"""

from functools import lru_cache

from django.db.models import Choices
from django.utils.encoding import force_str
from django.utils.translation import get_language


@lru_cache(maxsize=2048)
def _label(choices: type[Choices], value, language: str | None) -> str:
    labels = dict(zip(choices.values, choices.labels, strict=True))
    return force_str(labels.get(value, value), strings_only=True)


def choice_label(choices: type[Choices], value):
    """What `get_FOO_display` returns for `value` of a field with these choices."""
    try:
        return _label(choices, value, get_language())
    except TypeError:  # an unhashable value: let Django's own lookup decide
        return force_str(value, strings_only=True)
