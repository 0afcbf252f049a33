"""Read-only API representations of *published* evidence. Nothing here reads a
working draft: every serializer takes SummaryVersion/PublishedFinding rows."""

from rest_framework import serializers

from .models import Certainty, Citation, Factor, PublishedFinding, Recommendation


class CitationSerializer(serializers.ModelSerializer):
    doi_url = serializers.CharField(read_only=True)
    pubmed_url = serializers.CharField(read_only=True)

    class Meta:
        model = Citation
        fields = [
            "id",
            "authors",
            "year",
            "title",
            "journal",
            "doi",
            "pmid",
            "doi_url",
            "pubmed_url",
            "note",
            "updated_at",
        ]


def _decimal():
    # Null when the source gives no figure (the result is then in words).
    return serializers.DecimalField(
        max_digits=9,
        decimal_places=3,
        coerce_to_string=False,
        read_only=True,
        allow_null=True,
    )


class FindingSerializer(serializers.ModelSerializer):
    factor = serializers.SlugRelatedField(
        source="version.current_for", slug_field="slug", read_only=True
    )
    version = serializers.IntegerField(source="version.number", read_only=True)
    published_at = serializers.DateTimeField(
        source="version.published_at", read_only=True
    )
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    estimate = _decimal()
    ci_low = _decimal()
    ci_high = _decimal()
    result = serializers.CharField(source="result_display", read_only=True)
    certainty = serializers.SerializerMethodField()
    certainty_low = serializers.SerializerMethodField()
    certainty_high = serializers.SerializerMethodField()
    certainty_levels = serializers.ListField(
        child=serializers.ChoiceField(choices=Certainty.choices),
        read_only=True,
        help_text="Every GRADE level the rating covers, highest first; empty when "
        "the source gives no GRADE rating.",
    )
    certainty_label = serializers.CharField(read_only=True)
    citation = CitationSerializer(read_only=True, allow_null=True)

    class Meta:
        model = PublishedFinding
        fields = [
            "id",
            "factor",
            "version",
            "published_at",
            "kind",
            "outcome",
            "outcome_label",
            "outcome_detail",
            "comparison",
            "effect_measure",
            "measure_detail",
            "estimate",
            "ci_low",
            "ci_high",
            "result_text",
            "result",
            "studies",
            "participants",
            "certainty",
            "certainty_low",
            "certainty_high",
            "certainty_levels",
            "certainty_label",
            "certainty_note",
            "quote",
            "attribution",
            "source_url",
            "checked",
            "citation",
        ]

    def get_certainty(self, obj) -> str | None:
        """GRADE level (the higher end of a range such as "low to very low"), or
        null when the source gives no GRADE rating."""
        return obj.certainty or None

    def get_certainty_low(self, obj) -> str | None:
        """Lower end of the GRADE rating (equal to `certainty_high` for a single
        level), or null when not GRADE-rated."""
        return obj.certainty_lower or obj.certainty or None

    def get_certainty_high(self, obj) -> str | None:
        """Higher end of the GRADE rating, or null when not GRADE-rated."""
        return obj.certainty or None


class FactorSerializer(serializers.ModelSerializer):
    direction_label = serializers.CharField(
        source="get_direction_display", read_only=True
    )
    url = serializers.SerializerMethodField()
    family_url = serializers.SerializerMethodField()
    version = serializers.IntegerField(source="current_version.number")
    published_at = serializers.DateTimeField(source="current_version.published_at")
    last_reviewed = serializers.DateField(source="current_version.last_reviewed")
    next_review_due = serializers.DateField(source="current_version.next_review_due")

    class Meta:
        model = Factor
        fields = [
            "slug",
            "name",
            "direction",
            "direction_label",
            "url",
            "family_url",
            "version",
            "published_at",
            "last_reviewed",
            "next_review_due",
        ]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_url(self, obj) -> str:
        return self._absolute(obj.get_absolute_url())

    def get_family_url(self, obj) -> str:
        return self._absolute(obj.get_family_url())


class SummarySerializer(FactorSerializer):
    """A factor's published summary: both texts and every published finding."""

    clinician_summary = serializers.CharField(
        source="current_version.clinician_summary"
    )
    plain_summary = serializers.CharField(source="current_version.plain_summary")
    change_note = serializers.CharField(source="current_version.change_note")
    author = serializers.CharField(source="current_version.author_name")
    reviewer = serializers.CharField(source="current_version.reviewer_name")
    findings = serializers.SerializerMethodField()

    class Meta(FactorSerializer.Meta):
        fields = [
            *FactorSerializer.Meta.fields,
            "change_note",
            "author",
            "reviewer",
            "clinician_summary",
            "plain_summary",
            "findings",
        ]

    def get_findings(self, obj) -> list[dict]:
        rows = obj.current_version.findings.all()
        return _FindingInSummary(rows, many=True, context=self.context).data


class _FindingInSummary(FindingSerializer):
    class Meta(FindingSerializer.Meta):
        fields = [
            f
            for f in FindingSerializer.Meta.fields
            if f not in ("factor", "version", "published_at")
        ]


class RecommendationSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    print_url = serializers.SerializerMethodField()
    supporting_findings = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = [
            "slug",
            "title",
            "summary",
            "body",
            "strength",
            "certainty",
            "grading_note",
            "url",
            "print_url",
            "supporting_findings",
            "published_at",
            "updated_at",
        ]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_url(self, obj) -> str:
        return self._absolute(obj.get_absolute_url())

    def get_print_url(self, obj) -> str:
        return self._absolute(obj.get_absolute_url() + "print/")

    def get_supporting_findings(self, obj) -> list[int]:
        """Ids of the published findings (see /evidence/findings/) behind it."""
        return sorted(
            copy.pk
            for finding in obj.supporting_findings.all()
            for copy in finding.current_copies
        )
