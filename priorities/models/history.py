"""A priority's history: every status change and every edit, with who and why."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .priority import Priority, Status


class StatusChange(models.Model):
    """One step in a priority's lifecycle: the timeline on its page."""

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.priority_id}: {self.from_status or '-'} → {self.to_status}"


class PriorityRevision(models.Model):
    """The title and description as they were before an edit."""

    priority = models.ForeignKey(
        Priority, on_delete=models.CASCADE, related_name="revisions"
    )
    title = models.CharField(max_length=200)
    description = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")

    def __str__(self) -> str:
        return f"{self.priority_id} @ {self.created_at:%Y-%m-%d %H:%M}"
