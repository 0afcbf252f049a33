"""Fields families read that carry a Spanish version (django-modeltranslation).

Each registered field `x` gets `x_en` and `x_es` columns; reading `x` gives the
active language's text and falls back to English when the Spanish is blank.
Editors see both side by side in the admin. See docs/portal.md, "Languages".
"""

from modeltranslation.translator import TranslationOptions, register

from .models import FAQ, FAQCategory


@register(FAQCategory)
class FAQCategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(FAQ)
class FAQTranslation(TranslationOptions):
    fields = ("question", "answer")
