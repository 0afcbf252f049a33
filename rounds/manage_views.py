"""Staff pages of a round: phases, survey import, verifying, results,
exclusions, the workshop; and the expert scorer's page."""

import base64

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.access import participant_required, staff_required

from . import ballots, gathering, phases, reports, results, verifying, workshop
from .forms import (
    DecideForm,
    ExclusionForm,
    ImportMappingForm,
    ImportUploadForm,
    MergeForm,
    PhaseForm,
    RephraseForm,
    ResultsForm,
    WorkshopForm,
)
from .models import (
    Answer,
    Ballot,
    Phase,
    Question,
    QuestionRevision,
    QuestionStatus,
    Round,
    Score,
    ScorerAssignment,
    Suggestion,
    WorkshopResult,
)
from .permissions import CHANGE_PERM
from .views import _attach, closed

SESSION_IMPORT = "rounds-import-{}"
staff_only = staff_required(perm=CHANGE_PERM)


def _round(slug: str) -> Round:
    return get_object_or_404(Round, slug=slug)


@staff_only
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(slug)
    phase_form = PhaseForm(
        request.POST if "to_phase" in request.POST else None,
        initial={"to_phase": round_.next_phase()},
    )
    results_form = ResultsForm(
        request.POST if "carry_forward" in request.POST else None,
        initial={"carry_forward": round_.carry_forward},
    )
    if request.method == "POST":
        form = phase_form if "to_phase" in request.POST else results_form
        if form.is_valid():
            try:
                if form is phase_form:
                    phases.round_change_phase(
                        round_=round_,
                        actor=request.user,
                        to_phase=form.cleaned_data["to_phase"],
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("The round has moved on."))
                else:
                    results.results_store(
                        round_=round_,
                        actor=request.user,
                        carry_forward=form.cleaned_data["carry_forward"],
                    )
                    messages.success(request, _("Results recomputed and stored."))
            except ValidationError as exc:
                _attach(form, exc)
            else:
                return redirect("rounds:manage", slug=round_.slug)
    context = {
        "round": round_,
        "phase_form": phase_form,
        "results_form": results_form,
        "counts": {
            "suggestions": round_.suggestions.count(),
            "questions": round_.questions.count(),
            "shortlist": Question.objects.shortlist().filter(round=round_).count(),
            "ballots": round_.ballots.count(),
            "pairwise": round_.pairwise_votes.count(),
            "excluded": round_.exclusions.count(),
        },
        "changes": round_.changes.select_related("actor"),
        "problems": results.results_check(round_) if round_.results_computed_at else [],
    }
    status = 400 if phase_form.errors or results_form.errors else 200
    return render(request, "rounds/manage.html", context, status=status)


@staff_only
@require_http_methods(["GET", "POST"])
def survey_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload a CSV, map its columns, see the preview and errors, then import."""
    round_ = _round(slug)
    key = SESSION_IMPORT.format(round_.pk)
    upload_form = ImportUploadForm()
    plan = None
    mapping_form = None
    stored = request.session.get(key)
    if request.method == "POST" and "upload" in request.POST:
        upload_form = ImportUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            data = upload_form.cleaned_data["file"].read()
            try:
                header, _rows = gathering.read_csv(data)
            except ValidationError as exc:
                _attach(upload_form, exc)
            else:
                request.session[key] = base64.b64encode(data).decode()
                stored = request.session[key]
                mapping_form = ImportMappingForm(header=header)
                return render(
                    request,
                    "rounds/import.html",
                    {
                        "round": round_,
                        "upload_form": upload_form,
                        "mapping_form": mapping_form,
                    },
                )
        return render(
            request,
            "rounds/import.html",
            {"round": round_, "upload_form": upload_form},
            status=400,
        )
    if request.method == "POST" and stored:
        data = base64.b64decode(stored)
        header, _rows = gathering.read_csv(data)
        mapping_form = ImportMappingForm(request.POST, header=header)
        if mapping_form.is_valid():
            mapping = mapping_form.cleaned_data
            try:
                plan = gathering.plan_import(data, mapping)
                if "confirm" in request.POST:
                    created = gathering.survey_import(
                        round_=round_, actor=request.user, data=data, mapping=mapping
                    )
                    del request.session[key]
                    messages.success(
                        request,
                        _("%(n)d suggestions imported.") % {"n": len(created)},
                    )
                    return redirect("rounds:manage", slug=round_.slug)
            except ValidationError as exc:
                _attach(mapping_form, exc)
    status = (
        400 if (plan and plan.errors) or (mapping_form and mapping_form.errors) else 200
    )
    return render(
        request,
        "rounds/import.html",
        {
            "round": round_,
            "upload_form": upload_form,
            "mapping_form": mapping_form,
            "plan": plan,
            "preview": plan.rows[:50] if plan else [],
        },
        status=status,
    )


@staff_only
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(slug)
    unmerged = list(Suggestion.objects.filter(round=round_, question__isnull=True))
    merge_form = MergeForm(
        request.POST if request.method == "POST" else None, suggestions=unmerged
    )
    if request.method == "POST" and merge_form.is_valid():
        try:
            verifying.question_create(
                round_=round_,
                actor=request.user,
                suggestion_ids=[int(s) for s in merge_form.cleaned_data["suggestions"]],
                text=merge_form.cleaned_data["text"],
            )
        except ValidationError as exc:
            _attach(merge_form, exc)
        else:
            messages.success(request, _("Question created."))
            return redirect("rounds:verify", slug=round_.slug)
    proposals = verifying.proposals(round_) if round_.phase == Phase.VERIFYING else []
    questions = (
        Question.objects.filter(round=round_)
        .annotate(n_sources=Count("sources"))
        .prefetch_related(
            Prefetch("revisions", queryset=QuestionRevision.objects.order_by("pk"))
        )
        .select_related("evidence_factor")
    )
    return render(
        request,
        "rounds/verify.html",
        {
            "round": round_,
            "merge_form": merge_form,
            "proposals": proposals,
            "questions": questions,
            "decide_form": DecideForm(),
            "statuses": QuestionStatus.choices,
        },
        status=400 if merge_form.errors else 200,
    )


@staff_only
@require_POST
def question_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_ = _round(slug)
    question = get_object_or_404(Question, round=round_, pk=pk)
    if "text" in request.POST:
        form = RephraseForm(request.POST)
    else:
        form = DecideForm(request.POST)
    if form.is_valid():
        try:
            if isinstance(form, RephraseForm):
                verifying.question_rephrase(
                    question=question,
                    actor=request.user,
                    text=form.cleaned_data["text"],
                )
            else:
                verifying.question_decide(
                    question=question, actor=request.user, **form.cleaned_data
                )
        except ValidationError as exc:
            _attach(form, exc)
    if form.errors:
        return render(
            request,
            "rounds/question_error.html",
            {"round": round_, "question": question, "form": form},
            status=400,
        )
    messages.success(request, _("Saved."))
    return redirect("rounds:verify", slug=round_.slug)


@staff_only
@require_http_methods(["GET", "POST"])
def exclusions(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(slug)
    form = ExclusionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        found = Ballot.objects.filter(
            round=round_, pk=form.cleaned_data["ballot"]
        ).first()
        if found is None:
            form.add_error("ballot", _("There is no such ballot in this round."))
        else:
            try:
                ballots.exclusion_add(
                    round_=round_,
                    actor=request.user,
                    member=found.member,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                _attach(form, exc)
            else:
                messages.success(request, _("Ballot excluded; results recomputed."))
                return redirect("rounds:exclusions", slug=round_.slug)
    blocked = Ballot.objects.filter(
        round=round_, member__participation_blocked_at__isnull=False
    ).exclude(member__in=round_.exclusions.values("member"))
    return render(
        request,
        "rounds/exclusions.html",
        {
            "round": round_,
            "form": form,
            "blocked": blocked.select_related("member"),
            "exclusions": round_.exclusions.select_related("actor"),
        },
        status=400 if form.errors else 200,
    )


@staff_only
@require_http_methods(["GET", "POST"])
def workshop_entry(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(slug)
    questions = results.carried_forward(round_) or list(
        Question.objects.shortlist().filter(round=round_)
    )
    initial = dict(
        WorkshopResult.objects.filter(round=round_).values_list("question", "position")
    )
    form = WorkshopForm(
        request.POST if request.method == "POST" else None,
        questions=questions,
        initial_positions=initial,
        initial={"notes": round_.workshop_notes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            workshop.workshop_record(
                round_=round_,
                actor=request.user,
                positions=form.cleaned_data["positions"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            _attach(form, exc)
        else:
            messages.success(request, _("The workshop's order is saved."))
            return redirect("rounds:manage", slug=round_.slug)
    return render(
        request,
        "rounds/workshop.html",
        {"round": round_, "form": form},
        status=400 if form.errors else 200,
    )


@staff_only
def workshop_pack(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = _round(slug)
    return render(
        request,
        "rounds/pack.html",
        {
            "round": round_,
            "journeys": reports.journeys(round_),
            "group_labels": round_.group_labels(),
        },
    )


@participant_required
@require_http_methods(["GET", "POST"])
def score(request: HttpRequest, slug: str) -> HttpResponse:
    """An invited expert's CHNRI answers: only their own assignments."""
    round_ = _round(slug)
    assignments = list(
        ScorerAssignment.objects.filter(round=round_, scorer=request.user)
        .select_related("question")
        .order_by("pk")
    )
    if not assignments:
        return closed(request, round_, _("You have no questions to score here."))
    criteria = (
        workshop.criteria_ensure_defaults(round_=round_)
        if round_.phase == Phase.SCORING
        else list(round_.criteria.all())
    )
    errors = []
    if request.method == "POST":
        for assignment in assignments:
            answers = {}
            for criterion in criteria:
                for sub in criterion.sub_questions.all():
                    value = request.POST.get(f"a{assignment.pk}-s{sub.pk}")
                    if value:
                        answers[sub.pk] = value
            if answers:
                try:
                    workshop.scores_save(
                        assignment=assignment, scorer=request.user, answers=answers
                    )
                except ValidationError as exc:
                    errors.extend(exc.messages)
        if not errors:
            messages.success(request, _("Your scores are saved."))
            return redirect("rounds:score", slug=round_.slug)
    given = {
        (s.assignment_id, s.sub_question_id): s.answer
        for s in Score.objects.filter(assignment__in=assignments)
    }
    rows = []
    for assignment in assignments:
        subs = []
        for criterion in criteria:
            for sub in criterion.sub_questions.all():
                subs.append(
                    {
                        "criterion": criterion,
                        "sub": sub,
                        "name": f"a{assignment.pk}-s{sub.pk}",
                        "value": given.get((assignment.pk, sub.pk), ""),
                    }
                )
        rows.append({"assignment": assignment, "subs": subs})
    return render(
        request,
        "rounds/score.html",
        {
            "round": round_,
            "rows": rows,
            "answers": Answer.choices,
            "errors": errors,
            "open": round_.phase == Phase.SCORING,
        },
        status=400 if errors else 200,
    )
