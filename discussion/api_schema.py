"""Request schemas that state the rules the plain serializers check in code.

The flags and moderation serializers validate a combination of fields (exactly
one target; a reason for hiding), which a flat request schema cannot say. These
schema-only serializers describe each allowed shape, offered as `oneOf`; the
views still validate with their own serializers.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from .models import FlagReason


class _FlagFields(serializers.Serializer):
    reason = serializers.ChoiceField(choices=FlagReason.choices)
    text = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        help_text=_('What is wrong; expected when `reason` is "other".'),
    )


class FlagCommentSerializer(_FlagFields):
    comment = serializers.IntegerField(min_value=1, help_text=_("The comment's id."))


class FlagPrioritySerializer(_FlagFields):
    priority = serializers.IntegerField(min_value=1, help_text=_("The priority's id."))


FLAG_REQUEST = PolymorphicProxySerializer(
    component_name="FlagCreate",
    serializers=[FlagCommentSerializer, FlagPrioritySerializer],
    resource_type_field_name=None,
    many=False,
)


class _DecisionFields(serializers.Serializer):
    target_type = serializers.ChoiceField(choices=["comment", "priority"])
    target_id = serializers.IntegerField(min_value=1)


@extend_schema_field({"type": "string", "enum": ["hide"]})
class _Hide(serializers.CharField):
    pass


@extend_schema_field({"type": "string", "enum": ["restore", "dismiss"]})
class _RestoreOrDismiss(serializers.CharField):
    pass


class ModerationHideSerializer(_DecisionFields):
    action = _Hide()
    reason = serializers.CharField(
        max_length=2000,
        min_length=1,
        help_text=_("Required to hide: shown to the author."),
    )


class ModerationRestoreSerializer(_DecisionFields):
    action = _RestoreOrDismiss(
        help_text=_("`restore` the item, or `dismiss` its open reports.")
    )
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)


MODERATION_DECISION_REQUEST = PolymorphicProxySerializer(
    component_name="ModerationDecision",
    serializers=[ModerationHideSerializer, ModerationRestoreSerializer],
    resource_type_field_name=None,
    many=False,
)
