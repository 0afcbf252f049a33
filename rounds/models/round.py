"""A round, its phases and the log of every phase change."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import StakeholderGroup


class Phase(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    GATHERING = "gathering", _("Gathering questions")
    VERIFYING = "verifying", _("Checking the questions")
    RANKING = "ranking", _("Interim ranking")
    SCORING = "scoring", _("Expert scoring")
    WORKSHOP = "workshop", _("Final workshop")
    PUBLISHED = "published", _("Published")


# The order phases follow; expert scoring is skipped when a round does not use it.
PHASE_ORDER = [choice.value for choice in Phase]


class RankingMode(models.TextChoices):
    BALLOT = "ballot", _("Pick and order up to ten (JLA points)")
    PAIRWISE = "pairwise", _("Pick one of two (pairwise comparison)")


def default_groups() -> list[str]:
    return [
        StakeholderGroup.FAMILY,
        StakeholderGroup.CLINICIAN,
        StakeholderGroup.RESEARCHER,
    ]


class RoundQuerySet(models.QuerySet):
    def public(self) -> "RoundQuerySet":
        return self.exclude(phase=Phase.DRAFT)

    def due(self, now) -> "RoundQuerySet":
        """Rounds whose next phase has a start date that has passed."""
        condition = models.Q()
        for phase in PHASE_ORDER[1:]:
            condition |= models.Q(**{f"{phase}_opens_at__lte": now})
        return self.exclude(phase=Phase.PUBLISHED).filter(condition)


class Round(models.Model):
    """One priority-setting exercise, run by staff, taken part in by members."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    scope = models.TextField(
        _("scope"), help_text=_("What questions belong in this round, in plain words.")
    )
    summary = models.TextField(
        _("plain-language summary"),
        blank=True,
        help_text=_("Shown on the published page."),
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.DRAFT
    )
    ranking_mode = models.CharField(
        _("ranking mode"),
        max_length=20,
        choices=RankingMode.choices,
        default=RankingMode.BALLOT,
    )
    uses_expert_scoring = models.BooleanField(_("CHNRI expert scoring"), default=False)
    groups = models.JSONField(
        _("stakeholder groups taking part"),
        default=default_groups,
        help_text=_("Each group weighs the same in the combined ranking."),
    )
    count_unverified_clinicians = models.BooleanField(
        _("unverified clinicians count as clinicians"),
        default=False,
        help_text=_(
            "Otherwise a clinician without a verified partner profile counts in "
            "the group 'Other'."
        ),
    )
    min_choices = models.PositiveSmallIntegerField(_("fewest choices"), default=1)
    max_choices = models.PositiveSmallIntegerField(_("most choices"), default=10)
    hide_running_results = models.BooleanField(
        _("hide running results during ranking"), default=True
    )
    carry_forward = models.PositiveSmallIntegerField(
        _("questions going forward"), default=25
    )
    gathering_opens_at = models.DateTimeField(
        _("gathering opens"), null=True, blank=True
    )
    verifying_opens_at = models.DateTimeField(
        _("verifying opens"), null=True, blank=True
    )
    ranking_opens_at = models.DateTimeField(_("ranking opens"), null=True, blank=True)
    scoring_opens_at = models.DateTimeField(
        _("expert scoring opens"), null=True, blank=True
    )
    workshop_opens_at = models.DateTimeField(_("workshop opens"), null=True, blank=True)
    published_opens_at = models.DateTimeField(
        _("publication date"), null=True, blank=True
    )
    workshop_notes = models.TextField(_("workshop notes"), blank=True)
    results_computed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_choices__gte=1)
                & models.Q(max_choices__gte=models.F("min_choices"))
                & models.Q(max_choices__lte=10),
                name="round_choice_limits_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(phase__in=PHASE_ORDER), name="round_phase_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("rounds:detail", args=[self.slug])

    def clean(self):
        unknown = set(self.groups or []) - set(StakeholderGroup.values)
        if not self.groups or unknown:
            raise ValidationError(
                {"groups": _("Choose one or more of the stakeholder groups.")}
            )
        if not 1 <= self.min_choices <= self.max_choices <= 10:
            raise ValidationError(
                {"max_choices": _("Choices must run from 1 to at most 10.")}
            )

    def opens_at(self, phase: str):
        return getattr(self, f"{phase}_opens_at", None)

    def phase_sequence(self) -> list[str]:
        return [
            p for p in PHASE_ORDER if p != Phase.SCORING or self.uses_expert_scoring
        ]

    def next_phase(self) -> str | None:
        sequence = self.phase_sequence()
        index = sequence.index(self.phase) if self.phase in sequence else -1
        return sequence[index + 1] if index + 1 < len(sequence) else None

    @property
    def is_ranking(self) -> bool:
        return self.phase == Phase.RANKING

    @property
    def is_published(self) -> bool:
        return self.phase == Phase.PUBLISHED

    def group_labels(self) -> list[tuple[str, str]]:
        labels = dict(StakeholderGroup.choices)
        return [(g, str(labels.get(g, g))) for g in self.groups]


class PhaseChange(models.Model):
    """One step of a round from a phase to the next: who, when, why."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="changes")
    from_phase = models.CharField(max_length=20, choices=Phase.choices)
    to_phase = models.CharField(max_length=20, choices=Phase.choices)
    # Null when the schedule moved the round on its date.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")

    def __str__(self) -> str:
        return f"{self.round}: {self.from_phase} → {self.to_phase}"
