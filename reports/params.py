"""The period and filters every report takes, validated the same way everywhere.

A bad value is a field error: the page shows it on the field, the API answers 400
with `{"detail", "errors": {"from": [...]}}` (portal.api_errors). Monthly reports
count whole calendar months: the period runs from the first day of the month of
`from` to the last day of the month of `to`.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.models import StakeholderGroup

# The portal began long after this; the bounds keep month lists short.
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2099, 12, 31)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The first days of every month from `first`'s to `last`'s, in order."""
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


@dataclass(frozen=True)
class ReportParams:
    start: datetime.date  # `from`
    end: datetime.date  # `to`, inclusive
    group: str = ""
    country: str = ""

    @property
    def months(self) -> list[datetime.date]:
        return months_between(self.start, self.end)

    @property
    def first_month(self) -> datetime.date:
        return month_start(self.start)

    @property
    def last_month(self) -> datetime.date:
        return month_start(self.end)

    def moment_bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start of `from`, start of the day after `to`) in the site's time zone."""
        zone = timezone.get_current_timezone()
        begin = datetime.datetime.combine(self.start, datetime.time.min, zone)
        end = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, zone
        )
        return begin, end

    def month_bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The same for whole months: monthly reports count complete months."""
        zone = timezone.get_current_timezone()
        begin = datetime.datetime.combine(self.first_month, datetime.time.min, zone)
        end = datetime.datetime.combine(
            next_month(self.last_month), datetime.time.min, zone
        )
        return begin, end

    def as_query(self) -> dict[str, str]:
        query = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        if self.group:
            query["group"] = self.group
        if self.country:
            query["country"] = self.country
        return query


def default_period(today: datetime.date | None = None) -> tuple:
    """The twelve months up to today: this month and the eleven before it."""
    today = today or timezone.localdate()
    first = month_start(today)
    for _month in range(11):
        first = month_start(first - datetime.timedelta(days=1))
    return first, today


class PeriodForm(forms.Form):
    """`from`, `to` (YYYY-MM-DD), an optional stakeholder group and country."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        dates = {"input_formats": ["%Y-%m-%d"], "required": False}
        self.fields["from"] = forms.DateField(label=_("From"), **dates)
        self.fields["to"] = forms.DateField(label=_("To"), **dates)
        self.fields["group"] = forms.ChoiceField(
            label=_("Stakeholder group"),
            choices=[("", _("All groups")), *StakeholderGroup.choices],
            required=False,
        )
        self.fields["country"] = forms.ChoiceField(
            label=_("Country"),
            choices=[("", _("All countries")), *countries],
            required=False,
        )

    def _check_range(self, name: str):
        value = self.cleaned_data.get(name)
        if value is not None and not EARLIEST <= value <= LATEST:
            raise ValidationError(
                _("Give a date from %(first)s to %(last)s."),
                params={"first": EARLIEST.isoformat(), "last": LATEST.isoformat()},
                code="out_of_range",
            )
        return value

    def clean_from(self):
        return self._check_range("from")

    def clean_to(self):
        return self._check_range("to")

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            self.add_error("to", _("The end of the period comes before its start."))
        return data

    def params(self) -> ReportParams:
        first, last = default_period()
        start = self.cleaned_data.get("from") or first
        end = self.cleaned_data.get("to") or max(last, start)
        if start > end:  # `from` in the future with no `to`
            end = start
        return ReportParams(
            start=start,
            end=end,
            group=self.cleaned_data.get("group") or "",
            country=self.cleaned_data.get("country") or "",
        )


def parse_params(data) -> ReportParams:
    """Validated parameters, or a ValidationError naming each bad field."""
    form = PeriodForm(data)
    if not form.is_valid():
        raise ValidationError(
            {field: list(errors) for field, errors in form.errors.items()}
        )
    return form.params()


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_links(today: datetime.date | None = None) -> list[tuple]:
    """Quick periods for the page: this quarter, the last one, twelve months."""
    today = today or timezone.localdate()
    this_quarter = quarter_start(today)
    last_quarter = quarter_start(this_quarter - datetime.timedelta(days=1))
    twelve = default_period(today)
    return [
        (_("This quarter"), this_quarter, today),
        (_("Last quarter"), last_quarter, this_quarter - datetime.timedelta(days=1)),
        (_("Last 12 months"), *twelve),
    ]
