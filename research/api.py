"""Public, read-only evidence API. Only published versions are served: drafts,
findings that need verification and unpublished recommendations never appear."""

from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.filters import OrderingFilter

from portal.permissions import ReadOnly

from .filters import (
    CitationFilter,
    FactorFilter,
    PublishedFindingFilter,
    RecommendationFilter,
)
from .models import Citation, Factor, Finding, PublishedFinding, Recommendation
from .serializers import (
    CitationSerializer,
    FactorSerializer,
    FindingSerializer,
    RecommendationSerializer,
    SummarySerializer,
)

PUBLIC = "Public: anyone may call it, no credentials needed. Read-only."
SYNC = (
    " Use `updated_since` (ISO 8601 date-time) to fetch only what was published or "
    "changed since your last sync."
)


class RelevanceOrderingFilter(OrderingFilter):
    """With a search (`q`) and no `ordering`, keep the most relevant first."""

    def get_default_ordering(self, view):
        if view.request.query_params.get("q", "").strip():
            return None
        return super().get_default_ordering(view)


class _ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadOnly]
    filter_backends = [DjangoFilterBackend, RelevanceOrderingFilter]


@extend_schema_view(
    list=extend_schema(
        summary="Published evidence factors",
        description=PUBLIC
        + " Filter by `direction`, `certainty` (high, moderate, low, very_low, "
        "not_rated), `outcome`, `q` (search over summaries, findings, sources and "
        "recommendations, with stemming, synonyms and typo tolerance; at most 200 "
        "characters, longer is a 400; results come most relevant first unless "
        "`ordering` is given)." + SYNC,
    ),
    retrieve=extend_schema(summary="One published factor, by slug", description=PUBLIC),
)
class FactorViewSet(_ReadOnlyViewSet):
    serializer_class = FactorSerializer
    filterset_class = FactorFilter
    lookup_field = "slug"
    ordering_fields = ["position", "name", "current_version__published_at"]
    ordering = ["position", "name"]

    def get_queryset(self):
        return Factor.objects.published()


@extend_schema_view(
    list=extend_schema(
        summary="Published evidence summaries",
        description=PUBLIC
        + " Each factor's current published version: the clinician summary, the "
        "plain-language summary for families, and its findings with citations. "
        "Same filters as the factor list." + SYNC,
    ),
    retrieve=extend_schema(
        summary="One factor's published summary, by slug", description=PUBLIC
    ),
)
class SummaryViewSet(FactorViewSet):
    serializer_class = SummarySerializer

    def get_queryset(self):
        return Factor.objects.published().with_published_findings()


@extend_schema_view(
    list=extend_schema(
        summary="Published findings",
        description=PUBLIC
        + " Rows of the current published summaries, with estimate, 95% CI, "
        "GRADE certainty and the source. `kind` is `finding` (a measured effect), "
        "`burden` (a population figure) or `statement` (a review's or professional "
        "body's own words: `quote`, `attribution` and `source_url`, with no "
        "figure; `citation` is null when the source has no DOI or PMID). "
        "Certainty: `certainty_high` and `certainty_low` give the two ends of a "
        "range such as low to very low (equal for a single level, null when not "
        "GRADE-rated); `certainty` is the higher end. Filter by `factor` (slug), "
        "`direction`, `certainty` (a range matches every level it spans), "
        "`outcome`, `q` (the findings of the factors a search finds)." + SYNC,
    ),
    retrieve=extend_schema(summary="One published finding", description=PUBLIC),
)
class FindingViewSet(_ReadOnlyViewSet):
    serializer_class = FindingSerializer
    filterset_class = PublishedFindingFilter
    ordering_fields = ["version__published_at", "position"]
    ordering = ["version__current_for__position", "position", "pk"]

    def get_queryset(self):
        return PublishedFinding.objects.current()


@extend_schema_view(
    list=extend_schema(
        summary="Sources cited by published evidence",
        description=PUBLIC + " Filter by `doi` or `pmid`." + SYNC,
    ),
    retrieve=extend_schema(summary="One cited source", description=PUBLIC),
)
class CitationViewSet(_ReadOnlyViewSet):
    serializer_class = CitationSerializer
    filterset_class = CitationFilter
    ordering_fields = ["year", "updated_at"]
    ordering = ["-year", "pk"]

    def get_queryset(self):
        cited = PublishedFinding.objects.filter(
            version__current_for__isnull=False
        ).values("citation_id")
        return Citation.objects.filter(pk__in=cited)


@extend_schema_view(
    list=extend_schema(
        summary="Practice recommendations for NICUs",
        description=PUBLIC
        + " Published recommendations with the ids of the published findings "
        "that support them. `strength` is GRADE's strength of the recommendation "
        '(`strong`: "we recommend"; `conditional`: "we suggest") and '
        "`certainty` the GRADE certainty of the evidence it rests on; "
        "`grading_note` says why. `q` searches them, most relevant first." + SYNC,
    ),
    retrieve=extend_schema(summary="One recommendation, by slug", description=PUBLIC),
)
class RecommendationViewSet(_ReadOnlyViewSet):
    serializer_class = RecommendationSerializer
    filterset_class = RecommendationFilter
    lookup_field = "slug"
    ordering_fields = ["position", "updated_at"]
    ordering = ["position", "title"]

    def get_queryset(self):
        return Recommendation.objects.published().prefetch_related(
            Prefetch(
                "supporting_findings",
                queryset=Finding.objects.only("pk").prefetch_related(
                    Prefetch(
                        "published_copies",
                        queryset=PublishedFinding.objects.filter(
                            version__current_for__isnull=False
                        ).only("pk", "source_finding_id"),
                        to_attr="current_copies",
                    )
                ),
            )
        )
