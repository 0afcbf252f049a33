"""Round pages for everyone and for members taking part.

Staff pages are in manage_views.py; exports in exports.py.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.access import has_staff_perm, participant_required

from . import ballots, gathering, reports
from .forms import BallotForm, PairwiseForm, SuggestionForm
from .models import (
    Phase,
    Question,
    RankingMode,
    Round,
    ScorerAssignment,
)
from .permissions import CHANGE_PERM


def _round(request: HttpRequest, slug: str) -> Round:
    round_ = get_object_or_404(Round, slug=slug)
    if round_.phase == Phase.DRAFT and not has_staff_perm(request.user, CHANGE_PERM):
        raise Http404
    return round_


def closed(request: HttpRequest, round_: Round, reason) -> HttpResponse:
    """The 403 page saying why this member cannot take this step of the round."""
    return render(
        request, "rounds/closed.html", {"round": round_, "reason": reason}, status=403
    )


def results_visible(round_: Round, user) -> bool:
    """Interim results show once ranking has closed, or during it when the
    round does not hide them; staff always see them."""
    if has_staff_perm(user, CHANGE_PERM):
        return True
    if round_.phase == Phase.RANKING:
        return not round_.hide_running_results
    return round_.phase in (Phase.SCORING, Phase.WORKSHOP, Phase.PUBLISHED)


def round_list(request: HttpRequest) -> HttpResponse:
    rounds = Round.objects.public()
    return render(request, "rounds/round_list.html", {"rounds": rounds})


def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(request, slug)
    user = request.user
    context = {
        "round": round_,
        "shortlist": Question.objects.shortlist().filter(round=round_),
        "can_manage": has_staff_perm(user, CHANGE_PERM),
        "show_results": results_visible(round_, user)
        and round_.results_computed_at is not None,
        "changes": round_.changes.all(),
    }
    if user.is_authenticated:
        context["own_ballot"] = ballots.own_ballot(round_, user)
        context["assignments"] = ScorerAssignment.objects.filter(
            round=round_, scorer=user
        ).count()
    if context["show_results"]:
        context["journeys"] = reports.journeys(round_)
        context["top10"] = context["journeys"][:10]
        context["sort"] = request.GET.get("sort", "")
        context["shortlist_rows"] = reports.sort_journeys(
            context["journeys"], context["sort"]
        )
        context["participation"] = reports.participation(round_)
        context["chart"] = reports.side_by_side_chart(round_)
        context["over_time"] = reports.participation_over_time(round_)
        context["group_labels"] = round_.group_labels()
    return render(request, "rounds/round_detail.html", context)


def method_statement(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(request, slug)
    if not results_visible(round_, request.user):
        raise Http404
    return render(
        request,
        "rounds/method.html",
        {"round": round_, "paragraphs": reports.method_statement(round_)},
    )


@participant_required
@require_http_methods(["GET", "POST"])
def suggest(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(request, slug)
    if round_.phase != Phase.GATHERING:
        return closed(request, round_, _("This round is not gathering questions now."))
    form = SuggestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            gathering.suggestion_submit(
                round_=round_,
                author=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                topic=form.cleaned_data["topic"],
            )
        except ValidationError as exc:
            _attach(form, exc)
        else:
            messages.success(request, _("Thank you: your question is in the round."))
            return redirect(round_)
    return render(request, "rounds/suggest.html", {"round": round_, "form": form})


def _attach(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


@participant_required
@require_http_methods(["GET", "POST"])
def ballot(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(request, slug)
    reason = ballots.refusal(round_, request.user, RankingMode.BALLOT)
    if reason:
        return closed(request, round_, reason)
    questions = list(Question.objects.shortlist().filter(round=round_))
    form = BallotForm(
        request.POST if request.method == "POST" else None,
        round_=round_,
        questions=questions,
        initial_ids=ballots.own_ballot(round_, request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            ballots.ballot_save(
                round_=round_,
                member=request.user,
                question_ids=form.cleaned_data["question_ids"],
            )
        except ValidationError as exc:
            _attach(form, exc)
        else:
            messages.success(
                request,
                _("Your ranking is saved. You can change it until ranking closes."),
            )
            return redirect("rounds:ballot", slug=round_.slug)
    status = 400 if form.errors else 200
    return render(
        request,
        "rounds/ballot.html",
        {"round": round_, "form": form, "questions": questions},
        status=status,
    )


@participant_required
@require_http_methods(["GET", "POST"])
def pairwise(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(request, slug)
    reason = ballots.refusal(round_, request.user, RankingMode.PAIRWISE)
    if reason:
        return closed(request, round_, reason)
    form = PairwiseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ballots.pairwise_vote(
                round_=round_,
                member=request.user,
                first_id=form.cleaned_data["first"],
                second_id=form.cleaned_data["second"],
                choice=form.cleaned_data["choice"],
            )
        except ValidationError as exc:
            _attach(form, exc)
        else:
            return redirect("rounds:pairwise", slug=round_.slug)
    pair = ballots.pair_for(round_, request.user)
    questions = Question.objects.in_bulk(pair) if pair else {}
    return render(
        request,
        "rounds/pairwise.html",
        {
            "round": round_,
            "form": form,
            "first": questions.get(pair[0]) if pair else None,
            "second": questions.get(pair[1]) if pair else None,
        },
        status=400 if form.errors else 200,
    )
