"""A round's scope and plain-language summary carry a Spanish version
(django-modeltranslation; see portal/translation.py).

Questions stay in the words members and staff wrote them in (English only), like
priorities. Services and the demo write the English through the plain name in
the default language and the Spanish through `scope_es` / `summary_es`.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Round


@register(Round)
class RoundTranslation(TranslationOptions):
    fields = ("scope", "summary")
