"""Summary-of-findings rows: the editors' draft rows and the rows as published."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.numbers import decimal_text

from .choices import (
    CERTAINTY_ORDER,
    DIFFERENCE_MEASURES,
    RATIO_MEASURES,
    Certainty,
    EffectMeasure,
    Kind,
    Outcome,
)
from .citations import Citation
from .summaries import EvidenceSummary, SummaryVersion


def format_number(value) -> str:
    """0.540 → "0.54", 7.000 → "7"; Decimal in, plain text out, with the
    active language's decimal separator ("0,54" in Spanish)."""
    if value is None:
        return ""
    text = format(value.normalize() if hasattr(value, "normalize") else value, "f")
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return decimal_text(text)


def _certainty_range_q() -> Q:
    order = [str(level) for level in CERTAINTY_ORDER]
    pairs = Q(pk__in=[])
    for i, high in enumerate(order):
        pairs |= Q(certainty=high, certainty_lower__in=order[i + 1 :])
    return pairs


def _sourced_q() -> Q:
    # A citation with a DOI or PMID, or a statement linked to the page it quotes.
    return Q(citation__isnull=False) | (Q(kind=Kind.STATEMENT) & ~Q(source_url=""))


class FindingFields(models.Model):
    """The columns of a summary-of-findings row, shared by draft and published."""

    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.FINDING,
        help_text=_(
            "A statement is shown as a quotation of its source, never as a number."
        ),
    )
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
    certainty_lower = models.CharField(
        _("GRADE certainty, lower end"),
        max_length=10,
        choices=Certainty.choices,
        blank=True,
        help_text=_(
            "Only for a range such as “low to very low”: the GRADE certainty above "
            "is the higher end, this is the lower end."
        ),
    )
    certainty_note = models.CharField(
        _("certainty, described"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “observational; not GRADE-rated”, reasons for downgrading."),
    )
    quote = models.TextField(
        _("quotation"),
        blank=True,
        help_text=_("The exact sentence read in the source; a statement shows it."),
    )
    attribution = models.CharField(
        _("said by"),
        max_length=200,
        blank=True,
        help_text=_("Who a statement is from, e.g. “American Academy of Pediatrics”."),
    )
    source_url = models.URLField(
        _("where it was read"),
        max_length=500,
        blank=True,
        help_text=_("The page the figure or quotation was checked against."),
    )
    checked = models.DateField(_("checked on"), null=True, blank=True)
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
        if self.effect_measure == EffectMeasure.RATE:
            # "13.1 per 100,000 live births", the unit after the figure.
            text = f"{format_number(self.estimate)} {self.measure_detail}".strip()
            if self.ci_low is not None and self.ci_high is not None:
                text += " " + str(
                    _("(95%% CI %(low)s to %(high)s)")
                    % {
                        "low": format_number(self.ci_low),
                        "high": format_number(self.ci_high),
                    }
                )
            return text
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
    def is_statement(self) -> bool:
        return self.kind == Kind.STATEMENT

    @property
    def certainty_levels(self) -> list[str]:
        """Every GRADE level the rating covers, highest first ([] if not rated)."""
        if not self.certainty:
            return []
        if not self.certainty_lower:
            return [self.certainty]
        order = [str(level) for level in CERTAINTY_ORDER]
        high, low = order.index(self.certainty), order.index(self.certainty_lower)
        return order[high : low + 1]

    @property
    def certainty_label(self) -> str:
        if self.certainty and self.certainty_lower:
            return str(
                _("%(high)s to %(low)s")
                % {
                    "high": self.get_certainty_display(),
                    "low": str(self.get_certainty_lower_display()).lower(),
                }
            )
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
            # A range runs from a higher level down to a strictly lower one.
            models.CheckConstraint(
                condition=Q(certainty_lower="") | _certainty_range_q(),
                name=f"{prefix}_certainty_range_valid",
            ),
            # A statement is words, never a number.
            models.CheckConstraint(
                condition=~Q(kind=Kind.STATEMENT)
                | (
                    Q(estimate__isnull=True)
                    & Q(ci_low__isnull=True)
                    & Q(ci_high__isnull=True)
                    & ~Q(quote="")
                ),
                name=f"{prefix}_statement_is_quoted",
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
            # Nothing published is unsourced: a row without a citation (or, for a
            # statement, the address it quotes) must be flagged for verification
            # (and is then never published).
            models.CheckConstraint(
                condition=Q(needs_verification=True) | _sourced_q(),
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
        """Checked by an editor and linked to a confirmed source: a citation with
        its own DOI or PMID, or, for a statement, the page it quotes."""
        if self.needs_verification:
            return False
        if self.citation_id is not None:
            return self.citation.has_identifier
        return self.is_statement and bool(self.source_url)


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
        null=True,
        blank=True,
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
        constraints = [
            *FindingFields.shared_constraints("published_finding"),
            models.CheckConstraint(
                condition=_sourced_q(), name="published_finding_sourced"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.comparison[:60]}"
