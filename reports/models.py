"""Summary tables filled each night by `summaries.summaries_refresh`.

They hold counts by calendar month, so any period of whole months is a sum of
rows; the reports read them when a run has finished and compute live otherwise.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The staff page and the API read the reports with this right.
VIEW_PERM = "reports.view_reports"


class SummaryRun(models.Model):
    """One refresh of the summary tables: the figures are as fresh as this."""

    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"))
    participation_rows = models.PositiveIntegerField(_("participation rows"))
    support_rows = models.PositiveIntegerField(_("support rows"))
    voter_rows = models.PositiveIntegerField(_("voter rows"))

    class Meta:
        ordering = ["-finished_at"]
        get_latest_by = "finished_at"
        verbose_name = _("summary refresh")
        verbose_name_plural = _("summary refreshes")
        permissions = [("view_reports", _("Can read the reports"))]

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M}"


class ParticipationMonth(models.Model):
    """Members by group and country in one month: joined, active, returning."""

    month = models.DateField(_("month"))
    group = models.CharField(_("stakeholder group"), max_length=20)
    country = models.CharField(_("country"), max_length=2, blank=True)
    new_members = models.PositiveIntegerField(_("new members"), default=0)
    active_members = models.PositiveIntegerField(_("active members"), default=0)
    returning_members = models.PositiveIntegerField(_("returning members"), default=0)

    class Meta:
        ordering = ["month", "group", "country"]
        verbose_name = _("participation in a month")
        verbose_name_plural = _("participation by month")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "group", "country"], name="participation_month_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.group} {self.country or '-'}"


class SupportMonth(models.Model):
    """Supports cast in one month for one priority, by the voters' group and country."""

    month = models.DateField(_("month"))
    priority_id = models.PositiveBigIntegerField(_("priority"))
    group = models.CharField(_("stakeholder group"), max_length=20)
    country = models.CharField(_("country"), max_length=2, blank=True)
    supports = models.PositiveIntegerField(_("supports"), default=0)

    class Meta:
        ordering = ["month", "priority_id", "group", "country"]
        verbose_name = _("supports in a month")
        verbose_name_plural = _("supports by month")
        indexes = [models.Index(fields=["month"], name="support_month_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} #{self.priority_id} {self.group}"


class VoterMonth(models.Model):
    """Members whose first support in a group fell in this month."""

    month = models.DateField(_("month"))
    group = models.CharField(_("stakeholder group"), max_length=20)
    country = models.CharField(_("country"), max_length=2, blank=True)
    first_time_voters = models.PositiveIntegerField(_("first-time voters"), default=0)

    class Meta:
        ordering = ["month", "group", "country"]
        verbose_name = _("first-time voters in a month")
        verbose_name_plural = _("first-time voters by month")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.group} {self.country or '-'}"
