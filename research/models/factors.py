"""Factors that change the risk of NEC, and how the public pages find them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Direction

# Paths under /evidence/ that are not factor pages.
RESERVED_SLUGS = {"staff", "recommendations", "search"}


class FactorQuerySet(models.QuerySet):
    # SummaryVersion and PublishedFinding are defined in modules that import this
    # one, so reach them through the relations rather than importing them back.
    def _version_model(self) -> type[models.Model]:
        return self.model._meta.get_field("current_version").related_model

    def _published_finding_model(self) -> type[models.Model]:
        return self._version_model()._meta.get_field("findings").related_model

    def published(self) -> "FactorQuerySet":
        """Factors with a published summary, with that version joined in."""
        return self.filter(current_version__isnull=False).select_related(
            "current_version"
        )

    def with_published_findings(self) -> "FactorQuerySet":
        return self.prefetch_related(
            models.Prefetch(
                "current_version__findings",
                queryset=self._published_finding_model().objects.select_related(
                    "citation"
                ),
            )
        )

    def search(self, text: str) -> "FactorQuerySet":
        """Published factors matching the query, most relevant first (see
        research/search.py: stems, synonyms and typos, on both databases)."""
        from ..search import search_factors

        return search_factors(self, text)


class Factor(models.Model):
    """Something that changes (or is thought to change) the risk of NEC."""

    slug = models.SlugField(
        _("address"),
        max_length=80,
        unique=True,
        help_text=_("Part of the page's web address; do not change once shared."),
    )
    name = models.CharField(_("name"), max_length=120, unique=True)
    direction = models.CharField(
        _("direction"), max_length=20, choices=Direction.choices
    )
    position = models.PositiveIntegerField(_("position in lists"), default=0)
    # The organisation's advocacy, shown apart from the evidence and labelled as
    # ours, so a reader never takes one for the other.
    our_position = models.TextField(
        _("our position"),
        blank=True,
        help_text=_(
            "What the organisation advocates on this factor, in its own voice. "
            "Shown under “Our position”, apart from the evidence. No "
            "figures: those belong in the findings. Markdown."
        ),
    )
    sources_disagree = models.TextField(
        _("where sources disagree: what it means"),
        blank=True,
        help_text=_(
            "When reviews and professional bodies disagree, what that means for a "
            "family and for a unit. Shown beside both views. Markdown."
        ),
    )
    current_version = models.OneToOneField(
        "SummaryVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="current_for",
        verbose_name=_("published version"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = FactorQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("factor")
        verbose_name_plural = _("factors")
        constraints = [
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values),
                name="factor_direction_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("research:factor", args=[self.slug])

    def get_family_url(self) -> str:
        return reverse("research:factor_family", args=[self.slug])

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is used by another page; choose another.")}
            )
