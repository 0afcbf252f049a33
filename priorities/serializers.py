"""API shapes for priorities. Validation of the domain rules lives in services."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.markdown import render_markdown
from portal.serializers import StrictCharField

from .models import EvidenceRelation, Priority, Status, Topic


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["id", "name", "slug", "description"]


class SupportersSerializer(serializers.Serializer):
    family = serializers.IntegerField(source="supporters_family")
    clinician = serializers.IntegerField(source="supporters_clinician")
    researcher = serializers.IntegerField(source="supporters_researcher")
    other = serializers.IntegerField(source="supporters_other")
    total = serializers.IntegerField(source="supporters_total")


class StancesSerializer(serializers.Serializer):
    favour = serializers.IntegerField(source="stance_favour")
    neutral = serializers.IntegerField(source="stance_neutral")
    against = serializers.IntegerField(source="stance_against")


class EvidenceCitationSerializer(serializers.Serializer):
    """A published evidence summary a priority cites."""

    slug = serializers.CharField(help_text="The factor's slug (/api/v1/evidence/).")
    name = serializers.CharField()
    url = serializers.CharField(help_text="The evidence page for clinicians.")
    relation = serializers.ChoiceField(
        choices=EvidenceRelation.choices,
        help_text="answers: the evidence already answers the question; "
        "uncertain: evidence exists but leaves it uncertain.",
    )
    note = serializers.CharField(allow_blank=True)


_DATETIME = serializers.DateTimeField()


def _datetime(value):
    return None if value is None else _DATETIME.to_representation(value)


class PrioritySerializer(serializers.ModelSerializer):
    """A priority as the public sees it: the author by display name and group only."""

    topic = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    topic_name = serializers.CharField(source="topic.name", read_only=True)
    tags = serializers.SerializerMethodField()
    description_html = serializers.SerializerMethodField()
    author_name = serializers.CharField(source="author.public_name", read_only=True)
    supporters = SupportersSerializer(source="*", read_only=True)
    stances = StancesSerializer(source="*", read_only=True)
    url = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Priority
        fields = [
            "id",
            "title",
            "description",
            "description_html",
            "topic",
            "topic_name",
            "tags",
            "status",
            "author_name",
            "author_group",
            "created_at",
            "published_at",
            "edited_at",
            "supporters",
            "balanced_score",
            "trending_score",
            "comment_count",
            "stances",
            "merged_into",
            "is_hidden",
            "url",
            "evidence",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Priority) -> dict:
        """The same dict DRF's fields build, written out: a page of 25 priorities
        is the API's busiest answer, and the generic field machinery cost more
        than its queries (tests/priorities/test_api_fast_serializer.py compares
        the two)."""
        obj = instance
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return {
            "id": obj.pk,
            "title": obj.title,
            "description": obj.description,
            "description_html": str(render_markdown(obj.description)),
            "topic": obj.topic.slug if obj.topic_id is not None else None,
            "topic_name": obj.topic.name,
            "tags": self.get_tags(obj),
            "status": obj.status,
            "author_name": obj.author.public_name,
            "author_group": obj.author_group,
            "created_at": _datetime(obj.created_at),
            "published_at": _datetime(obj.published_at),
            "edited_at": _datetime(obj.edited_at),
            "supporters": {
                "family": obj.supporters_family,
                "clinician": obj.supporters_clinician,
                "researcher": obj.supporters_researcher,
                "other": obj.supporters_other,
                "total": obj.supporters_total,
            },
            "balanced_score": float(obj.balanced_score),
            "trending_score": obj.trending_score,
            "comment_count": obj.comment_count,
            "stances": {
                "favour": obj.stance_favour,
                "neutral": obj.stance_neutral,
                "against": obj.stance_against,
            },
            "merged_into": obj.merged_into_id,
            "is_hidden": obj.is_hidden,
            "url": request.build_absolute_uri(path) if request else path,
            "evidence": self.get_evidence(obj),
        }

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_tags(self, obj: Priority) -> list[str]:
        # The prefetched tags, read without building a related manager per row.
        cached = getattr(obj, "_prefetched_objects_cache", {}).get("tags")
        if cached is not None:
            return [tag.name for tag in cached]
        return [tag.name for tag in obj.tags.all()]

    def get_description_html(self, obj: Priority) -> str:
        return str(render_markdown(obj.description))

    def get_url(self, obj: Priority) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(EvidenceCitationSerializer(many=True))
    def get_evidence(self, obj: Priority) -> list[dict]:
        # Prefetched by PriorityQuerySet.with_evidence(); published factors only.
        links = getattr(obj, "published_evidence", None)
        if links is None:
            links = list(obj.evidence_links.published())
        request = self.context.get("request")
        rows = []
        for link in links:
            path = link.factor.get_absolute_url()
            rows.append(
                {
                    "slug": link.factor.slug,
                    "name": link.factor.name,
                    "url": request.build_absolute_uri(path) if request else path,
                    "relation": link.relation,
                    "note": link.note,
                }
            )
        return rows


class PriorityCreateSerializer(serializers.Serializer):
    title = StrictCharField(max_length=200)
    description = StrictCharField(max_length=5000)
    topic = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Topic.objects.all(),
        help_text="The topic's slug, from /api/v1/priority-topics/.",
    )
    tags = serializers.ListField(
        child=StrictCharField(max_length=50),
        required=False,
        max_length=8,
        default=list,
    )


class TransitionSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(
        choices=[s for s in Status.values if s != Status.MERGED]
    )
    reason = StrictCharField(required=False, allow_blank=True, max_length=2000)


class MergeSerializer(serializers.Serializer):
    target = serializers.PrimaryKeyRelatedField(
        queryset=Priority.objects.all(),
        help_text="The id of the priority that keeps the supports.",
    )
    reason = StrictCharField(max_length=2000)


class VoteResultSerializer(serializers.Serializer):
    supported = serializers.BooleanField()
    created = serializers.BooleanField()
    supporters_total = serializers.IntegerField()
    balanced_score = serializers.FloatField()


class MergeResultSerializer(serializers.Serializer):
    moved = serializers.IntegerField()
    already_supporting = serializers.IntegerField()
    target = PrioritySerializer()


class SimilarQuerySerializer(serializers.Serializer):
    q = StrictCharField(
        max_length=2000,
        help_text="The question in the asker's own words (at most 2,000 characters).",
    )


class SimilarPrioritySerializer(serializers.Serializer):
    """A public priority in brief, with how closely it matches the query."""

    id = serializers.IntegerField(source="priority.pk")
    title = serializers.CharField(source="priority.title")
    topic = serializers.CharField(source="priority.topic.slug")
    topic_name = serializers.CharField(source="priority.topic.name")
    status = serializers.CharField(
        source="priority.status", help_text="published, shortlisted or answered."
    )
    supporters_total = serializers.IntegerField(source="priority.supporters_total")
    url = serializers.SerializerMethodField()
    score = serializers.FloatField(
        help_text="0 to 1; 1 is the same question. Only matches scoring at least "
        "the display threshold are returned."
    )

    def get_url(self, obj: dict) -> str:
        request = self.context.get("request")
        path = obj["priority"].get_absolute_url()
        return request.build_absolute_uri(path) if request else path
