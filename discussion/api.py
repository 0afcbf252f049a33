"""API for comments, flags, follows, notifications and flag moderation.

Every viewset names its permission classes (the project default denies all) and
states in its schema who may call it. Writes go through the services in
comments.py, moderation.py and notifications.py.
"""

import csv
import io
from collections.abc import Iterator

import django_filters
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from portal import streaming
from portal.access import (
    IsParticipant,
    IsSignedIn,
    IsStaffOrReportingClient,
    ReadOnlyOrParticipant,
    has_staff_perm,
)
from portal.csvexport import csv_cell
from portal.filters import IdFilter
from portal.ratelimit import refuse_if_limited
from priorities.lookups import visible_priority_or_404
from priorities.models import Priority

from . import comments as comment_services
from . import moderation
from .api_schema import FLAG_REQUEST
from .models import Comment, Flag, Follow, Notification
from .notifications import (
    email_mode_for,
    follow_priority,
    notification_mark_read,
    notification_settings_update,
    unfollow_priority,
)
from .serializers import (
    CommentCreateSerializer,
    CommentEditSerializer,
    CommentSerializer,
    FlagCreateSerializer,
    FlagSerializer,
    FollowCreateSerializer,
    FollowSerializer,
    NotificationSerializer,
    NotificationSettingsSerializer,
    StaffCommentSerializer,
)

# --- CSV ----------------------------------------------------------------------------


class CSVRenderer(BaseRenderer):
    """Rows (a list of dicts with the same keys) as CSV, formula-safe."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict):  # an error body
            data = [{"detail": data.get("detail", "")}]
        out = io.StringIO()
        view = (renderer_context or {}).get("view")
        header = list(data[0].keys()) if data else getattr(view, "csv_header", None)
        if header:
            writer = csv.DictWriter(out, fieldnames=header)
            writer.writeheader()
            for row in data:
                writer.writerow({k: csv_cell(v) for k, v in row.items()})
        return out.getvalue().encode(self.charset)


# --- Comments -----------------------------------------------------------------------


class CommentFilter(django_filters.FilterSet):
    priority = IdFilter(field_name="priority_id")
    parent = IdFilter(field_name="parent_id")
    thread = IdFilter(
        method="filter_thread",
        label="The replies of one thread (the id of its top-level comment).",
    )
    top_level = django_filters.ChoiceFilter(
        method="filter_top_level",
        choices=[("true", "true"), ("false", "false")],
        label="true: only top-level comments; false: only replies.",
    )
    order = django_filters.ChoiceFilter(
        method="filter_order",
        choices=[("oldest", "oldest"), ("newest", "newest")],
        label="oldest (the default) or newest first.",
    )

    class Meta:
        model = Comment
        fields = ["priority", "parent"]

    def filter_thread(self, queryset, name, value):
        return queryset.filter(Q(parent_id=value) | Q(parent__parent_id=value))

    def filter_top_level(self, queryset, name, value):
        return queryset.filter(parent__isnull=value == "true")

    def filter_order(self, queryset, name, value):
        if value == "newest":
            return queryset.order_by("-created_at", "-pk")
        return queryset


EXPORT_FIELDS = [
    "comment_id",
    "priority_id",
    "parent_id",
    "author_group",
    "stance",
    "created_at",
    "body",
]


@extend_schema_view(
    list=extend_schema(
        summary="Comments",
        description="Public. Comments on public priorities, oldest first "
        "(`?order=newest` for newest first), paged; filter with `?priority=<id>`. "
        "A discussion page by page: `?priority=<id>&top_level=true&order=newest` "
        "gives its threads, `?thread=<comment id>` one thread's replies. Removed "
        "comments keep their place with no text; hidden ones are left out (staff "
        "see them, with the reason).",
    ),
    retrieve=extend_schema(summary="One comment", description="Public."),
    create=extend_schema(
        summary="Post a comment or reply",
        description="Verified members who are not blocked. `parent` makes it a "
        "reply; a reply to a depth-2 comment is placed next to it (threads are "
        "at most two levels deep). `stance` is only for top-level comments. "
        "Rate-limited (COMMENT_RATE); 429 with a message when exceeded.",
        request=CommentCreateSerializer,
        responses={201: CommentSerializer},
    ),
    partial_update=extend_schema(
        summary="Edit your comment",
        description="The author only, within COMMENT_EDIT_WINDOW of posting "
        "(400 after it). The comment is then marked edited.",
        request=CommentEditSerializer,
        responses={200: CommentSerializer},
    ),
    destroy=extend_schema(
        summary="Delete your comment",
        description="The author only (403 for anyone else). The text is removed "
        "and replies stay.",
    ),
)
class CommentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [ReadOnlyOrParticipant]
    filterset_class = CommentFilter
    search_fields: list = []
    ordering_fields = ["created_at"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    csv_header = EXPORT_FIELDS

    def get_permissions(self):
        if self.action == "destroy":
            # Blocked members may still delete what they wrote.
            return [IsSignedIn()]
        if self.action == "export":
            return [IsStaffOrReportingClient("discussion.view_comment")]
        return super().get_permissions()

    def get_queryset(self):
        return (
            Comment.objects.visible_to(self.request.user)
            .select_related("author")
            .order_by("created_at", "pk")
        )

    def get_serializer_class(self):
        if has_staff_perm(self.request.user, "discussion.view_comment"):
            return StaffCommentSerializer
        return CommentSerializer

    def create(self, request, *args, **kwargs):
        data = CommentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        refuse_if_limited(request, "comment")
        values = data.validated_data
        priority = get_object_or_404(
            comment_services.priorities_to_comment_on(request.user),
            pk=values["priority"],
        )
        parent = None
        if values.get("parent"):
            parent = Comment.objects.filter(pk=values["parent"]).first()
            if parent is None:
                raise exceptions.ValidationError(
                    {"parent": [_("There is no comment with this id.")]}
                )
        comment = comment_services.comment_create(
            author=request.user,
            priority=priority,
            body=values["body"],
            stance=values.get("stance", ""),
            parent=parent,
        )
        comment = Comment.objects.select_related("author").get(pk=comment.pk)
        return Response(
            self.get_serializer(comment).data, status=status.HTTP_201_CREATED
        )

    def partial_update(self, request, *args, **kwargs):
        comment = self.get_object()
        data = CommentEditSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = comment_services.comment_edit(
            comment=comment,
            user=request.user,
            body=data.validated_data["body"],
            stance=data.validated_data.get("stance"),
        )
        return Response(self.get_serializer(comment).data)

    def destroy(self, request, *args, **kwargs):
        comment = self.get_object()
        comment_services.comment_delete(comment=comment, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Export comments (CSV or JSON)",
        description="Staff and reporting clients (read-only token). No personal "
        "data: the author appears only as their stakeholder group. Hidden "
        'comments are left out; removed ones say "removed". '
        "`?format=csv` or `?format=json`; `?priority=<id>` to narrow.",
        parameters=[
            OpenApiParameter("format", OpenApiTypes.STR, enum=["csv", "json"]),
        ],
        responses={200: OpenApiResponse(description="A list of rows.")},
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="export",
        renderer_classes=[JSONRenderer, CSVRenderer],
        pagination_class=None,
        filterset_class=CommentFilter,
    )
    def export(self, request, *args, **kwargs):
        qs = self.filter_queryset(
            Comment.objects.on_public_priorities()
            .filter(is_hidden=False)
            .order_by("pk")
        )
        rows = (
            {
                "comment_id": c.pk,
                "priority_id": c.priority_id,
                "parent_id": c.parent_id,
                "author_group": c.author_group,
                "stance": c.stance,
                "created_at": c.created_at.isoformat(),
                "body": "removed" if c.is_removed else c.body,
            }
            for c in qs.only(
                "pk",
                "priority_id",
                "parent_id",
                "author_group",
                "stance",
                "created_at",
                "deleted_at",
                "body",
            ).iterator(chunk_size=streaming.CHUNK_SIZE)
        )
        # Streamed, row by row, so memory stays flat whatever the size.
        if request.accepted_renderer.format == "csv":
            response = StreamingHttpResponse(
                _csv_lines(EXPORT_FIELDS, rows), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = 'attachment; filename="comments.csv"'
            return response
        return streaming.json_response(streaming.json_list(rows))


def _csv_lines(header: list[str], rows) -> Iterator[str]:
    """What CSVRenderer writes for these rows, a line at a time."""
    writer = csv.DictWriter(streaming.Echo(), fieldnames=header)
    yield writer.writeheader()
    for row in rows:
        yield writer.writerow({k: csv_cell(v) for k, v in row.items()})


# --- Flags --------------------------------------------------------------------------


@extend_schema_view(
    create=extend_schema(
        summary="Report a comment or priority",
        description="Verified members who are not blocked. Give `comment` or "
        '`priority` (one id), a `reason` and, for "other", a `text`. Each member '
        "reports an item once (a second report is a 400). At FLAG_HIDE_THRESHOLD "
        "reports the item is hidden pending review. Rate-limited (FLAG_RATE).",
        request=FLAG_REQUEST,
        responses={201: FlagSerializer},
    ),
)
class FlagViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsParticipant]
    serializer_class = FlagSerializer
    queryset = Flag.objects.none()

    def create(self, request, *args, **kwargs):
        data = FlagCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        refuse_if_limited(request, "flag")
        values = dict(data.validated_data)
        target = {}
        if "comment" in values:
            target["comment"] = get_object_or_404(
                Comment.objects.visible_to(request.user), pk=values.pop("comment")
            )
        else:
            target["priority"] = visible_priority_or_404(
                request.user, values.pop("priority")
            )
        flag = moderation.flag_create(user=request.user, **values, **target)
        return Response(FlagSerializer(flag).data, status=status.HTTP_201_CREATED)


# --- Follows ------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Priorities I follow",
        description="Signed-in members: their own follows only.",
    ),
    create=extend_schema(
        summary="Follow a priority",
        description="Verified members who are not blocked. Idempotent: 201 when "
        "new, 200 when already following.",
        request=FollowCreateSerializer,
        responses={201: FollowSerializer, 200: FollowSerializer},
    ),
    destroy=extend_schema(
        summary="Stop following a priority",
        description="Signed-in members; the id in the path is the priority's. "
        "Idempotent: 204 whether or not you followed it.",
    ),
)
class FollowViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = FollowSerializer
    lookup_field = "priority"
    lookup_value_regex = r"\d+"
    filter_backends: list = []

    def get_permissions(self):
        if self.action == "create":
            return [IsParticipant()]
        return [IsSignedIn()]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Follow.objects.none()
        return (
            Follow.objects.filter(user=self.request.user)
            .select_related("priority")
            .order_by("-created_at", "-pk")
        )

    def create(self, request, *args, **kwargs):
        data = FollowCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        priority = visible_priority_or_404(
            request.user, data.validated_data["priority"]
        )
        existed = Follow.objects.filter(user=request.user, priority=priority).exists()
        follow = follow_priority(user=request.user, priority=priority)
        return Response(
            FollowSerializer(follow).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )

    def destroy(self, request, *args, **kwargs):
        priority = get_object_or_404(Priority, pk=kwargs["priority"])
        unfollow_priority(user=request.user, priority=priority)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Notifications ---------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="My notifications",
        description="Signed-in members: their own notifications, newest first, "
        "with `unread_count`. `?unread=true` for unread ones only.",
    ),
)
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsSignedIn]
    serializer_class = NotificationSerializer
    lookup_value_regex = r"\d+"
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Notification.objects.none()
        qs = Notification.objects.filter(user=self.request.user).select_related(
            "priority"
        )
        if self.request.query_params.get("unread") in ("1", "true"):
            qs = qs.filter(read_at__isnull=True)
        return qs

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        response.data["unread_count"] = Notification.objects.filter(
            user=request.user, read_at__isnull=True
        ).count()
        return response

    @extend_schema(
        summary="Mark one notification read",
        description="Signed-in members, their own notifications (404 otherwise).",
        request=None,
        responses={204: None},
    )
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        note = get_object_or_404(Notification, pk=pk, user=request.user)
        notification_mark_read(user=request.user, notification_ids=[note.pk])
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Mark all my notifications read",
        description="Signed-in members.",
        request=None,
        responses={204: None},
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        notification_mark_read(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="My e-mail setting",
        description="Signed-in members. `email_mode`: immediate, daily (one "
        "digest a day) or off. PUT to change it.",
        request=NotificationSettingsSerializer,
        responses={200: NotificationSettingsSerializer},
    )
    @action(detail=False, methods=["get", "put"], url_path="settings")
    def email_settings(self, request):
        if request.method == "PUT":
            data = NotificationSettingsSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            notification_settings_update(
                user=request.user, email_mode=data.validated_data["email_mode"]
            )
        return Response({"email_mode": email_mode_for(request.user)})
