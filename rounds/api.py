"""/api/v1/rounds/: rounds, their shortlist, the member's own ballot, pairwise
votes, CHNRI scores, results and staff/reporting exports."""

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.access import (
    IsParticipant,
    IsSignedIn,
    IsStaffOrReportingClient,
    ReadOnly,
    has_staff_perm,
)
from portal.schema import ErrorSerializer

from . import ballots, exports, reports
from .models import Phase, Question, RankingMode, Result, Round
from .permissions import CHANGE_PERM
from .serializers import (
    BallotSerializer,
    BallotWriteSerializer,
    ExportQuerySerializer,
    ExportSerializer,
    PairSerializer,
    PairwiseVoteSerializer,
    PairwiseVoteWriteSerializer,
    QuestionSerializer,
    ResultSerializer,
    RoundSerializer,
    ScoreRowSerializer,
)
from .views import results_visible


@extend_schema_view(
    list=extend_schema(
        summary="List priority-setting rounds",
        description="Public. Rounds past preparation, newest first.",
    ),
    retrieve=extend_schema(
        summary="One round, its settings, schedule and phase changes",
        description="Public.",
    ),
)
class RoundViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = RoundSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    permission_classes = [ReadOnly]
    filter_backends = []

    def get_queryset(self):
        rounds = Round.objects.prefetch_related("changes").order_by("-created_at")
        if has_staff_perm(self.request.user, CHANGE_PERM):
            return rounds
        return rounds.exclude(phase=Phase.DRAFT)

    def get_permissions(self):
        if self.action == "ballot":
            if self.request.method == "GET":
                return [IsSignedIn()]
            return [IsParticipant()]
        if self.action in ("pair", "pairwise"):
            return [IsParticipant()]
        if self.action == "export":
            return [IsStaffOrReportingClient(CHANGE_PERM)]
        return super().get_permissions()

    def _visible_results(self, round_):
        if not results_visible(round_, self.request.user):
            raise Http404
        return round_

    @extend_schema(
        summary="The round's shortlist",
        description="Public from the ranking phase on; staff always.",
        responses={200: QuestionSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def shortlist(self, request, slug=None):
        round_ = self.get_object()
        early = round_.phase in (Phase.DRAFT, Phase.GATHERING, Phase.VERIFYING)
        if early and not has_staff_perm(request.user, CHANGE_PERM):
            raise Http404
        questions = (
            Question.objects.shortlist()
            .filter(round=round_)
            .annotate(n_sources=Count("sources"))
        )
        return Response(QuestionSerializer(questions, many=True).data)

    @extend_schema(
        methods=["GET"],
        summary="Your ballot in this round",
        description="Signed-in members: their own choices, best first ([] if none).",
        responses={200: BallotSerializer},
    )
    @extend_schema(
        methods=["PUT"],
        summary="Cast or replace your ballot",
        description="Participants while the round ranks by ballot: shortlisted "
        "question ids, best first, between the round's fewest and most choices, "
        "none twice. A 400 names the `choices` problem; nothing is changed.",
        request=BallotWriteSerializer,
        responses={200: BallotSerializer},
    )
    @action(detail=True, methods=["get", "put"], pagination_class=None)
    def ballot(self, request, slug=None):
        round_ = self.get_object()
        if request.method == "PUT":
            incoming = BallotWriteSerializer(data=request.data)
            incoming.is_valid(raise_exception=True)
            ballots.ballot_save(
                round_=round_,
                member=request.user,
                question_ids=incoming.validated_data["choices"],
            )
        return Response({"choices": ballots.own_ballot(round_, request.user)})

    @extend_schema(
        summary="The next pair to compare",
        description="Participants while the round ranks in pairs; both null when "
        "they have seen every pair. 400 when the round is not ranking in pairs or "
        "the member's group does not take part.",
        responses={
            200: PairSerializer,
            400: OpenApiResponse(ErrorSerializer, "Ranking in pairs is not open."),
        },
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def pair(self, request, slug=None):
        round_ = self.get_object()
        reason = ballots.refusal(round_, request.user, RankingMode.PAIRWISE)
        if reason:
            raise ValidationError(reason)
        pair = ballots.pair_for(round_, request.user)
        found = Question.objects.annotate(n_sources=Count("sources")).in_bulk(
            pair or []
        )
        return Response(
            PairSerializer(
                {
                    "first": found.get(pair[0]) if pair else None,
                    "second": found.get(pair[1]) if pair else None,
                }
            ).data
        )

    @extend_schema(
        summary="Answer a pair: first, second or skip",
        description="Participants while the round ranks in pairs; answering the "
        "same pair again replaces the answer.",
        request=PairwiseVoteWriteSerializer,
        responses={200: PairwiseVoteSerializer},
    )
    @action(detail=True, methods=["post"], pagination_class=None)
    def pairwise(self, request, slug=None):
        round_ = self.get_object()
        incoming = PairwiseVoteWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        vote = ballots.pairwise_vote(
            round_=round_,
            member=request.user,
            first_id=data["first"],
            second_id=data["second"],
            choice=data["choice"],
        )
        return Response(
            {"first": vote.first_id, "second": vote.second_id, "choice": vote.choice}
        )

    @extend_schema(
        summary="Interim results, per group and combined",
        description="Public once ranking has closed (or during it when the round "
        "shows running results); staff always. `group` is `combined` for the "
        "sum-of-positions ranking.",
        responses={200: ResultSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def results(self, request, slug=None):
        round_ = self._visible_results(self.get_object())
        rows = Result.objects.filter(round=round_).order_by("group", "rank")
        return Response(ResultSerializer(rows, many=True).data)

    @extend_schema(
        summary="CHNRI expert scores per question",
        description="Visible like the results: criterion scores (0-100), the "
        "Research Priority Score and the Average Expert Agreement.",
        responses={200: ScoreRowSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def scores(self, request, slug=None):
        round_ = self._visible_results(self.get_object())
        names = {c.pk: c.name for c in round_.criteria.all()}
        table = reports.chnri_table(round_)
        rows = [
            {
                "question": q,
                "criteria": {names[c]: s for c, s in row["criteria"].items()},
                "rps": row["rps"],
                "aea": row["aea"],
            }
            for q, row in sorted(table.items())
        ]
        return Response(ScoreRowSerializer(rows, many=True).data)

    @extend_schema(
        summary="A phase's data (no personal data)",
        description="Staff and reporting clients. `dataset`: suggestions, "
        "decisions, ballots, pairwise, scores, results or workshop. Ballots, "
        "votes and scores carry no member, only group and country.",
        parameters=[ExportQuerySerializer],
        responses={200: ExportSerializer},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def export(self, request, slug=None):
        round_ = self.get_object()
        incoming = ExportQuerySerializer(data=request.query_params)
        incoming.is_valid(raise_exception=True)
        name = incoming.validated_data["dataset"]
        fields, rows = exports.dataset(round_, name)
        return Response(
            {
                "round": round_.slug,
                "dataset": name,
                "rows": exports.as_dicts(fields, rows),
            }
        )
