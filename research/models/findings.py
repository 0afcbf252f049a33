"""Summary-of-findings rows: the editors' draft rows and the rows as published."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import (
    DIFFERENCE_MEASURES,
    RATIO_MEASURES,
    Certainty,
    EffectMeasure,
    Outcome,
)
from .citations import Citation
from .summaries import EvidenceSummary, SummaryVersion


def format_number(value) -> str:
    """0.540 → "0.54", 7.000 → "7"; Decimal in, plain text out."""
    if value is None:
        return ""
    text = format(value.normalize() if hasattr(value, "normalize") else value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class FindingFields(models.Model):
    """The columns of a summary-of-findings row, shared by draft and published."""

    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.NEC
    )
    outcome_detail = models.CharField(
        _("outcome as reported"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “NEC (Bell stage 2-3): 70/1394 vs 78/1399”."),
    )
    comparison = models.CharField(_("comparison"), max_length=300)
    effect_measure = models.CharField(
        _("effect measure"), max_length=10, choices=EffectMeasure.choices
    )
    measure_detail = models.CharField(
        _("measure detail"),
        max_length=100,
        blank=True,
        help_text=_("e.g. “adjusted”, “pooled, unadjusted”."),
    )
    estimate = models.DecimalField(
        _("estimate"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    ci_low = models.DecimalField(
        _("95% CI lower"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    ci_high = models.DecimalField(
        _("95% CI upper"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    result_text = models.CharField(
        _("result in words"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the source says when it gives no usable figure, quoted or close "
            "to it, e.g. “probably does not affect NEC or death”."
        ),
    )
    studies = models.PositiveIntegerField(_("studies"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    certainty = models.CharField(
        _("GRADE certainty"),
        max_length=10,
        choices=Certainty.choices,
        blank=True,
        help_text=_(
            "Leave empty when the source gives no GRADE rating; say why below."
        ),
    )
    certainty_note = models.CharField(
        _("certainty, described"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “observational; not GRADE-rated”, reasons for downgrading."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    @property
    def is_ratio(self) -> bool:
        return self.effect_measure in RATIO_MEASURES

    @property
    def is_difference(self) -> bool:
        return self.effect_measure in DIFFERENCE_MEASURES

    @property
    def outcome_detail_if_new(self) -> str:
        """The outcome as reported, unless it only repeats the category."""
        same = self.outcome_detail.strip().lower() == self.get_outcome_display().lower()
        return "" if same else self.outcome_detail

    @property
    def measure_label(self) -> str:
        label = self.effect_measure if self.is_ratio or self.is_difference else ""
        if self.measure_detail and label:
            return f"{label} ({self.measure_detail})"
        return label or self.measure_detail

    @property
    def result_display(self) -> str:
        """The estimate with its 95% CI in words-and-numbers, or the result text."""
        if self.estimate is None:
            return self.result_text or str(_("No figure reported"))
        unit = "%" if self.effect_measure == EffectMeasure.PERCENT else ""
        text = f"{format_number(self.estimate)}{unit}"
        if self.measure_label:
            text = f"{self.measure_label} {text}"
        if self.ci_low is not None and self.ci_high is not None:
            text += " " + str(
                _("(95%% CI %(low)s to %(high)s)")
                % {
                    "low": f"{format_number(self.ci_low)}{unit}",
                    "high": f"{format_number(self.ci_high)}{unit}",
                }
            )
        if self.result_text:
            text += f". {self.result_text}"
        return text

    @property
    def certainty_label(self) -> str:
        if self.certainty:
            return str(self.get_certainty_display())
        return str(_("Not GRADE-rated"))

    @staticmethod
    def shared_constraints(prefix: str) -> list:
        return [
            models.CheckConstraint(
                condition=Q(ci_low__isnull=True)
                | Q(estimate__isnull=True)
                | Q(ci_low__lte=F("estimate")),
                name=f"{prefix}_ci_low_le_estimate",
            ),
            models.CheckConstraint(
                condition=Q(ci_high__isnull=True)
                | Q(estimate__isnull=True)
                | Q(ci_high__gte=F("estimate")),
                name=f"{prefix}_ci_high_ge_estimate",
            ),
            models.CheckConstraint(
                condition=~Q(effect_measure__in=sorted(m.value for m in RATIO_MEASURES))
                | (
                    (Q(estimate__isnull=True) | Q(estimate__gt=0))
                    & (Q(ci_low__isnull=True) | Q(ci_low__gt=0))
                ),
                name=f"{prefix}_ratio_positive",
            ),
            models.CheckConstraint(
                condition=Q(certainty="") | Q(certainty__in=Certainty.values),
                name=f"{prefix}_certainty_valid",
            ),
        ]


class Finding(FindingFields):
    """A draft row of a summary of findings, edited by staff."""

    summary = models.ForeignKey(
        EvidenceSummary,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("summary"),
    )
    citation = models.ForeignKey(
        Citation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("source"),
    )
    source_text = models.TextField(
        _("source as received"),
        blank=True,
        help_text=_("The reference as it reached us; for the editor who checks it."),
    )
    needs_verification = models.BooleanField(
        _("needs verification"),
        default=False,
        help_text=_(
            "Figures seen only in a secondary summary, or a source without a DOI or "
            "PMID. Never published until an editor checks the primary source."
        ),
    )
    verification_note = models.CharField(
        _("what to verify"), max_length=300, blank=True
    )

    class Meta(FindingFields.Meta):
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            *FindingFields.shared_constraints("finding"),
            # Nothing published is unsourced: a row without a citation must be
            # flagged for verification (and is then never published).
            models.CheckConstraint(
                condition=Q(needs_verification=True) | Q(citation__isnull=False),
                name="finding_sourced_or_flagged",
                violation_error_message=_(
                    "A finding needs a source citation, or must be marked "
                    "“needs verification”."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.comparison[:60]}"

    @property
    def is_publishable(self) -> bool:
        return not self.needs_verification and self.citation_id is not None


class PublishedFindingQuerySet(models.QuerySet):
    def current(self) -> "PublishedFindingQuerySet":
        """Rows of the versions the public sees now."""
        return self.filter(version__current_for__isnull=False).select_related(
            "citation", "version__current_for"
        )


class PublishedFinding(FindingFields):
    """A finding row as published in one version (immutable)."""

    version = models.ForeignKey(
        SummaryVersion,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("version"),
    )
    citation = models.ForeignKey(
        Citation,
        on_delete=models.PROTECT,
        related_name="published_findings",
        verbose_name=_("source"),
    )
    source_finding = models.ForeignKey(
        Finding,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="published_copies",
        verbose_name=_("draft row"),
    )

    objects = PublishedFindingQuerySet.as_manager()

    class Meta(FindingFields.Meta):
        verbose_name = _("published finding")
        verbose_name_plural = _("published findings")
        constraints = FindingFields.shared_constraints("published_finding")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.comparison[:60]}"
