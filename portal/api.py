from importlib import import_module

import django_filters
from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from .access import ReadOnly
from .markdown import render_markdown
from .models import FAQ


class FAQSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    answer_html = serializers.SerializerMethodField()

    class Meta:
        model = FAQ
        fields = [
            "id",
            "category",
            "category_name",
            "question",
            "answer",
            "answer_html",
            "updated_at",
        ]

    def get_answer_html(self, obj: FAQ) -> str:
        return str(render_markdown(obj.answer))


class FAQFilter(django_filters.FilterSet):
    category = django_filters.CharFilter(field_name="category__slug")

    class Meta:
        model = FAQ
        fields = ["category"]


@extend_schema_view(
    list=extend_schema(
        summary="Published FAQs",
        description="Public. Filter by category slug; `search` matches the "
        "question and answer.",
    ),
    retrieve=extend_schema(summary="One published FAQ", description="Public."),
)
class FAQViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = FAQSerializer
    permission_classes = [ReadOnly]
    filterset_class = FAQFilter
    search_fields = ["question", "answer"]
    ordering_fields = ["updated_at", "position"]

    def get_queryset(self):
        return FAQ.objects.published()


class APIRootView(APIView):
    """/api/v1/: links to every collection, the schema and the docs."""

    permission_classes = [ReadOnly]

    @extend_schema(
        summary="API index",
        description="Public. Links to each collection endpoint and the OpenAPI "
        "schema and docs.",
        responses={200: dict},
    )
    def get(self, request):
        links = {}
        for module_name in ("portal", *settings.PORTAL_APPS):
            module = import_module(f"{module_name}.api_urls")
            for pattern in getattr(module, "urlpatterns", []):
                name = getattr(pattern, "name", None) or ""
                if name.endswith("-list"):
                    links[name.removesuffix("-list")] = request.build_absolute_uri(
                        reverse(name)
                    )
        for key, name in (
            ("schema", "api-schema"),
            ("docs", "api-docs"),
        ):
            links[key] = request.build_absolute_uri(reverse(name))
        return Response(links)
