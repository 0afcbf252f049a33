"""Evidence summaries cited on a priority (answered, or still uncertain)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .priority import PUBLIC_STATUSES, Priority

# --- Evidence links -------------------------------------------------------------------


class EvidenceRelation(models.TextChoices):
    ANSWERS = "answers", _("Already answered by this evidence")
    UNCERTAIN = "uncertain", _("Still uncertain: this evidence does not settle it")


class EvidenceLinkQuerySet(models.QuerySet):
    def published(self) -> "EvidenceLinkQuerySet":
        """Links to factors with a published summary (Factor.objects.published()).

        Staff may link a factor while its summary is still a draft; the link
        shows on the site only once the summary is published.
        """
        return self.filter(factor__current_version__isnull=False).select_related(
            "factor", "factor__current_version"
        )

    def to_public_priorities(self) -> "EvidenceLinkQuerySet":
        return self.filter(
            priority__status__in=PUBLIC_STATUSES, priority__is_hidden=False
        )


class EvidenceLink(models.Model):
    """A priority cites an evidence summary: answered already, or still uncertain."""

    priority = models.ForeignKey(
        Priority,
        on_delete=models.CASCADE,
        related_name="evidence_links",
        verbose_name=_("research priority"),
    )
    factor = models.ForeignKey(
        "research.Factor",
        on_delete=models.CASCADE,
        related_name="priority_links",
        verbose_name=_("evidence summary"),
    )
    relation = models.CharField(
        _("what the evidence says"), max_length=20, choices=EvidenceRelation.choices
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Optional, one or two sentences shown with the link."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("linked by"),
    )
    created_at = models.DateTimeField(_("linked"), default=timezone.now, editable=False)

    objects = EvidenceLinkQuerySet.as_manager()

    class Meta:
        ordering = ["relation", "factor__position", "factor__name"]
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "factor"],
                name="evidence_link_once_per_factor",
                violation_error_message=_(
                    "This priority already cites this evidence summary."
                ),
            ),
            models.CheckConstraint(
                condition=Q(relation__in=EvidenceRelation.values),
                name="evidence_link_relation_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.priority_id} → {self.factor_id} ({self.relation})"
