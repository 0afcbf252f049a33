from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.models import StakeholderGroup

from .models import PHASE_ORDER, PairChoice, PhaseChange, Question, Result, Round


class PhaseChangeSerializer(serializers.ModelSerializer):
    # Plain text: the phase names are listed once, under the round's `phase`.
    from_phase = serializers.CharField()
    to_phase = serializers.CharField()

    class Meta:
        model = PhaseChange
        fields = ["from_phase", "to_phase", "created_at"]


class PhaseDateSerializer(serializers.Serializer):
    phase = serializers.CharField()
    opens_at = serializers.DateTimeField(allow_null=True)


class RoundSerializer(serializers.ModelSerializer):
    groups = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("Stakeholder groups taking part: %(groups)s.")
        % {"groups": ", ".join(StakeholderGroup.values)},
    )
    schedule = serializers.SerializerMethodField()
    changes = PhaseChangeSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Round
        fields = [
            "slug",
            "name",
            "scope",
            "summary",
            "phase",
            "ranking_mode",
            "uses_expert_scoring",
            "groups",
            "count_unverified_clinicians",
            "min_choices",
            "max_choices",
            "hide_running_results",
            "carry_forward",
            "schedule",
            "changes",
            "url",
        ]

    @extend_schema_field(PhaseDateSerializer(many=True))
    def get_schedule(self, obj) -> list:
        return [
            {"phase": p, "opens_at": obj.opens_at(p)}
            for p in PHASE_ORDER[1:]
            if p in obj.phase_sequence()
        ]

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class QuestionSerializer(serializers.ModelSerializer):
    suggestions = serializers.IntegerField(source="n_sources", read_only=True)
    evidence_url = serializers.CharField(read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "text",
            "status",
            "true_uncertainty",
            "evidence_factor",
            "evidence_reference",
            "evidence_url",
            "suggestions",
        ]


class BallotSerializer(serializers.Serializer):
    choices = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        help_text=_("Question ids, best first."),
    )


class BallotWriteSerializer(serializers.Serializer):
    choices = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62),
        allow_empty=True,
        max_length=50,
        help_text=_("Question ids from the shortlist, best first."),
    )


class PairSerializer(serializers.Serializer):
    first = QuestionSerializer(allow_null=True)
    second = QuestionSerializer(allow_null=True)


class PairwiseVoteWriteSerializer(serializers.Serializer):
    first = serializers.IntegerField(min_value=1, max_value=2**62)
    second = serializers.IntegerField(min_value=1, max_value=2**62)
    choice = serializers.ChoiceField(choices=PairChoice.choices)


class PairwiseVoteSerializer(serializers.Serializer):
    first = serializers.IntegerField()
    second = serializers.IntegerField()
    choice = serializers.CharField()


class ResultSerializer(serializers.ModelSerializer):
    group = serializers.SerializerMethodField()

    class Meta:
        model = Result
        fields = ["question", "group", "score", "position", "rank", "carried_forward"]

    def get_group(self, obj) -> str:
        return obj.group or "combined"


class ScoreRowSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    criteria = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text=_("Criterion name -> score (0-100), null when nobody answered."),
    )
    rps = serializers.FloatField(allow_null=True)
    aea = serializers.FloatField(allow_null=True)


class ExportQuerySerializer(serializers.Serializer):
    dataset = serializers.ChoiceField(
        choices=[
            "suggestions",
            "decisions",
            "ballots",
            "pairwise",
            "scores",
            "results",
            "workshop",
        ]
    )


class ExportSerializer(serializers.Serializer):
    round = serializers.CharField()
    dataset = serializers.CharField()
    rows = serializers.ListField(child=serializers.DictField())
