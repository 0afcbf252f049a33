"""REST API for priorities: browse, propose, support, and staff lifecycle actions."""

from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from portal import streaming
from portal.access import (
    IsParticipant,
    IsSignedIn,
    IsStaff,
    IsStaffOrReportingClient,
    ReadOnly,
    ReadOnlyOrParticipant,
    has_staff_perm,
)
from portal.keyset import KeysetPagination
from portal.ratelimit import refuse_if_limited

from . import exports, merging, services, similarity, voting
from .filters import PriorityFilter
from .models import Priority, Status, Topic
from .serializers import (
    MergeResultSerializer,
    MergeSerializer,
    PriorityCreateSerializer,
    PrioritySerializer,
    SimilarPrioritySerializer,
    SimilarQuerySerializer,
    TopicSerializer,
    TransitionSerializer,
    VoteResultSerializer,
)


class CSVRenderer(BaseRenderer):
    """Lets `?format=csv` select the export's CSV branch."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, (bytes, str)) else b""


# The export leaves out what was never moderated or was taken back by its author.
EXPORT_EXCLUDED = (Status.PENDING, Status.WITHDRAWN)

PUBLIC_READ = (
    "Public. Anyone may read; pending, declined and withdrawn priorities are "
    "visible only to their author and staff; hidden ones only to staff."
)


@extend_schema_view(
    list=extend_schema(
        summary="List research priorities",
        description=PUBLIC_READ
        + " Filters: `topic` (slug), `status`, `tag` (slug), `group` (the author's "
        "stakeholder group), `q` or `search` (full-text). Sort with `ordering`: "
        "`-balanced_score` (default), `-supporters_total`, `-created_at`, "
        "`-comment_count`, `-trending_score`. Paged with cursors: follow `next` "
        "(no `count`; a deep page costs what the first one does).",
    ),
    retrieve=extend_schema(summary="One research priority", description=PUBLIC_READ),
    create=extend_schema(
        summary="Propose a research priority",
        description="Verified members who are not blocked (IsParticipant). First "
        "proposals wait for moderation (status `pending`); trusted members publish "
        "directly. Rate-limited per member.",
        request=PriorityCreateSerializer,
        responses={201: PrioritySerializer},
    ),
)
class PriorityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PrioritySerializer
    permission_classes = [ReadOnlyOrParticipant]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = PriorityFilter
    ordering_fields = [
        "balanced_score",
        "supporters_total",
        "created_at",
        "comment_count",
        "trending_score",
    ]
    ordering = ["-balanced_score", "-supporters_total", "-created_at"]
    # Keyset pages: a deep page costs what the first one does (portal/keyset.py).
    pagination_class = KeysetPagination

    def get_queryset(self):
        user = self.request.user
        if self.action == "vote":
            # The vote locks and reads the row itself: no tags or evidence here.
            return Priority.objects.visible_to(user)
        if self.action == "list":
            return Priority.objects.listed_for(user).with_related().with_evidence()
        return Priority.objects.visible_to(user).with_related().with_evidence()

    def filter_queryset(self, queryset):
        # A vote names its priority by pk: the list's filters and ordering would
        # only cost time (they showed in bench/profile_request.py's profile).
        if self.action == "vote":
            return queryset
        return super().filter_queryset(queryset)

    def get_throttles(self):
        # Supports have their own, stricter limit ("priority-vote", shared with
        # the vote button), checked first thing in vote(); the API-wide one on
        # top of it would cost two more cache round trips per vote.
        if self.action == "vote":
            return []
        return super().get_throttles()

    def get_permissions(self):
        if self.action == "vote":
            if self.request.method == "DELETE":
                return [IsSignedIn()]
            return [IsParticipant()]
        if self.action == "transition":
            return [IsSignedIn()]
        if self.action == "merge":
            return [IsStaff(services.CHANGE_PERM)]
        if self.action == "export":
            return [IsStaffOrReportingClient("priorities.view_priority")]
        return super().get_permissions()

    def create(self, request, *args, **kwargs):
        # One counter with the proposal page (portal/ratelimit.py).
        refuse_if_limited(request, "priority-submit")
        incoming = PriorityCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        priority = services.priority_submit(
            author=request.user,
            title=data["title"],
            description=data["description"],
            topic=data["topic"],
            tags=data["tags"],
        )
        priority = self.get_queryset().get(pk=priority.pk)
        return Response(
            PrioritySerializer(priority, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        methods=["POST"],
        summary="Support a priority",
        description="Verified members who are not blocked (IsParticipant). Only on "
        "published or shortlisted priorities. Idempotent: 201 when the support is "
        "new, 200 when the member already supported it. Rate-limited per member.",
        request=None,
        responses={201: VoteResultSerializer, 200: VoteResultSerializer},
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Withdraw a support",
        description="Signed-in members (IsSignedIn). Idempotent: 204 whether or "
        "not the member supported it. Only on published or shortlisted priorities.",
        request=None,
        responses={204: None},
    )
    @action(detail=True, methods=["post", "delete"], url_path="vote")
    def vote(self, request, pk=None):
        # One counter with the vote button, for supports and withdrawals alike.
        refuse_if_limited(request, "priority-vote")
        priority = self.get_object()
        if request.method == "DELETE":
            voting.vote_withdraw(user=request.user, priority=priority)
            return Response(status=status.HTTP_204_NO_CONTENT)
        created = voting.vote_cast(user=request.user, priority=priority)
        priority.refresh_from_db(fields=["supporters_total", "balanced_score"])
        result = {
            "supported": True,
            "created": created,
            "supporters_total": priority.supporters_total,
            "balanced_score": priority.balanced_score,
        }
        return Response(
            result, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    @extend_schema(
        summary="Change a priority's status",
        description="Staff (IsStaff) for every allowed change; the author may only "
        "withdraw their own priority. Allowed: pending → published, shortlisted, "
        "answered, declined, withdrawn; published → shortlisted, answered, declined, "
        "withdrawn; shortlisted → answered, declined, withdrawn; declined → "
        "published. A reason is required to decline or mark answered. Anything "
        "else is a 400. Merging has its own endpoint.",
        request=TransitionSerializer,
        responses={200: PrioritySerializer},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        priority = self.get_object()
        incoming = TransitionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        to_status = incoming.validated_data["to_status"]
        if not has_staff_perm(request.user, services.CHANGE_PERM) and not (
            to_status == Status.WITHDRAWN and priority.author_id == request.user.pk
        ):
            raise PermissionDenied(
                "Only staff, or the author withdrawing, may do this."
            )
        services.priority_transition(
            priority=priority,
            actor=request.user,
            to_status=to_status,
            reason=incoming.validated_data.get("reason", ""),
        )
        priority = self.get_queryset().get(pk=priority.pk)
        return Response(PrioritySerializer(priority, context={"request": request}).data)

    @extend_schema(
        summary="Merge a duplicate into another priority",
        description="Staff only (IsStaff). The supports move to the target; members "
        "who already support the target are counted once. The duplicate becomes "
        "`merged` and its page redirects to the target. A reason is required.",
        request=MergeSerializer,
        responses={200: MergeResultSerializer},
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        source = self.get_object()
        incoming = MergeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        target = incoming.validated_data["target"]
        result = merging.priority_merge(
            source=source,
            target=target,
            actor=request.user,
            reason=incoming.validated_data["reason"],
        )
        target = Priority.objects.with_related().with_evidence().get(pk=target.pk)
        return Response(
            MergeResultSerializer(
                {
                    "moved": result.moved,
                    "already_supporting": result.already_supporting,
                    "target": target,
                },
                context={"request": request},
            ).data
        )

    @extend_schema(
        summary="Export priorities with tallies per group (open data)",
        description="Staff (IsStaff) or a reporting client with a read-only token "
        "(IsStaffOrReportingClient). `?format=csv` or `?format=json` (default). "
        "No personal data: the author appears only as a stakeholder group. Pending, "
        "withdrawn and hidden priorities are left out. The JSON adds the voters per "
        "group, the denominators of the balanced score.",
        parameters=[
            OpenApiParameter(
                "format", OpenApiTypes.STR, enum=["json", "csv"], required=False
            )
        ],
        responses={200: OpenApiResponse(description="CSV file or JSON document")},
    )
    @action(
        detail=False,
        methods=["get"],
        renderer_classes=[JSONRenderer, CSVRenderer],
        filter_backends=[],
        pagination_class=None,
    )
    def export(self, request):
        queryset = Priority.objects.filter(
            ~Q(status__in=EXPORT_EXCLUDED), is_hidden=False
        )
        rows = exports.export_rows(queryset)
        if request.accepted_renderer.format == "csv":
            return exports.csv_response(rows, "nec-priorities.csv")
        # Streamed, row by row: the same JSON as the renderer's, in flat memory.
        return streaming.json_response(
            streaming.json_document(
                {"voters_per_group": voting.group_voter_counts()}, "results", rows
            )
        )

    @extend_schema(
        summary="Priorities asking the same question",
        description="Public. Public priorities that ask what `q` asks, possibly "
        "in other words (stems and the staff-edited synonym vocabulary), best "
        "first, at most 10, each with a `score` from 0 to 1. `q` is required, "
        "at most 2,000 characters. Rate-limited per client.",
        parameters=[SimilarQuerySerializer],
        responses={200: SimilarPrioritySerializer(many=True)},
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def similar(self, request):
        incoming = SimilarQuerySerializer(data=request.query_params)
        incoming.is_valid(raise_exception=True)
        refuse_if_limited(request, "priority-similar")
        found = similarity.similar(incoming.validated_data["q"], limit=10)
        rows = [{"priority": p, "score": score} for p, score in found]
        serializer = SimilarPrioritySerializer(
            rows, many=True, context={"request": request}
        )
        return Response(serializer.data)


@extend_schema_view(
    list=extend_schema(summary="Priority topics", description="Public."),
    retrieve=extend_schema(summary="One priority topic", description="Public."),
)
class TopicViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Topic.objects.all()
    serializer_class = TopicSerializer
    permission_classes = [ReadOnly]
    pagination_class = None
