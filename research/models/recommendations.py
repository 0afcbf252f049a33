"""Practice recommendations for NICUs, backed by findings."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import LOW_CERTAINTIES, Certainty, Strength
from .findings import Finding

STRENGTH_HELP = _(
    'GRADE\'s strength. Strong: "we recommend", "units should"; only when the '
    'certainty is high or moderate, or with a stated reason. Conditional: "we '
    'suggest", "units may consider". The title, summary and text must use the '
    "words that match."
)


class RecommendationQuerySet(models.QuerySet):
    def published(self) -> "RecommendationQuerySet":
        return self.filter(published_at__isnull=False)


class Recommendation(models.Model):
    """A practice NICUs should adopt, backed by published findings."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=150, unique=True)
    summary = models.CharField(
        _("one-line summary"),
        max_length=300,
        help_text=_("The recommendation in one sentence, for the notice board."),
    )
    body = models.TextField(
        _("what to do and why"),
        help_text=_("Markdown. Claims must match the supporting findings below."),
    )
    supporting_findings = models.ManyToManyField(
        Finding,
        related_name="recommendations",
        verbose_name=_("supporting findings"),
        help_text=_("Only rows that are currently published are shown to the public."),
    )
    # Conditional and very low are the defaults so that a recommendation never
    # claims more than it was graded for.
    strength = models.CharField(
        _("strength of the recommendation"),
        max_length=12,
        choices=Strength.choices,
        default=Strength.CONDITIONAL,
        help_text=STRENGTH_HELP,
    )
    certainty = models.CharField(
        _("certainty of the evidence"),
        max_length=10,
        choices=Certainty.choices,
        default=Certainty.VERY_LOW,
        help_text=_(
            "GRADE certainty of the evidence the recommendation rests on, as a "
            "whole: the lowest among the outcomes that matter most."
        ),
    )
    grading_note = models.TextField(
        _("why this strength and certainty"),
        blank=True,
        help_text=_(
            "Shown with the grading. Required for a strong recommendation on low "
            "or very low certainty evidence: say why it is strong all the same."
        ),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    published_at = models.DateTimeField(
        _("published"), null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("practice recommendation")
        verbose_name_plural = _("practice recommendations")
        constraints = [
            models.CheckConstraint(
                condition=Q(strength__in=Strength.values),
                name="recommendation_strength_valid",
            ),
            models.CheckConstraint(
                condition=Q(certainty__in=Certainty.values),
                name="recommendation_certainty_valid",
            ),
            models.CheckConstraint(
                condition=Q(strength=Strength.CONDITIONAL)
                | ~Q(certainty__in=LOW_CERTAINTIES)
                | ~Q(grading_note=""),
                name="recommendation_strong_on_low_certainty_explained",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:recommendation", args=[self.slug])

    @property
    def grading_label(self) -> str:
        return _("%(strength)s, %(certainty)s certainty of evidence") % {
            "strength": self.get_strength_display(),
            "certainty": str(self.get_certainty_display()).lower(),
        }

    def clean(self):
        super().clean()
        if (
            self.strength == Strength.STRONG
            and self.certainty in LOW_CERTAINTIES
            and not self.grading_note.strip()
        ):
            raise ValidationError(
                {
                    "grading_note": _(
                        "A strong recommendation on low or very low certainty "
                        "evidence needs a reason here. Otherwise make it "
                        "conditional."
                    )
                }
            )
