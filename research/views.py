"""Evidence pages. Public views read only published versions (Factor.published(),
PublishedFinding, Recommendation.published()); the staff views read drafts."""

import difflib

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, TemplateView

from portal import access

from . import services
from .filters import FactorFilter
from .models import (
    Direction,
    EvidenceSummary,
    Factor,
    Finding,
    PublishedFinding,
    Recommendation,
    SummaryState,
    SummaryVersion,
)
from .presenters import plots_for, short_source
from .search import search_recommendations

# The staff pages show drafts: who may read evidence summaries in the admin may
# read them here (editors and reviewers, the Moderators group, superusers).
STAFF_PERMISSION = "research.view_evidencesummary"

GROUPS = [
    (Direction.RAISES, gettext_lazy("Linked to a higher risk of NEC")),
    (Direction.LOWERS, gettext_lazy("Linked to a lower risk of NEC")),
    (Direction.NO_CLEAR_EFFECT, gettext_lazy("No clear effect in trials")),
    (Direction.BACKGROUND, gettext_lazy("NEC in numbers")),
]


class EvidenceIndexView(TemplateView):
    template_name = "research/factor_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filterset = FactorFilter(self.request.GET, queryset=Factor.objects.published())
        valid = filterset.is_valid()
        factors = list(filterset.qs) if valid else []
        query = filterset.form.cleaned_data.get("q", "") if valid else ""
        groups = [
            (value, title, [f for f in factors if f.direction == value])
            for value, title in GROUPS
        ]
        recommendations = Recommendation.objects.published()
        if query:
            # A search shows one list, most relevant first, and the
            # recommendations it finds, through the same search as the API.
            groups = [("results", _("Search results"), factors)] if factors else []
            recommendations = search_recommendations(recommendations, query)
        ctx.update(
            filter=filterset,
            groups=[g for g in groups if g[2]],
            factors=factors,
            query=query,
            filtered=bool(self.request.GET),
            recommendations=list(recommendations),
        )
        return ctx


class FactorMixin:
    """Loads a published factor with its published findings and citations."""

    def get_object(self, queryset=None):
        factor = (
            Factor.objects.published()
            .with_published_findings()
            .filter(slug=self.kwargs["slug"])
            .first()
        )
        if factor is None:
            raise Http404(_("No published evidence summary has this address."))
        return factor

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        factor = self.object
        version = factor.current_version
        rows = list(version.findings.all())
        # Statements are quoted in their own block, never plotted or tabulated.
        findings = [f for f in rows if not f.is_statement]
        statements = [f for f in rows if f.is_statement]
        citations = []
        for f in rows:
            if f.citation and f.citation not in citations:
                citations.append(f.citation)
        ctx.update(
            factor=factor,
            version=version,
            findings=findings,
            statements=statements,
            citations=citations,
            plots=plots_for(factor.name, findings),
            sources={f.pk: short_source(f.citation) for f in findings},
        )
        return ctx


class FactorDetailView(FactorMixin, DetailView):
    template_name = "research/factor_detail.html"
    context_object_name = "factor"

    def get_context_data(self, **kwargs):
        # Only the clinician page shows the version history and the staff link.
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            can_compare=access.has_staff_perm(self.request.user, STAFF_PERMISSION),
            history=list(
                SummaryVersion.objects.filter(summary_id=ctx["version"].summary_id)
                .only("number", "published_at", "change_note", "summary_id")
                .order_by("-number")
            ),
        )
        return ctx


class FactorFamilyView(FactorMixin, DetailView):
    template_name = "research/factor_family.html"
    context_object_name = "factor"


class RecommendationListView(ListView):
    template_name = "research/recommendation_list.html"
    context_object_name = "recommendations"

    def get_queryset(self):
        return Recommendation.objects.published()


class RecommendationDetailView(DetailView):
    template_name = "research/recommendation_detail.html"
    context_object_name = "recommendation"
    printable = False

    def get_queryset(self):
        return Recommendation.objects.published()

    def get_template_names(self):
        if self.printable:
            return ["research/recommendation_print.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = list(
            PublishedFinding.objects.current()
            .filter(source_finding__recommendations=self.object)
            .order_by("version__current_for__position", "position")
        )
        ctx.update(
            support=rows,
            site_url=settings.SITE_URL,
        )
        return ctx


# --- Staff --------------------------------------------------------------------------


class StaffDashboardView(access.StaffRequiredMixin, TemplateView):
    staff_permission = STAFF_PERMISSION
    template_name = "research/staff_dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        summaries = list(
            EvidenceSummary.objects.select_related(
                "factor", "factor__current_version", "author", "reviewer"
            ).order_by("next_review_due", "factor__name")
        )
        ctx.update(
            today=today,
            stale=[s for s in summaries if s.factor.current_version and s.is_stale],
            due_soon=list(
                EvidenceSummary.objects.due_soon(settings.RESEARCH_DUE_SOON_DAYS, today)
            ),
            in_review=[s for s in summaries if s.state == SummaryState.IN_REVIEW],
            drafts=[s for s in summaries if s.state == SummaryState.DRAFT],
            waiting_for_me=[
                s
                for s in summaries
                if s.state == SummaryState.IN_REVIEW
                and s.reviewer_id == self.request.user.pk
            ],
            to_verify=list(
                Finding.objects.filter(needs_verification=True)
                .select_related("summary__factor")
                .order_by("summary__factor__name", "position")
            ),
        )
        return ctx


def _lines(texts: dict) -> list[str]:
    lines = []
    for heading in ("clinician_summary", "plain_summary"):
        lines.append(f"## {heading.replace('_', ' ').capitalize()}")
        lines.extend(texts.get(heading, "").splitlines())
    lines.append("## Findings")
    for f in texts.get("findings", []):
        estimate = f.get("estimate")
        interval = (
            f" ({f.get('ci_low')} to {f.get('ci_high')})" if f.get("ci_low") else ""
        )
        cite = f.get("citation") or {}
        lines.append(
            f"- {f.get('outcome')}: {f.get('comparison')} | {f.get('effect_measure')} "
            f"{estimate if estimate is not None else '-'}{interval} "
            f"| {f.get('result_text', '')} | certainty {f.get('certainty') or '-'} "
            f"| {cite.get('doi') or cite.get('pmid') or ''}"
        )
    return lines


def diff_rows(old: dict, new: dict) -> list[tuple[str, str]]:
    """Line-by-line changes between two snapshots: ("same"|"added"|"removed", line)."""
    rows = []
    for line in difflib.ndiff(_lines(old), _lines(new)):
        tag, text = line[:2], line[2:]
        if tag == "? ":
            continue
        kind = {"+ ": "added", "- ": "removed"}.get(tag, "same")
        rows.append((kind, text))
    return rows


class VersionDiffView(access.StaffRequiredMixin, TemplateView):
    """Compare a published version with the one before it, or the working draft
    with the current published version (number 0 in the URL)."""

    staff_permission = STAFF_PERMISSION
    template_name = "research/version_diff.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        summary = get_object_or_404(
            EvidenceSummary.objects.select_related("factor"),
            factor__slug=self.kwargs["slug"],
        )
        number = self.kwargs.get("number")
        versions = {v.number: v for v in summary.versions.all()}
        if number is None:
            new = services.summary_snapshot(
                summary, services.publishable_findings(summary)
            )
            old_version = summary.factor.current_version
            new_label = _("Working draft")
        else:
            if number not in versions:
                raise Http404
            new = versions[number].snapshot
            old_version = versions.get(number - 1)
            new_label = _("Version %(n)s") % {"n": number}
        old = old_version.snapshot if old_version else {}
        old_label = (
            _("Version %(n)s") % {"n": old_version.number}
            if old_version
            else _("Nothing published before")
        )
        ctx.update(
            summary=summary,
            rows=diff_rows(old, new),
            old_label=old_label,
            new_label=new_label,
            versions=sorted(versions.values(), key=lambda v: -v.number),
        )
        return ctx
