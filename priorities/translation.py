"""Priority topics carry a Spanish name and description (django-modeltranslation;
see portal/translation.py). Priorities themselves are members' own words."""

from modeltranslation.translator import TranslationOptions, register

from .models import Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")
