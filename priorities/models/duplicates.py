"""Pairs staff have said are not duplicates, so they are not proposed again."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DuplicateDismissal(models.Model):
    """ "Not a duplicate": a pair of priorities, the smaller id first."""

    first = models.ForeignKey(
        "priorities.Priority", on_delete=models.CASCADE, related_name="+"
    )
    second = models.ForeignKey(
        "priorities.Priority", on_delete=models.CASCADE, related_name="+"
    )
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )
    created_at = models.DateTimeField(_("dismissed at"), default=timezone.now)

    class Meta:
        verbose_name = _("dismissed duplicate pair")
        verbose_name_plural = _("dismissed duplicate pairs")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="dup_pair_once"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="dup_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.first_id} / #{self.second_id}"
