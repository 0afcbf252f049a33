"""A factor's summary: the editors' working copy, the versions published from it, and
the weekly stale-review e-mail log."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Direction, SummaryState
from .factors import Factor

PLAIN_LANGUAGE_HELP = _(
    "For families. Aim for a reading age of 11 to 12 (US grade 6 to 7): sentences "
    "under 20 words, everyday words, no abbreviations or statistics jargon. Say how "
    "sure the research is in words (“probably”, “may”). Blank lines separate "
    "paragraphs."
)


class EvidenceSummaryQuerySet(models.QuerySet):
    def stale(self, today=None) -> "EvidenceSummaryQuerySet":
        """Published summaries whose next review date has passed."""
        today = today or timezone.localdate()
        return self.filter(
            factor__current_version__isnull=False, next_review_due__lt=today
        ).select_related("factor", "author", "reviewer")

    def due_soon(self, days: int = 30, today=None) -> "EvidenceSummaryQuerySet":
        today = today or timezone.localdate()
        return self.filter(
            factor__current_version__isnull=False,
            next_review_due__gte=today,
            next_review_due__lte=today + timezone.timedelta(days=days),
        ).select_related("factor")


class EvidenceSummary(models.Model):
    """The editors' working copy of a factor's summary (one per factor)."""

    factor = models.OneToOneField(
        Factor,
        on_delete=models.CASCADE,
        related_name="summary",
        verbose_name=_("factor"),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=SummaryState.choices,
        default=SummaryState.DRAFT,
        editable=False,
    )
    clinician_summary = models.TextField(
        _("clinician summary"),
        blank=True,
        help_text=_(
            "For neonatologists, nurses and dietitians: the question, the key "
            "estimates in words, the certainty and its reasons. Markdown."
        ),
    )
    plain_summary = models.TextField(
        _("plain-language summary"), blank=True, help_text=PLAIN_LANGUAGE_HELP
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("author"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    change_note = models.CharField(
        _("what changed"),
        max_length=300,
        blank=True,
        help_text=_("One line for the version history, e.g. “Added the 2023 update.”"),
    )
    review_note = models.TextField(_("reviewer's note"), blank=True, editable=False)
    submitted_at = models.DateTimeField(
        _("sent for review"), null=True, blank=True, editable=False
    )
    last_reviewed = models.DateField(
        _("last reviewed"), null=True, blank=True, editable=False
    )
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EvidenceSummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence summary")
        verbose_name_plural = _("evidence summaries")
        permissions = [
            (
                "review_evidencesummary",
                _("Can review and publish evidence summaries written by others"),
            )
        ]
        constraints = [
            # The named reviewer is never the author (also checked in services).
            models.CheckConstraint(
                condition=Q(reviewer__isnull=True)
                | Q(author__isnull=True)
                | ~Q(reviewer=F("author")),
                name="summary_reviewer_is_not_author",
                violation_error_message=_("The reviewer cannot be the author."),
            ),
            models.CheckConstraint(
                condition=~Q(state=SummaryState.IN_REVIEW)
                | Q(reviewer__isnull=False, author__isnull=False),
                name="summary_in_review_has_author_and_reviewer",
            ),
            models.CheckConstraint(
                condition=Q(state__in=SummaryState.values),
                name="summary_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return str(self.factor)

    @property
    def is_stale(self) -> bool:
        return bool(
            self.next_review_due and self.next_review_due < timezone.localdate()
        )


class SummaryVersion(models.Model):
    """An immutable snapshot of a summary as published; never edited afterwards."""

    summary = models.ForeignKey(
        EvidenceSummary,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("summary"),
    )
    number = models.PositiveIntegerField(_("version"))
    factor_name = models.CharField(_("factor"), max_length=120)
    direction = models.CharField(
        _("direction"), max_length=20, choices=Direction.choices
    )
    clinician_summary = models.TextField(_("clinician summary"))
    plain_summary = models.TextField(_("plain-language summary"))
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    author_name = models.CharField(_("author's name"), max_length=80, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewer_name = models.CharField(_("reviewer's name"), max_length=80, blank=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    last_reviewed = models.DateField(_("reviewed on"))
    next_review_due = models.DateField(_("next review due"))
    snapshot = models.JSONField(
        _("snapshot"),
        default=dict,
        help_text=_("Texts, findings and citations exactly as published."),
    )

    class Meta:
        ordering = ["summary", "-number"]
        get_latest_by = "number"
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(
                "summary", "number", name="summary_version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(author__isnull=True)
                | Q(reviewer__isnull=True)
                | ~Q(author=F("reviewer")),
                name="version_reviewer_is_not_author",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.factor_name} v{self.number}"

    def save(self, *args, **kwargs):
        # A published version is a record of what the public saw: refuse edits,
        # except clearing people's names when they erase their account.
        if self.pk and not kwargs.get("update_fields"):
            raise ValueError("Published versions are immutable.")
        super().save(*args, **kwargs)

    @staticmethod
    def search_vector():
        from django.contrib.postgres.search import SearchVector

        # Must match the expression of the GIN index created in migration 0002.
        return SearchVector(
            "factor_name", "clinician_summary", "plain_summary", config="english"
        )


class StaleReviewDigest(models.Model):
    """One row per ISO week in which the stale-review e-mail was sent (idempotence)."""

    week = models.CharField(_("ISO week"), max_length=8, unique=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    summary_count = models.PositiveIntegerField(_("stale summaries"), default=0)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["-week"]
        verbose_name = _("stale-review e-mail")
        verbose_name_plural = _("stale-review e-mails")

    def __str__(self) -> str:
        return self.week
