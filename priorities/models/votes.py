"""Supports (one per member per priority) and the voters counted per group."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import StakeholderGroup

from .priority import Priority


class Vote(models.Model):
    """One member's support for one priority."""

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes"
    )
    # The voter's group when they voted: the tally it was counted in.
    group = models.CharField(max_length=20, choices=StakeholderGroup.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "user"], name="vote_one_per_member_per_priority"
            )
        ]
        indexes = [models.Index(fields=["user", "group"], name="vote_user_group")]

    def __str__(self) -> str:
        return f"{self.user_id} supports {self.priority_id}"


class GroupVoterCount(models.Model):
    """Distinct members of a group who support at least one priority.

    The denominator of the balanced score; one row per group, changed under a row
    lock when a member's first support is cast or their last is withdrawn.
    """

    group = models.CharField(
        max_length=20, choices=StakeholderGroup.choices, primary_key=True
    )
    voters = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("voters in a group")
        verbose_name_plural = _("voters per group")

    def __str__(self) -> str:
        return f"{self.group}: {self.voters}"
