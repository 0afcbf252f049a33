"""CHNRI expert scoring: criteria, their sub-questions, scorers and answers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .questions import Question
from .round import Round

DEFAULT_CRITERIA = [
    (
        _("Answerability"),
        [_("Could a study answering this question be designed and carried out?")],
    ),
    (
        _("Effectiveness"),
        [_("Would the answer lead to an effective way to prevent or treat NEC?")],
    ),
    (
        _("Deliverability"),
        [_("Could that answer be put into practice in neonatal units?")],
    ),
    (
        _("Potential to reduce disease burden"),
        [_("Would it reduce illness and deaths from NEC substantially?")],
    ),
    (
        _("Equity"),
        [_("Would it benefit the babies most at risk, wherever they are born?")],
    ),
]


class Criterion(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    # Set by a stakeholder panel; all equal means the plain mean.
    weight = models.FloatField(_("weight"), default=1.0)

    class Meta:
        ordering = ["round", "position", "pk"]
        verbose_name = _("CHNRI criterion")
        verbose_name_plural = _("CHNRI criteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=0), name="criterion_weight_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SubQuestion(models.Model):
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="sub_questions"
    )
    text = models.CharField(_("sub-question"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["criterion", "position", "pk"]
        verbose_name = _("CHNRI sub-question")
        verbose_name_plural = _("CHNRI sub-questions")

    def __str__(self) -> str:
        return self.text


class ScorerAssignment(models.Model):
    """An invited expert is to score one carried-forward question."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="assignments"
    )
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "question", "pk"]
        verbose_name = _("scorer assignment")
        verbose_name_plural = _("scorer assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["scorer", "question"], name="assignment_once"
            )
        ]

    def __str__(self) -> str:
        return f"Assignment {self.pk}"


class Answer(models.TextChoices):
    YES = "yes", _("Yes (1)")
    UNDECIDED = "undecided", _("Undecided (0.5)")
    NO = "no", _("No (0)")
    UNINFORMED = "uninformed", _("Not sufficiently informed")


class Score(models.Model):
    assignment = models.ForeignKey(
        ScorerAssignment, on_delete=models.CASCADE, related_name="scores"
    )
    sub_question = models.ForeignKey(
        SubQuestion, on_delete=models.CASCADE, related_name="scores"
    )
    answer = models.CharField(max_length=12, choices=Answer.choices)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["assignment", "sub_question"]
        verbose_name = _("expert score")
        verbose_name_plural = _("expert scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "sub_question"], name="score_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sub_question_id}: {self.answer}"
