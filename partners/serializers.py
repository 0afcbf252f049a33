"""API shapes. Public serializers carry public fields only: no e-mail, no user id."""

from django.utils.translation import gettext as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.markdown import render_markdown
from portal.serializers import StrictCharField, StrictSlugField

from .models import (
    Institution,
    InstitutionType,
    OpenTo,
    Partner,
    Publication,
    ResearchArea,
)


class ResearchAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResearchArea
        fields = ["slug", "name", "description"]


class InstitutionSerializer(serializers.ModelSerializer):
    country = CountryField()
    type_label = serializers.CharField(source="get_type_display", read_only=True)

    class Meta:
        model = Institution
        fields = ["id", "name", "city", "country", "type", "type_label", "website"]


class PublicationSerializer(serializers.ModelSerializer):
    url = serializers.URLField(read_only=True)

    class Meta:
        model = Publication
        fields = ["kind", "identifier", "title", "url"]


class PartnerSerializer(serializers.ModelSerializer):
    institution = InstitutionSerializer(read_only=True)
    country = CountryField()
    orcid_url = serializers.CharField(read_only=True)
    research_areas = ResearchAreaSerializer(many=True, read_only=True)
    keywords = serializers.ListField(
        source="keyword_list", child=serializers.CharField(), read_only=True
    )
    open_to = serializers.ListField(
        child=serializers.ChoiceField(choices=OpenTo.choices), read_only=True
    )
    bio_html = serializers.SerializerMethodField()
    publications = PublicationSerializer(many=True, read_only=True)
    profile_url = serializers.SerializerMethodField()

    class Meta:
        model = Partner
        fields = [
            "id",
            "display_name",
            "title",
            "institution",
            "department",
            "city",
            "country",
            "orcid",
            "orcid_url",
            "website",
            "bio",
            "bio_html",
            "research_areas",
            "keywords",
            "open_to",
            "accepts_contact",
            "verified_at",
            "publications",
            "profile_url",
        ]

    def get_bio_html(self, obj: Partner) -> str:
        return str(render_markdown(obj.bio))

    def get_profile_url(self, obj: Partner) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class PartnerListSerializer(PartnerSerializer):
    class Meta(PartnerSerializer.Meta):
        fields = [
            f
            for f in PartnerSerializer.Meta.fields
            if f not in ("publications", "bio_html")
        ]


class OwnPartnerSerializer(PartnerSerializer):
    """The owner's view adds the verification state and staff's reason."""

    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta(PartnerSerializer.Meta):
        fields = [
            *PartnerSerializer.Meta.fields,
            "status",
            "status_label",
            "status_reason",
            "submitted_at",
        ]


class NewInstitutionSerializer(serializers.Serializer):
    name = StrictCharField(max_length=200)
    country = StrictCharField(max_length=2)
    city = StrictCharField(max_length=100, required=False, allow_blank=True)
    type = serializers.ChoiceField(choices=InstitutionType.choices)


class PublicationInputSerializer(serializers.Serializer):
    identifier = StrictCharField(max_length=250)
    title = StrictCharField(max_length=300, required=False, allow_blank=True)


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class KeywordsField(serializers.Field):
    """A list of strings, or one comma-separated string."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            return data
        if isinstance(data, list) and all(isinstance(x, str) for x in data):
            return data
        raise serializers.ValidationError(_("Send a list of strings."))


class PartnerWriteSerializer(serializers.Serializer):
    """Input for PUT/PATCH /partners/me/; rules are checked by the services."""

    display_name = StrictCharField(max_length=120)
    title = StrictCharField(max_length=150, required=False, allow_blank=True)
    institution = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id of a confirmed institution."
    )
    new_institution = NewInstitutionSerializer(
        required=False,
        allow_null=True,
        help_text="Suggest an institution that is not listed; staff confirm it.",
    )
    department = StrictCharField(max_length=150, required=False, allow_blank=True)
    city = StrictCharField(max_length=100, required=False, allow_blank=True)
    country = StrictCharField(max_length=2, required=False, allow_blank=True)
    orcid = StrictCharField(max_length=60, required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    bio = StrictCharField(max_length=3000, required=False, allow_blank=True)
    research_areas = serializers.ListField(
        child=StrictSlugField(), required=False, help_text="Research area slugs."
    )
    keywords = KeywordsField(required=False)
    publications = PublicationInputSerializer(many=True, required=False)
    open_to = serializers.ListField(
        child=serializers.ChoiceField(choices=OpenTo.choices), required=False
    )
    accepts_contact = serializers.BooleanField(required=False)
