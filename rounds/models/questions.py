"""The long list (suggestions) and the indicative questions made from it."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import StakeholderGroup

from .round import Round

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PMID = re.compile(r"^\d{1,9}$")


def is_doi_or_pmid(text: str) -> bool:
    text = text.strip()
    return bool(DOI.match(text) or PMID.match(text))


class SuggestionSource(models.TextChoices):
    MEMBER = "member", _("Submitted on the portal")
    SURVEY = "survey", _("Imported from a survey")


class Suggestion(models.Model):
    """One question as someone asked it, before staff verify it."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="suggestions"
    )
    # Portal submissions are priorities too; survey answers are only text.
    priority = models.ForeignKey(
        "priorities.Priority",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("suggestion"))
    source = models.CharField(
        max_length=10, choices=SuggestionSource.choices, default=SuggestionSource.MEMBER
    )
    group = models.CharField(
        _("stakeholder group"),
        max_length=20,
        choices=StakeholderGroup.choices,
        default=StakeholderGroup.OTHER,
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    question = models.ForeignKey(
        "Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sources",
        verbose_name=_("indicative question"),
    )
    import_line = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "priority"],
                condition=models.Q(priority__isnull=False),
                name="suggestion_priority_once_per_round",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    # The similarity engine reads these two names from what it compares.
    @property
    def title(self) -> str:
        return self.text[:200]

    @property
    def description(self) -> str:
        return self.text[200:]


class QuestionStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Being checked")
    SHORTLISTED = "shortlisted", _("On the shortlist")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")
    ANSWERED = "answered", _("Already answered by evidence")


class QuestionQuerySet(models.QuerySet):
    def shortlist(self) -> "QuestionQuerySet":
        return self.filter(status=QuestionStatus.SHORTLISTED)


class Question(models.Model):
    """An indicative question: staff's answerable wording of one or more
    suggestions, with whether it is a true uncertainty."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=QuestionStatus.choices,
        default=QuestionStatus.CANDIDATE,
    )
    out_of_scope_reason = models.TextField(_("why out of scope"), blank=True)
    # None: not yet checked. False: an up-to-date systematic review answers it.
    true_uncertainty = models.BooleanField(_("true uncertainty"), null=True)
    evidence_factor = models.ForeignKey(
        "research.Factor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evidence summary"),
    )
    evidence_reference = models.CharField(
        _("review (DOI or PMID)"), max_length=200, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicative question")
        verbose_name_plural = _("indicative questions")

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self):
        ref = self.evidence_reference.strip()
        if ref and not (DOI.match(ref) or PMID.match(ref)):
            raise ValidationError(
                {
                    "evidence_reference": _(
                        "Give a DOI (10.xxxx/...) or a PubMed ID (digits only)."
                    )
                }
            )

    @property
    def evidence_url(self) -> str:
        ref = self.evidence_reference.strip()
        if DOI.match(ref):
            return f"https://doi.org/{ref}"
        if PMID.match(ref):
            return f"https://pubmed.ncbi.nlm.nih.gov/{ref}/"
        return ""


class QuestionRevision(models.Model):
    """An earlier wording of a question: the history of its rephrasing."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="revisions"
    )
    text = models.TextField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("question wording")
        verbose_name_plural = _("question wordings")

    def __str__(self) -> str:
        return self.text[:80]
