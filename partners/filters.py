"""One FilterSet for the directory page and the API: same filters, same names."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import Institution, InstitutionType, OpenTo, Partner, ResearchArea

SORTS = [
    ("name", _("Name (A to Z)")),
    ("recent", _("Recently verified")),
]


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=200)
    area = django_filters.ModelChoiceFilter(
        label=_("Research area"),
        field_name="research_areas",
        to_field_name="slug",
        queryset=ResearchArea.objects.all(),
        empty_label=_("Any area"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=list(countries), empty_label=_("Any country")
    )
    institution = django_filters.ModelChoiceFilter(
        label=_("Institution"),
        queryset=Institution.objects.confirmed(),
        empty_label=_("Any institution"),
    )
    institution_type = django_filters.ChoiceFilter(
        label=_("Type of institution"),
        field_name="institution__type",
        choices=InstitutionType.choices,
        empty_label=_("Any type"),
    )
    open_to = django_filters.ChoiceFilter(
        label=_("Open to"),
        choices=OpenTo.choices,
        method="filter_open_to",
        empty_label=_("Anything"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORTS, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Partner
        fields = ["q", "area", "country", "institution", "institution_type", "open_to"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_open_to(self, queryset, name, value):
        return queryset.filter(**{f"open_to_{value}": True})

    def filter_sort(self, queryset, name, value):
        if value == "recent":
            return queryset.order_by("-verified_at", "display_name", "pk")
        return queryset.order_by("display_name", "pk")

    @property
    def qs(self):
        queryset = super().qs
        cleaned = getattr(self.form, "cleaned_data", {})
        # A search ranks by relevance unless a sort was asked for explicitly.
        if not cleaned.get("sort") and not cleaned.get("q"):
            queryset = queryset.order_by("display_name", "pk")
        return queryset
