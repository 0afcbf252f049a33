"""What families read on the evidence pages, with a Spanish version
(django-modeltranslation; see portal/translation.py).

Figures are never translated: findings stay as they are. Search reads the
English columns (`<field>_en`) explicitly, in both languages (research/search.py).
"""

from modeltranslation.translator import TranslationOptions, register

from .models import EvidenceSummary, Factor, Recommendation, SummaryVersion


@register(Factor)
class FactorTranslation(TranslationOptions):
    fields = ("name", "our_position", "sources_disagree")


@register(EvidenceSummary)
class EvidenceSummaryTranslation(TranslationOptions):
    fields = ("plain_summary",)


@register(SummaryVersion)
class SummaryVersionTranslation(TranslationOptions):
    fields = ("plain_summary",)


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("title", "summary")
