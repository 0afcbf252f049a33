"""API for staff: the flag queue, the moderation log and blocking members.

Staff holding the matching permission. Decisions go through the services
in moderation.py, the same ones the HTML moderation pages call.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.access import IsStaff
from portal.filters import IdFilter
from priorities.models import Priority

from . import moderation
from .api_schema import MODERATION_DECISION_REQUEST
from .models import Comment, Flag, ModerationAction
from .serializers import (
    BlockSerializer,
    ModerationActionSerializer,
    ModerationDecisionSerializer,
    ModerationFlagSerializer,
)

# --- Moderation (staff) ----------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Reports (moderation queue)",
        description="Staff only. Open reports, newest first; `?resolved=true` "
        "for reports already dealt with, `?target=comment|priority`.",
    ),
)
class ModerationFlagViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsStaff.with_perm("discussion.view_flag")]
    serializer_class = ModerationFlagSerializer
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        qs = Flag.objects.select_related("user", "comment", "priority")
        qs = qs.filter(resolved_at__isnull=params.get("resolved") not in ("1", "true"))
        if params.get("target") == "comment":
            qs = qs.filter(comment__isnull=False)
        elif params.get("target") == "priority":
            qs = qs.filter(priority__isnull=False)
        return qs.order_by("-created_at", "-pk")


class AuditFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(choices=ModerationAction.Action.choices)
    member = IdFilter(field_name="member_id")

    class Meta:
        model = ModerationAction
        fields = ["action", "member"]


DECISIONS = moderation.DECISIONS


@extend_schema_view(
    list=extend_schema(
        summary="Moderation log",
        description="Staff only. Every moderation decision, newest first; filter "
        "by `action` and `member` (id).",
    ),
    create=extend_schema(
        summary="Hide, restore or dismiss reports",
        description="Staff only. `action` hide (needs a `reason`, shown to the "
        "author), restore, or dismiss (close the open reports). Logged; the "
        "author is notified.",
        request=MODERATION_DECISION_REQUEST,
        responses={201: ModerationActionSerializer},
    ),
)
class ModerationActionViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = ModerationActionSerializer
    filterset_class = AuditFilter
    search_fields: list = []
    ordering_fields: list = []

    def get_permissions(self):
        if self.action == "create":
            # The decision's own right (on a comment, a priority, the reports)
            # is checked by the service in moderation.py.
            return [IsStaff("discussion.change_flag")]
        return [IsStaff("discussion.view_moderationaction")]

    def get_queryset(self):
        return ModerationAction.objects.select_related("actor", "member")

    def create(self, request, *args, **kwargs):
        data = ModerationDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        model = Comment if values["target_type"] == "comment" else Priority
        target = get_object_or_404(model, pk=values["target_id"])
        record = DECISIONS[values["action"]](
            actor=request.user,
            reason=values["reason"],
            **{values["target_type"]: target},
        )
        return Response(
            ModerationActionSerializer(record).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    block=extend_schema(
        summary="Block a member",
        description="Staff only. Stops the member from voting, commenting, "
        "proposing and reporting; `reason` is required and shown to them.",
        request=BlockSerializer,
        responses={201: ModerationActionSerializer},
    ),
    unblock=extend_schema(
        summary="Unblock a member",
        description="Staff only.",
        request=BlockSerializer,
        responses={201: ModerationActionSerializer},
    ),
)
class ModerationMemberViewSet(viewsets.GenericViewSet):
    permission_classes = [IsStaff.with_perm("portal.change_user")]
    serializer_class = BlockSerializer
    filter_backends: list = []

    def get_queryset(self):
        return get_user_model().objects.filter(deleted_at__isnull=True)

    def _decide(self, request, service):
        member = self.get_object()
        data = BlockSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = service(
            actor=request.user,
            member=member,
            reason=data.validated_data.get("reason", ""),
        )
        return Response(
            ModerationActionSerializer(record).data, status=status.HTTP_201_CREATED
        )

    @action(detail=True, methods=["post"])
    def block(self, request, pk=None):
        return self._decide(request, moderation.member_block)

    @action(detail=True, methods=["post"])
    def unblock(self, request, pk=None):
        return self._decide(request, moderation.member_unblock)
