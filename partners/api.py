from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.access import IsParticipant, IsSignedIn, ReadOnly

from . import services
from .filters import PartnerFilter
from .models import Institution, Partner, ResearchArea
from .serializers import (
    InstitutionSerializer,
    OwnPartnerSerializer,
    PartnerListSerializer,
    PartnerSerializer,
    PartnerWriteSerializer,
    ResearchAreaSerializer,
)


@extend_schema_view(
    list=extend_schema(
        summary="Verified partners",
        description=(
            "Public; anyone may call it. Only verified profiles, public fields only "
            "(never an e-mail address). `q` searches name, institution, keywords, "
            "research areas and biography (full-text on PostgreSQL). Filters: "
            "`area` (slug), `country` (ISO code), `institution` (id), "
            "`institution_type`, `open_to`; `sort` is `name` or `recent`."
        ),
    ),
    retrieve=extend_schema(
        summary="One verified partner",
        description="Public; anyone may call it. 404 unless the profile is verified.",
    ),
)
class PartnerViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadOnly]
    filter_backends = [DjangoFilterBackend]
    filterset_class = PartnerFilter

    def get_queryset(self):
        if self.action == "retrieve":
            return Partner.objects.listed().for_profile()
        return Partner.objects.listed().for_cards()

    def get_serializer_class(self):
        if self.action == "list":
            return PartnerListSerializer
        return PartnerSerializer

    def get_permissions(self):
        if self.action == "me":
            # Which profile is touched never comes from the request: me/ is always
            # the caller's own. Any signed-in member may read or delete it;
            # writing needs a verified address, like every other way of taking part.
            if self.request.method in ("PUT", "PATCH"):
                return [IsParticipant()]
            return [IsSignedIn()]
        return super().get_permissions()

    def _own(self, request) -> Partner:
        partner = Partner.objects.for_profile().filter(user=request.user).first()
        if partner is None:
            raise Http404
        return partner

    @extend_schema(
        methods=["GET"],
        summary="My partner profile",
        description=(
            "Signed-in members only; returns the caller's own profile with its "
            "verification status and staff's reason, or 404 if they have none."
        ),
        responses=OwnPartnerSerializer,
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Delete my partner profile",
        description=(
            "The caller's own profile only; the account stays. 204, or 404 if "
            "there is no profile."
        ),
        responses={204: None},
    )
    @extend_schema(
        methods=["PUT", "PATCH"],
        summary="Create or edit my partner profile",
        description=(
            "The caller's own profile only: a member who joined as a researcher "
            "and verified their e-mail address. PUT creates the profile if there is "
            "none (201) or replaces it; PATCH changes the fields sent. A new "
            "profile, a returned one, or a change of name, institution or ORCID "
            "iD waits for staff verification again. Errors: 400 with field messages."
        ),
        request=PartnerWriteSerializer,
        responses=OwnPartnerSerializer,
    )
    @action(
        detail=False,
        methods=["get", "put", "patch", "delete"],
        url_path="me",
        filter_backends=[],
        pagination_class=None,
    )
    def me(self, request):
        if request.method == "GET":
            partner = self._own(request)
            return Response(
                OwnPartnerSerializer(partner, context={"request": request}).data
            )
        if request.method == "DELETE":
            services.partner_delete(partner=self._own(request), user=request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        partial = request.method == "PATCH"
        serializer = PartnerWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        existing = Partner.objects.filter(user=request.user).first()
        if existing is None:
            if partial:
                raise Http404
            partner = services.partner_create(user=request.user, data=data)
            code = status.HTTP_201_CREATED
        else:
            partner = services.partner_update(
                partner=existing,
                user=request.user,
                data=data if partial else {**_PUT_DEFAULTS, **data},
            )
            code = status.HTTP_200_OK
        partner = Partner.objects.for_profile().get(pk=partner.pk)
        return Response(
            OwnPartnerSerializer(partner, context={"request": request}).data,
            status=code,
        )


# PUT replaces the whole profile: fields left out are cleared, not kept. The
# institution is kept unless another is sent, since a profile always has one.
_PUT_DEFAULTS = {
    "title": "",
    "department": "",
    "city": "",
    "orcid": "",
    "website": "",
    "bio": "",
    "research_areas": [],
    "keywords": "",
    "publications": [],
    "open_to": [],
    "accepts_contact": True,
}


@extend_schema_view(
    list=extend_schema(
        summary="Research areas",
        description=(
            "Public. The controlled vocabulary staff maintain (offered areas only)."
        ),
    )
)
class ResearchAreaViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [ReadOnly]
    serializer_class = ResearchAreaSerializer
    pagination_class = None
    filter_backends = []
    queryset = ResearchArea.objects.active()


@extend_schema_view(
    list=extend_schema(
        summary="Confirmed institutions",
        description=(
            "Public. Institutions staff have confirmed; `q` matches name or city, "
            "`country` filters by ISO code. Suggestions waiting for staff are not "
            "listed."
        ),
        parameters=[
            OpenApiParameter("q", str, description="Part of the name or city."),
            OpenApiParameter("country", str, description="ISO 3166 code, e.g. GB."),
        ],
    ),
    retrieve=extend_schema(summary="One confirmed institution", description="Public."),
)
class InstitutionViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadOnly]
    serializer_class = InstitutionSerializer
    filter_backends = []

    def get_queryset(self):
        queryset = Institution.objects.confirmed().order_by("name")
        if self.action == "list":
            queryset = queryset.matching(self.request.query_params.get("q", ""))
            country = self.request.query_params.get("country", "").strip().upper()
            if country:
                queryset = queryset.filter(country=country)
        return queryset
