"""Interim ranking: ballots, pairwise votes, exclusions and stored results."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import StakeholderGroup

from .questions import Question
from .round import Round


class BallotQuerySet(models.QuerySet):
    def counted(self) -> "BallotQuerySet":
        """Ballots not excluded by staff."""
        return self.exclude(
            member__in=Exclusion.objects.filter(round=models.OuterRef("round")).values(
                "member"
            )
        )


class Ballot(models.Model):
    """One member's ordered choices in one round; edited until ranking closes."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ballots")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The group it counts in, fixed when it was cast (settings may map a
    # clinician without a verified profile to "other").
    group = models.CharField(max_length=20, choices=StakeholderGroup.choices)
    country = models.CharField(max_length=2, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = BallotQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member"], name="ballot_one_per_member_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"Ballot {self.pk} ({self.round})"


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["ballot", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "rank"], name="ballotchoice_rank_once"
            ),
            models.UniqueConstraint(
                fields=["ballot", "question"], name="ballotchoice_question_once"
            ),
            models.CheckConstraint(
                condition=models.Q(rank__gte=1, rank__lte=10),
                name="ballotchoice_rank_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.question}"


class PairChoice(models.TextChoices):
    FIRST = "first", _("The first question")
    SECOND = "second", _("The second question")
    SKIP = "skip", _("Skip")


class PairwiseVote(models.Model):
    """One answer to "which of these two matters more?"."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="pairwise_votes"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    group = models.CharField(max_length=20, choices=StakeholderGroup.choices)
    country = models.CharField(max_length=2, blank=True)
    first = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(max_length=10, choices=PairChoice.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("pairwise vote")
        verbose_name_plural = _("pairwise votes")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member", "first", "second"],
                name="pairwise_pair_once_per_member",
            ),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")),
                name="pairwise_pair_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} v {self.second_id}: {self.choice}"


class Exclusion(models.Model):
    """Staff left a member's ballot and votes out of a round's count, and why."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="exclusions"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("exclusion")
        verbose_name_plural = _("exclusions")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "member"], name="exclusion_once_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"Exclusion {self.pk} ({self.round})"


class Result(models.Model):
    """A question's stored interim result: per group, and combined (group "")."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=20, blank=True)
    # JLA points, or the pairwise chance of winning (0-1); for the combined row
    # the sum of the group positions.
    score = models.FloatField()
    position = models.FloatField()
    rank = models.PositiveIntegerField()
    carried_forward = models.BooleanField(default=False)

    class Meta:
        ordering = ["round", "group", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "question", "group"], name="result_once_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group or 'combined'} #{self.rank}: {self.question_id}"


class WorkshopResult(models.Model):
    """The final workshop's agreed place of a question (1-10 is the Top 10)."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="workshop_results"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(_("agreed position"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["round", "position"]
        verbose_name = _("workshop result")
        verbose_name_plural = _("workshop results")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "question"], name="workshop_question_once"
            ),
            models.UniqueConstraint(
                fields=["round", "position"], name="workshop_position_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.question}"
