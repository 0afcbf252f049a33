"""Every phase's data as CSV and JSON, with no personal data.

Ballots, votes and scores carry their own number, the stakeholder group and
country they counted in, never the member; nothing here holds a name or an
e-mail address. Staff download them from the round's pages; reporting clients
read the same rows through the API (rounds/api.py).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from portal.access import staff_required
from portal.csvexport import csv_download

from .models import (
    BallotChoice,
    PairwiseVote,
    Question,
    Result,
    Round,
    Score,
    Suggestion,
    WorkshopResult,
)
from .permissions import CHANGE_PERM


def _suggestions(round_):
    fields = ["id", "source", "group", "country", "text", "question", "created_at"]
    rows = Suggestion.objects.filter(round=round_).order_by("pk")
    return fields, (
        [s.pk, s.source, s.group, s.country, s.text, s.question_id, s.created_at]
        for s in rows
    )


def _decisions(round_):
    fields = [
        "id",
        "text",
        "status",
        "out_of_scope_reason",
        "true_uncertainty",
        "evidence_factor",
        "evidence_reference",
        "suggestions",
    ]
    rows = Question.objects.filter(round=round_).prefetch_related("sources")
    return fields, (
        [
            q.pk,
            q.text,
            q.status,
            q.out_of_scope_reason,
            q.true_uncertainty,
            q.evidence_factor_id,
            q.evidence_reference,
            " ".join(str(s.pk) for s in q.sources.all()),
        ]
        for q in rows.order_by("pk")
    )


def _ballots(round_):
    fields = ["ballot", "group", "country", "excluded", "rank", "question"]
    excluded = set(round_.exclusions.values_list("member", flat=True))
    rows = (
        BallotChoice.objects.filter(ballot__round=round_)
        .select_related("ballot")
        .order_by("ballot_id", "rank")
    )
    return fields, (
        [
            c.ballot_id,
            c.ballot.group,
            c.ballot.country,
            c.ballot.member_id in excluded,
            c.rank,
            c.question_id,
        ]
        for c in rows
    )


def _pairwise(round_):
    fields = ["vote", "group", "country", "excluded", "first", "second", "choice"]
    excluded = set(round_.exclusions.values_list("member", flat=True))
    rows = PairwiseVote.objects.filter(round=round_).order_by("pk")
    return fields, (
        [
            v.pk,
            v.group,
            v.country,
            v.member_id in excluded,
            v.first_id,
            v.second_id,
            v.choice,
        ]
        for v in rows
    )


def _scores(round_):
    fields = ["assignment", "question", "criterion", "sub_question", "answer"]
    rows = (
        Score.objects.filter(assignment__round=round_)
        .select_related("assignment", "sub_question__criterion")
        .order_by("assignment_id", "sub_question_id")
    )
    return fields, (
        [
            s.assignment_id,
            s.assignment.question_id,
            s.sub_question.criterion.name,
            s.sub_question_id,
            s.answer,
        ]
        for s in rows
    )


def _results(round_):
    fields = ["question", "group", "score", "position", "rank", "carried_forward"]
    rows = Result.objects.filter(round=round_).order_by("group", "rank")
    return fields, (
        [
            r.question_id,
            r.group or "combined",
            r.score,
            r.position,
            r.rank,
            r.carried_forward,
        ]
        for r in rows
    )


def _workshop(round_):
    fields = ["position", "question", "text", "notes"]
    rows = WorkshopResult.objects.filter(round=round_).select_related("question")
    return fields, ([w.position, w.question_id, w.question.text, w.notes] for w in rows)


DATASETS = {
    "suggestions": _suggestions,
    "decisions": _decisions,
    "ballots": _ballots,
    "pairwise": _pairwise,
    "scores": _scores,
    "results": _results,
    "workshop": _workshop,
}
FORMATS = ("csv", "json")


def dataset(round_: Round, name: str) -> tuple[list[str], list[list]]:
    if name not in DATASETS:
        raise Http404
    fields, rows = DATASETS[name](round_)
    return fields, list(rows)


def as_dicts(fields: list[str], rows: list[list]) -> list[dict]:
    return [dict(zip(fields, row, strict=True)) for row in rows]


def response_for(round_: Round, name: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    fields, rows = dataset(round_, name)
    if fmt == "csv":
        return csv_download(f"{round_.slug}-{name}", fields, rows)
    body = json.dumps(
        {"round": round_.slug, "dataset": name, "rows": as_dicts(fields, rows)},
        cls=DjangoJSONEncoder,
    )
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = (
        f'attachment; filename="{round_.slug}-{name}.json"'
    )
    return response


@staff_required(perm=CHANGE_PERM)
def export_view(
    request: HttpRequest, slug: str, dataset: str, fmt: str
) -> HttpResponse:
    round_ = get_object_or_404(Round, slug=slug)
    return response_for(round_, dataset, fmt)
