"""Serializers for the discussion API. They validate shapes; services act."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from portal.markdown import render_markdown
from portal.serializers import StrictCharField

from .models import (
    Comment,
    EmailMode,
    Flag,
    FlagReason,
    Follow,
    ModerationAction,
    Notification,
    Stance,
)
from .moderation import DECISIONS

STANCE_CHOICES = [("", _("No stance")), *Stance.choices]


class CommentSerializer(serializers.ModelSerializer):
    """A comment as the public sees it; removed comments keep their place only."""

    author_name = serializers.SerializerMethodField()
    # "" when the author took no stance: the schema lists it beside StanceEnum.
    stance = serializers.ChoiceField(
        choices=STANCE_CHOICES, allow_blank=True, read_only=True
    )
    body = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField()
    removed = serializers.SerializerMethodField()
    edited = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "priority",
            "parent",
            "depth",
            "author_name",
            "author_group",
            "stance",
            "body",
            "body_html",
            "created_at",
            "edited",
            "edited_at",
            "removed",
            "is_hidden",
        ]
        read_only_fields = fields

    def get_author_name(self, obj: Comment) -> str | None:
        return None if obj.is_removed else obj.author.public_name

    def get_body(self, obj: Comment) -> str | None:
        return None if obj.is_removed else obj.body

    def get_body_html(self, obj: Comment) -> str | None:
        return None if obj.is_removed else str(render_markdown(obj.body))

    def get_removed(self, obj: Comment) -> bool:
        return obj.is_removed

    def get_edited(self, obj: Comment) -> bool:
        return obj.edited_at is not None


class StaffCommentSerializer(CommentSerializer):
    class Meta(CommentSerializer.Meta):
        fields = [*CommentSerializer.Meta.fields, "hidden_reason", "flag_count"]
        read_only_fields = fields


class CommentCreateSerializer(serializers.Serializer):
    priority = serializers.IntegerField(min_value=1)
    parent = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    body = StrictCharField(max_length=5000, trim_whitespace=True)
    stance = serializers.ChoiceField(
        choices=STANCE_CHOICES, required=False, allow_blank=True, default=""
    )


class CommentEditSerializer(serializers.Serializer):
    body = StrictCharField(max_length=5000, trim_whitespace=True)
    stance = serializers.ChoiceField(
        choices=STANCE_CHOICES, required=False, allow_blank=True
    )


class FlagCreateSerializer(serializers.Serializer):
    comment = serializers.IntegerField(min_value=1, required=False)
    priority = serializers.IntegerField(min_value=1, required=False)
    reason = serializers.ChoiceField(choices=FlagReason.choices)
    text = StrictCharField(
        max_length=1000, required=False, allow_blank=True, default=""
    )

    def validate(self, attrs):
        if ("comment" in attrs) == ("priority" in attrs):
            raise serializers.ValidationError(
                _("Report either a comment or a priority: give exactly one id.")
            )
        return attrs


class FlagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Flag
        fields = ["id", "comment", "priority", "reason", "text", "created_at"]
        read_only_fields = fields


class FollowSerializer(serializers.ModelSerializer):
    priority_title = serializers.CharField(source="priority.title", read_only=True)

    class Meta:
        model = Follow
        fields = ["id", "priority", "priority_title", "created_at"]
        read_only_fields = fields


class FollowCreateSerializer(serializers.Serializer):
    priority = serializers.IntegerField(min_value=1)


class NotificationSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "message",
            "priority",
            "comment",
            "url",
            "created_at",
            "read_at",
        ]
        read_only_fields = fields

    def get_url(self, obj: Notification) -> str | None:
        if not obj.priority_id:
            return None
        url = obj.priority.get_absolute_url()
        return f"{url}#comment-{obj.comment_id}" if obj.comment_id else url


class NotificationSettingsSerializer(serializers.Serializer):
    email_mode = serializers.ChoiceField(choices=EmailMode.choices)


class ModerationFlagSerializer(serializers.ModelSerializer):
    """A report as staff see it: the reporter by public name, never e-mail."""

    target_type = serializers.SerializerMethodField()
    target_id = serializers.SerializerMethodField()
    target_hidden = serializers.SerializerMethodField()
    target_flag_count = serializers.SerializerMethodField()
    target_excerpt = serializers.SerializerMethodField()
    reporter = serializers.CharField(source="user.public_name", read_only=True)

    class Meta:
        model = Flag
        fields = [
            "id",
            "target_type",
            "target_id",
            "target_hidden",
            "target_flag_count",
            "target_excerpt",
            "reason",
            "text",
            "reporter",
            "created_at",
            "resolved_at",
        ]
        read_only_fields = fields

    def _target(self, obj: Flag):
        return obj.comment if obj.comment_id else obj.priority

    def get_target_type(self, obj: Flag) -> str:
        return "comment" if obj.comment_id else "priority"

    def get_target_id(self, obj: Flag) -> int:
        return obj.comment_id or obj.priority_id

    def get_target_hidden(self, obj: Flag) -> bool:
        return self._target(obj).is_hidden

    def get_target_flag_count(self, obj: Flag) -> int:
        return self._target(obj).flag_count

    def get_target_excerpt(self, obj: Flag) -> str:
        target = self._target(obj)
        text = target.body if obj.comment_id else target.title
        return text[:200]


class ModerationDecisionSerializer(serializers.Serializer):
    target_type = serializers.ChoiceField(choices=["comment", "priority"])
    target_id = serializers.IntegerField(min_value=1)
    action = serializers.ChoiceField(choices=list(DECISIONS))
    reason = StrictCharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )


class ModerationActionSerializer(serializers.ModelSerializer):
    actor_name = serializers.SerializerMethodField()
    member_name = serializers.SerializerMethodField()

    class Meta:
        model = ModerationAction
        fields = [
            "id",
            "action",
            "actor",
            "actor_name",
            "priority",
            "comment",
            "member",
            "member_name",
            "reason",
            "created_at",
        ]
        read_only_fields = fields

    def get_actor_name(self, obj: ModerationAction) -> str | None:
        return obj.actor.public_name if obj.actor_id else None

    def get_member_name(self, obj: ModerationAction) -> str | None:
        return obj.member.public_name if obj.member_id else None


class BlockSerializer(serializers.Serializer):
    reason = StrictCharField(max_length=2000, required=False, allow_blank=True)
