"""Web pages for research priorities. Thin: a form validates, one service acts."""

import hashlib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.access import (
    CANNOT_PARTICIPATE_TEMPLATE,
    has_staff_perm,
    participant_required,
)
from portal.forms import add_service_errors
from portal.http import safe_next
from portal.models import StakeholderGroup
from portal.ratelimit import action_limited

from . import exports, services, similarity, voting
from .filters import PriorityFilter
from .forms import MergeForm, PriorityForm, ProposeForm, TransitionForm
from .lookups import visible_priority_or_404
from .models import (
    SORT_LABELS,
    SORTS,
    Priority,
    Status,
    Vote,
)

# A search typed by staff may score low and still be what they want.
MERGE_SEARCH_THRESHOLD = 0.05

GROUP_LABELS = {
    StakeholderGroup.FAMILY: gettext_lazy("Families"),
    StakeholderGroup.CLINICIAN: gettext_lazy("Clinicians"),
    StakeholderGroup.RESEARCHER: gettext_lazy("Researchers"),
    StakeholderGroup.OTHER: gettext_lazy("Others"),
}


def _error_text(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


# --- Browsing -------------------------------------------------------------------------


class CappedPaginator(Paginator):
    """Pages up to PRIORITIES_MAX_PAGES deep; a later page number shows the last.

    A deep OFFSET reads and skips every row before it; past the cap, filters and
    search narrow the list instead (the API pages any depth with cursors).
    """

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, settings.PRIORITIES_MAX_PAGES)

    @property
    def capped(self) -> bool:
        return self.count > self.num_pages * self.per_page

    @cached_property
    def count(self) -> int:
        """Counted live for short lists; a list longer than the pages shown
        (a count scans every matching row) keeps its count for a minute per
        filter and viewer. Pages are sliced up to the count, and the pages
        shown end before it, so a count a minute old never cuts a page short."""
        try:
            sql = str(self.object_list.query)
        except EmptyResultSet:
            return 0
        key = "priorities:list-count:" + hashlib.sha256(sql.encode()).hexdigest()
        found = cache.get(key)
        if found is not None:
            return found
        counted = super().count
        if counted >= settings.PRIORITIES_MAX_PAGES * self.per_page:
            cache.set(key, counted, 60)
        return counted


@require_GET
def priority_list(request: HttpRequest) -> HttpResponse:
    base = Priority.objects.listed_for(request.user).with_related()
    filterset = PriorityFilter(request.GET or None, queryset=base)
    sort = request.GET.get("sort", "balanced")
    if sort not in SORTS:
        sort = "balanced"
    filterset.form.label_suffix = ""
    if not filterset.is_bound:
        queryset = base
    elif filterset.is_valid():
        queryset = filterset.qs
    else:
        queryset = base.none()
    queryset = queryset.sorted_by(sort)
    paginator = CappedPaginator(queryset, settings.PRIORITIES_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    supported: set[int] = set()
    if request.user.is_authenticated:
        supported = set(
            Vote.objects.filter(
                user=request.user, priority_id__in=[p.pk for p in page]
            ).values_list("priority_id", flat=True)
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "priorities/priority_list.html",
        {
            "filter": filterset,
            "page": page,
            "sort": sort,
            "sorts": SORT_LABELS,
            "supported": supported,
            "querystring": query.urlencode(),
            "export_url": reverse("priorities:export_csv"),
            "pages_capped": paginator.capped,
        },
    )


def _chart(priority: Priority) -> list[dict]:
    """Supporters per group for the bar chart and its text equivalent."""
    rows = []
    top = max(
        (getattr(priority, f"supporters_{g}") for g in services.GROUPS), default=0
    )
    for position, group in enumerate(services.GROUPS):
        count = getattr(priority, f"supporters_{group}")
        rows.append(
            {
                "group": group,
                "label": GROUP_LABELS[group],
                "count": count,
                # Bar length in the SVG's 0-100 coordinate space.
                "width": round(100 * count / top, 1) if top else 0,
                "y": position * 28,
                "text_y": position * 28 + 15,
            }
        )
    return rows


def _vote_context(request: HttpRequest, priority: Priority) -> dict:
    supports = request.user.is_authenticated and (
        Vote.objects.filter(priority=priority, user=request.user).exists()
    )
    return {"priority": priority, "supports": supports}


def _cited_factors(priority: Priority) -> list:
    """Published factors the priority cites, each carrying its link (one query).

    Drafts are filtered out in the query (EvidenceLink.objects.published()), so
    a summary still in review never appears here.
    """
    factors = []
    for link in priority.evidence_links.published():
        link.factor.evidence_link = link
        factors.append(link.factor)
    return factors


@require_GET
def priority_detail(request: HttpRequest, pk: int) -> HttpResponse:
    merged = Priority.objects.filter(pk=pk, status=Status.MERGED).first()
    if merged is not None and merged.merged_into_id:
        # The old address of a duplicate keeps working: it leads to the priority
        # its supports were moved to.
        messages.info(
            request,
            _(
                "The priority you opened was merged into this one, which asks the "
                "same question. Its supports were moved here."
            ),
        )
        return redirect("priorities:detail", merged.merged_into_id)
    priority = visible_priority_or_404(request.user, pk)
    user = request.user
    context = {
        **_vote_context(request, priority),
        "tags": list(priority.tags.all()),
        "timeline": list(priority.status_changes.select_related("actor")),
        "revisions": list(priority.revisions.select_related("edited_by")),
        "evidence": _cited_factors(priority),
        "chart": _chart(priority),
        "can_edit": services.priority_can_edit(priority, user),
        "score_percent": round(priority.balanced_score * 100, 1),
    }
    transitions = services.allowed_transitions(priority, user)
    if transitions:
        form = TransitionForm()
        form.fields["to_status"].choices = [(s, Status(s).label) for s in transitions]
        context["transition_form"] = form
    if has_staff_perm(user, services.CHANGE_PERM) and Status.MERGED in (
        services.TRANSITIONS.get(priority.status, ())
    ):
        # The targets offered: what the engine finds for the words staff
        # searched for, or else for this priority's own question.
        merge_q = similarity.clean_query(request.GET.get("merge_q"))[:200]
        text = merge_q or f"{priority.title}\n{priority.description}"
        found = similarity.similar(
            text,
            limit=10,
            exclude=[priority.pk],
            threshold=MERGE_SEARCH_THRESHOLD if merge_q else None,
        )
        candidates = [p for p, _score in found if p.is_open]
        context["merge_q"] = merge_q
        context["merge_candidates"] = candidates
        context["merge_form"] = MergeForm(
            prefix=f"merge-{priority.pk}", candidates=candidates
        )
    return render(request, "priorities/priority_detail.html", context)


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    """The open-data CSV of what the public listing shows."""
    return exports.csv_response(
        exports.export_rows(Priority.objects.public()), "nec-research-priorities.csv"
    )


# --- Proposing and editing ------------------------------------------------------------


@require_GET
def similar(request: HttpRequest) -> HttpResponse:
    """The "similar priorities" fragment shown while typing a question."""
    title = request.GET.get("title", "")[:200]
    if action_limited(request, "priority-similar"):
        # Typing fast is not an error: show nothing until the next keystroke.
        title = ""
    found = [p for p, _score in similarity.similar(title)]
    return render(
        request, "priorities/_similar.html", {"similar": found, "checked": True}
    )


@participant_required
@require_http_methods(["GET", "POST"])
def priority_create(request: HttpRequest) -> HttpResponse:
    form = ProposeForm(request.POST or None)
    similar_found: list[Priority] = []
    status = 200
    if request.method == "POST":
        if action_limited(request, "priority-submit"):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "You have proposed several priorities in a short time. Please "
                    "wait an hour before proposing another; your text is kept below."
                ),
            )
            status = 429
        elif not form.is_valid():
            status = 400
        else:
            data = form.cleaned_data
            similar_found = [p for p, _s in similarity.similar(data["title"])]
            if similar_found and not data["confirm_distinct"]:
                form.add_error(
                    None,
                    _(
                        "Some existing priorities look similar. Could you support "
                        "one of them instead? If yours asks something else, tick "
                        "the box below and send it again."
                    ),
                )
            else:
                try:
                    priority = services.priority_submit(
                        author=request.user,
                        title=data["title"],
                        description=data["description"],
                        topic=data["topic"],
                        tags=data["tags"],
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                    status = 400
                else:
                    if priority.status == Status.PENDING:
                        messages.success(
                            request,
                            _(
                                "Thank you. Your priority waits for a short review "
                                "by our team; only you can see it until then."
                            ),
                        )
                    else:
                        messages.success(request, _("Your priority is published."))
                    return redirect(priority)
    if not similar_found:
        # The confirmation only makes sense next to a list of similar questions.
        form.fields["confirm_distinct"].widget = forms.HiddenInput()
    return render(
        request,
        "priorities/priority_form.html",
        {"form": form, "similar": similar_found, "creating": True},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def priority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    priority = visible_priority_or_404(request.user, pk)
    if not services.priority_can_edit(priority, request.user):
        return render(
            request,
            "priorities/cannot_edit.html",
            {"priority": priority},
            status=403,
        )
    initial = {
        "title": priority.title,
        "description": priority.description,
        "topic": priority.topic,
        "tags": ", ".join(t.name for t in priority.tags.all()),
    }
    form = PriorityForm(request.POST or None, initial=initial)
    form.fields["title"].widget.attrs.pop("hx-get", None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.priority_edit(
                priority=priority,
                editor=request.user,
                title=data["title"],
                description=data["description"],
                topic=data["topic"],
                tags=data["tags"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(priority)
    return render(
        request,
        "priorities/priority_form.html",
        {"form": form, "priority": priority, "creating": False},
        status=400 if form.is_bound and form.errors else 200,
    )


# --- Voting ---------------------------------------------------------------------------


@require_POST
def priority_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """Support or withdraw; htmx gets the button back, others a redirect."""
    if not request.user.is_authenticated:
        login = redirect_to_login(reverse("priorities:detail", args=[pk]))
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login["Location"]
            return response
        return login
    priority = visible_priority_or_404(request.user, pk)
    error = message = ""
    if action_limited(request, "priority-vote"):
        error = _("You are changing supports very fast. Wait a minute and try again.")
    else:
        try:
            if request.POST.get("action") == "withdraw":
                if voting.vote_withdraw(user=request.user, priority=priority):
                    message = _("Your support was withdrawn.")
                else:
                    message = _("You were not supporting this priority.")
            else:
                if voting.vote_cast(user=request.user, priority=priority):
                    message = _("Thank you: your support is counted.")
                else:
                    message = _("You already support this priority.")
        except PermissionDenied as exc:
            if not request.htmx:
                return render(
                    request, CANNOT_PARTICIPATE_TEMPLATE, {"reason": exc}, status=403
                )
            # htmx swaps only what comes back with 200: the refusal shows in the box.
            error = str(exc)
        except ValidationError as exc:
            error = _error_text(exc)
    if request.htmx:
        priority.refresh_from_db()
        context = {
            **_vote_context(request, priority),
            "vote_error": error,
            "vote_message": message,
            # On the detail page the chart and score change too (htmx out-of-band).
            "on_detail": request.POST.get("from") == "detail",
            "chart": _chart(priority),
            "score_percent": round(priority.balanced_score * 100, 1),
        }
        # Errors come back with 200 so htmx swaps the fragment that shows them.
        return render(request, "priorities/_vote.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, message)
    return redirect(safe_next(request, priority.get_absolute_url()))


# --- Lifecycle and moderation ---------------------------------------------------------


@login_required
@require_POST
def priority_transition(request: HttpRequest, pk: int) -> HttpResponse:
    priority = visible_priority_or_404(request.user, pk)
    form = TransitionForm(request.POST)
    back = safe_next(request, priority.get_absolute_url())
    if not form.is_valid():
        messages.error(request, _("Choose a new status."))
        return redirect(back)
    # A missing right (not staff, not the author withdrawing) raises
    # PermissionDenied, which Django answers with the 403 page.
    try:
        services.priority_transition(
            priority=priority,
            actor=request.user,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request,
            _("“%(title)s” is now: %(status)s.")
            % {"title": priority.title, "status": priority.get_status_display()},
        )
    return redirect(back)
