"""Practice recommendations for NICUs, backed by findings."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .findings import Finding


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

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:recommendation", args=[self.slug])
