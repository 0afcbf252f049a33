"""Listing filters shared by the web pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.models import StakeholderGroup

from .models import PUBLIC_STATUSES, Priority, Status, Topic


class PriorityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_search", label=_("Search the questions")
    )
    # The API's conventional name for the same full-text search.
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))
    topic = django_filters.ModelChoiceFilter(
        field_name="topic",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        empty_label=_("All topics"),
        label=_("Topic"),
    )
    status = django_filters.ChoiceFilter(
        choices=[(s.value, s.label) for s in Status if s in PUBLIC_STATUSES],
        empty_label=_("Any status"),
        label=_("Status"),
    )
    tag = django_filters.CharFilter(
        field_name="tags__slug", label=_("Tag"), distinct=False
    )
    group = django_filters.ChoiceFilter(
        field_name="author_group",
        choices=StakeholderGroup.choices,
        empty_label=_("Anyone"),
        label=_("Proposed by"),
    )

    class Meta:
        model = Priority
        fields = ["q", "search", "topic", "status", "tag", "group"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)
