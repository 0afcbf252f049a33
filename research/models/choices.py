"""Choices shared by the research models: direction, certainty, measures, outcomes,
and the states of a summary's working copy."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    RAISES = "raises", _("Linked to a higher risk")
    LOWERS = "lowers", _("Linked to a lower risk")
    NO_CLEAR_EFFECT = "no_clear_effect", _("No clear effect")
    BACKGROUND = "background", _("Background: how common and how serious NEC is")


class Certainty(models.TextChoices):
    HIGH = "high", _("High")
    MODERATE = "moderate", _("Moderate")
    LOW = "low", _("Low")
    VERY_LOW = "very_low", _("Very low")


# Highest first: a range runs from `certainty` down to `certainty_lower`.
CERTAINTY_ORDER = [
    Certainty.HIGH,
    Certainty.MODERATE,
    Certainty.LOW,
    Certainty.VERY_LOW,
]


class Kind(models.TextChoices):
    FINDING = "finding", _("Finding (a measured effect)")
    STATEMENT = "statement", _("Statement (quoted in the source's own words)")
    BURDEN = "burden", _("Burden (a population figure)")


class EffectMeasure(models.TextChoices):
    RR = "RR", _("Risk ratio (RR)")
    OR = "OR", _("Odds ratio (OR)")
    HR = "HR", _("Hazard ratio (HR)")
    RD = "RD", _("Risk difference (RD)")
    MD = "MD", _("Mean difference (MD)")
    PERCENT = "percent", _("Percentage (incidence or mortality)")
    RATE = "rate", _("Rate (per 100,000 live births)")
    NONE = "none", _("No figure reported (result in words)")


RATIO_MEASURES = {EffectMeasure.RR, EffectMeasure.OR, EffectMeasure.HR}
DIFFERENCE_MEASURES = {EffectMeasure.RD, EffectMeasure.MD}


class Outcome(models.TextChoices):
    NEC = "nec", _("NEC")
    SURGICAL_NEC = "surgical_nec", _("Surgical NEC")
    NEC_OR_DEATH = "nec_or_death", _("NEC or death")
    DEATH = "death", _("Death")
    DEATH_OR_MORBIDITY = "death_or_morbidity", _("Death or major illness")
    INCIDENCE = "incidence", _("How common NEC is")
    MORTALITY_AFTER_NEC = "mortality_after_nec", _("Death after NEC")
    NEC_DEATHS = "nec_deaths", _("Infant deaths from NEC")


class SummaryState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


class Strength(models.TextChoices):
    """GRADE's two strengths of recommendation."""

    STRONG = "strong", _("Strong recommendation")
    CONDITIONAL = "conditional", _("Conditional recommendation")


# A strong recommendation on evidence this uncertain needs a stated reason
# (GRADE allows it only in a few situations, and the reader must see which).
LOW_CERTAINTIES = (Certainty.LOW, Certainty.VERY_LOW)
