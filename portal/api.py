import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from .markdown import render_markdown
from .models import FAQ
from .permissions import ReadOnly


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
