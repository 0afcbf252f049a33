"""Filters shared by the evidence pages and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.filters import IsoDateTimeFilter

from .models import (
    CERTAINTY_ORDER,
    Certainty,
    Citation,
    Direction,
    Factor,
    Outcome,
    PublishedFinding,
    Recommendation,
)
from .search import MAX_QUERY_LENGTH, search_recommendations

NOT_RATED = "not_rated"
CERTAINTY_CHOICES = [*Certainty.choices, (NOT_RATED, _("Not GRADE-rated"))]


def _certainty_q(value: str) -> Q:
    """Rows rated at this level, including ranges that span it ("low to very
    low" matches both low and very low)."""
    if value == NOT_RATED:
        return Q(certainty="")
    order = [str(level) for level in CERTAINTY_ORDER]
    at_or_above = order[: order.index(value) + 1]
    at_or_below = order[order.index(value) :]
    return Q(certainty=value) | Q(
        certainty__in=at_or_above, certainty_lower__in=at_or_below
    )


class FactorFilter(django_filters.FilterSet):
    """For published factors: a factor matches when one of its findings does."""

    q = django_filters.CharFilter(
        label=_("Search summaries, findings and sources"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
    )
    direction = django_filters.ChoiceFilter(
        label=_("Effect on risk"), choices=Direction.choices, empty_label=_("Any")
    )
    certainty = django_filters.ChoiceFilter(
        label=_("Certainty of the evidence"),
        choices=CERTAINTY_CHOICES,
        method="filter_certainty",
        empty_label=_("Any"),
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"),
        choices=Outcome.choices,
        method="filter_outcome",
        empty_label=_("Any"),
    )
    updated_since = IsoDateTimeFilter(
        field_name="current_version__published_at",
        lookup_expr="gte",
        label=_("Published or updated since (ISO 8601)"),
    )

    class Meta:
        model = Factor
        fields = ["q", "direction", "certainty", "outcome", "updated_since"]

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_certainty(self, queryset, name, value):
        versions = PublishedFinding.objects.filter(_certainty_q(value)).values(
            "version_id"
        )
        return queryset.filter(current_version__in=versions)

    def filter_outcome(self, queryset, name, value):
        versions = PublishedFinding.objects.filter(outcome=value).values("version_id")
        return queryset.filter(current_version__in=versions)


class PublishedFindingFilter(django_filters.FilterSet):
    factor = django_filters.CharFilter(
        field_name="version__current_for__slug", label=_("Factor slug")
    )
    direction = django_filters.ChoiceFilter(
        field_name="version__current_for__direction", choices=Direction.choices
    )
    certainty = django_filters.ChoiceFilter(
        choices=CERTAINTY_CHOICES, method="filter_certainty"
    )
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices)
    q = django_filters.CharFilter(
        label=_("Search (the findings of matching factors)"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
    )
    updated_since = IsoDateTimeFilter(
        field_name="version__published_at", lookup_expr="gte"
    )

    class Meta:
        model = PublishedFinding
        fields = ["factor", "direction", "certainty", "outcome", "q", "updated_since"]

    def filter_q(self, queryset, name, value):
        factors = Factor.objects.published().search(value)
        return queryset.filter(version__current_for__in=factors.values("pk"))

    def filter_certainty(self, queryset, name, value):
        return queryset.filter(_certainty_q(value))


class CitationFilter(django_filters.FilterSet):
    updated_since = IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    doi = django_filters.CharFilter(field_name="doi", lookup_expr="iexact")
    pmid = django_filters.CharFilter(field_name="pmid")

    class Meta:
        model = Citation
        fields = ["updated_since", "doi", "pmid"]


class RecommendationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
    )
    updated_since = IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Recommendation
        fields = ["q", "updated_since"]

    def filter_q(self, queryset, name, value):
        return search_recommendations(queryset, value)
