"""Evidence summaries: factors that change the risk of NEC, findings, sources.

Editors work on a *working copy* (EvidenceSummary and its Finding rows). Publishing
copies it into an immutable SummaryVersion with PublishedFinding rows; every public
page and the public API read only those copies, so a draft can never leak.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import identifiers
from portal.identifiers import validate_doi, validate_pmid

PLAIN_LANGUAGE_HELP = _(
    "For families. Aim for a reading age of 11 to 12 (US grade 6 to 7): sentences "
    "under 20 words, everyday words, no abbreviations or statistics jargon. Say how "
    "sure the research is in words (“probably”, “may”). Blank lines separate "
    "paragraphs."
)


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


class EffectMeasure(models.TextChoices):
    RR = "RR", _("Risk ratio (RR)")
    OR = "OR", _("Odds ratio (OR)")
    HR = "HR", _("Hazard ratio (HR)")
    RD = "RD", _("Risk difference (RD)")
    MD = "MD", _("Mean difference (MD)")
    PERCENT = "percent", _("Percentage (incidence or mortality)")
    NONE = "none", _("No figure reported (result in words)")


def format_number(value) -> str:
    """0.540 → "0.54", 7.000 → "7"; Decimal in, plain text out."""
    if value is None:
        return ""
    text = format(value.normalize() if hasattr(value, "normalize") else value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


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


class Citation(models.Model):
    """A published source. At least one of DOI or PMID is required."""

    authors = models.CharField(
        _("authors"),
        max_length=300,
        blank=True,
        help_text=_(
            "As in the source, e.g. “Sharif S, Meader N, et al.”. Leave "
            "empty if the author list has not been checked."
        ),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=400, blank=True)
    journal = models.CharField(
        _("journal and issue"),
        max_length=200,
        help_text=_("e.g. “Cochrane Database Syst Rev 2020;10:CD005496”."),
    )
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[validate_doi],
        help_text=_("e.g. 10.1002/14651858.CD005496.pub5 (a doi.org link is fine)."),
    )
    pmid = models.CharField(
        _("PMID"),
        max_length=12,
        blank=True,
        validators=[validate_pmid],
        help_text=_("PubMed id, digits only, e.g. 33058137."),
    )
    note = models.CharField(
        _("note on the source"),
        max_length=300,
        blank=True,
        help_text=_("Shown with the citation, e.g. which table the figures come from."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(doi="") | ~Q(pmid=""),
                name="citation_has_doi_or_pmid",
                violation_error_message=_("Give a DOI or a PMID (or both)."),
            ),
            models.UniqueConstraint(
                Lower("doi"),
                condition=~Q(doi=""),
                name="citation_doi_unique_ci",
                violation_error_message=_("A citation with this DOI already exists."),
            ),
            models.UniqueConstraint(
                "pmid",
                condition=~Q(pmid=""),
                name="citation_pmid_unique",
                violation_error_message=_("A citation with this PMID already exists."),
            ),
        ]

    def __str__(self) -> str:
        lead = self.authors or self.title
        return f"{lead} ({self.year})" if self.year else lead

    @property
    def doi_url(self) -> str:
        return identifiers.doi_url(self.doi)

    @property
    def pubmed_url(self) -> str:
        return identifiers.pubmed_url(self.pmid)

    def as_snapshot(self) -> dict:
        return {
            "id": self.pk,
            "authors": self.authors,
            "year": self.year,
            "title": self.title,
            "journal": self.journal,
            "doi": self.doi,
            "pmid": self.pmid,
            "note": self.note,
        }


# Paths under /evidence/ that are not factor pages.
RESERVED_SLUGS = {"staff", "recommendations", "search"}


class FactorQuerySet(models.QuerySet):
    def published(self) -> "FactorQuerySet":
        """Factors with a published summary, with that version joined in."""
        return self.filter(current_version__isnull=False).select_related(
            "current_version"
        )

    def with_published_findings(self) -> "FactorQuerySet":
        return self.prefetch_related(
            models.Prefetch(
                "current_version__findings",
                queryset=PublishedFinding.objects.select_related("citation"),
            )
        )

    def search(self, text: str) -> "FactorQuerySet":
        """Full-text search over published summaries and their citations."""
        text = (text or "").strip()[:200]
        if not text:
            return self
        if settings.USING_POSTGRES:
            from django.contrib.postgres.search import SearchQuery

            query = SearchQuery(text, config="english", search_type="websearch")
            versions = SummaryVersion.objects.annotate(
                document=SummaryVersion.search_vector()
            ).filter(document=query)
            citations = Citation.objects.annotate(
                document=citation_search_vector()
            ).filter(document=query)
        else:
            # SQLite has no full-text search here: every word must appear somewhere.
            version_q, citation_q = Q(), Q()
            for word in text.split()[:8]:
                version_q &= (
                    Q(factor_name__icontains=word)
                    | Q(clinician_summary__icontains=word)
                    | Q(plain_summary__icontains=word)
                )
                citation_q &= (
                    Q(title__icontains=word)
                    | Q(authors__icontains=word)
                    | Q(journal__icontains=word)
                )
            versions = SummaryVersion.objects.filter(version_q)
            citations = Citation.objects.filter(citation_q)
        cited = PublishedFinding.objects.filter(citation__in=citations).values(
            "version_id"
        )
        return self.filter(
            Q(current_version__in=versions.values("pk")) | Q(current_version__in=cited)
        )


def citation_search_vector():
    from django.contrib.postgres.search import SearchVector

    # Must match the expression of the GIN index created in migration 0002.
    return SearchVector("title", "authors", "journal", config="english")


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


class SummaryState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


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
