"""Staff edit evidence here. Every write goes through research.services, so the
admin follows the same workflow rules as everything else.

This module holds the admin of factors, summaries and findings, and registers every
research model (Django's admin only discovers this module). Citations are in
admin_citations.py; the workflow form, recommendations and the read-only records of
what was published are in admin_publishing.py.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from . import services
from .admin_citations import CitationAdmin
from .admin_publishing import (
    PublishedFindingAdmin,
    RecommendationAdmin,
    StaleReviewDigestAdmin,
    SummaryVersionAdmin,
    WorkflowForm,
    error_text,
)
from .models import (
    Citation,
    EvidenceSummary,
    Factor,
    Finding,
    PublishedFinding,
    Recommendation,
    StaleReviewDigest,
    SummaryState,
    SummaryVersion,
)
from .readability import TARGET_AVERAGE, TARGET_LONGEST, sentence_stats

# --- Factors and summaries ----------------------------------------------------------


class FactorAdmin(TranslationAdmin):
    list_display = ["name", "direction", "slug", "position", "is_published"]
    list_editable = ["position"]
    list_filter = ["direction", ("current_version", admin.EmptyFieldListFilter)]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["current_version"]
    fields = [
        "name",
        "slug",
        "direction",
        "position",
        "our_position",
        "sources_disagree",
    ]

    @admin.display(boolean=True, description=_("published"))
    def is_published(self, obj):
        return obj.current_version_id is not None

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.summary_for_factor(factor=obj)


class FindingInline(admin.TabularInline):
    """A read-only list: findings are edited on their own page (FindingAdmin)."""

    model = Finding
    fields = [
        "outcome",
        "comparison",
        "effect_measure",
        "estimate",
        "ci_low",
        "ci_high",
        "certainty",
        "citation",
        "needs_verification",
    ]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class StaleFilter(admin.SimpleListFilter):
    title = _("review date")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("stale", _("Past due")), ("ok", _("Within date"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "stale":
            return queryset.filter(pk__in=EvidenceSummary.objects.stale(today))
        if self.value() == "ok":
            return queryset.filter(
                Q(next_review_due__gte=today) | Q(next_review_due__isnull=True)
            )
        return queryset


class EvidenceSummaryAdmin(admin.ModelAdmin):
    list_display = [
        "factor",
        "state",
        "author",
        "reviewer",
        "last_reviewed",
        "next_review_due",
        "stale",
        "published_version",
    ]
    list_filter = ["state", "factor__direction", StaleFilter]
    search_fields = ["factor__name", "clinician_summary", "plain_summary"]
    list_select_related = ["factor", "factor__current_version", "author", "reviewer"]
    fields = [
        "factor",
        "workflow",
        "state",
        "author",
        "reviewer",
        "review_note",
        "submitted_at",
        "last_reviewed",
        "next_review_due",
        "change_note",
        "clinician_summary",
        # Both languages side by side; figures stay in the findings, untranslated.
        ("plain_summary_en", "plain_summary_es"),
        "plain_language_check",
    ]
    readonly_fields = [
        "factor",
        "workflow",
        "state",
        "author",
        "reviewer",
        "review_note",
        "submitted_at",
        "last_reviewed",
        "plain_language_check",
    ]
    inlines = [FindingInline]
    actions = ["publish_selected"]

    def has_add_permission(self, request):
        return False  # a summary is created with its factor

    @admin.display(boolean=True, description=_("past review date"))
    def stale(self, obj):
        return obj.factor.current_version_id is not None and obj.is_stale

    @admin.display(description=_("public version"))
    def published_version(self, obj):
        version = obj.factor.current_version
        return f"v{version.number}" if version else "—"

    @admin.display(description=_("plain-language check"))
    def plain_language_check(self, obj):
        stats = sentence_stats(obj.plain_summary)
        if not stats.sentences:
            return "—"
        verdict = (
            _("Within the target.")
            if stats.within_target
            else _("Shorten some sentences.")
        )
        return format_html(
            "{} {}<br>{}",
            _(
                "Average %(avg)s words per sentence (target %(target)s or fewer); "
                "longest %(longest)s words (target %(max)s or fewer)."
            )
            % {
                "avg": stats.average_words,
                "target": TARGET_AVERAGE,
                "longest": stats.longest_words,
                "max": TARGET_LONGEST,
            },
            verdict,
            _("Longest: “%(s)s”") % {"s": stats.longest_sentence},
        )

    @admin.display(description=_("workflow"))
    def workflow(self, obj):
        if obj.pk is None:
            return "—"
        return format_html(
            '<a class="button" href="{}">{}</a> <a href="{}">{}</a>',
            reverse("admin:research_evidencesummary_workflow", args=[obj.pk]),
            _("Send for review, publish or send back"),
            reverse("research:draft_diff", args=[obj.factor.slug]),
            _("Compare with the published version"),
        )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        services.summary_update(
            by=request.user,
            summary=obj,
            clinician_summary=data.get("clinician_summary"),
            plain_summary=data.get("plain_summary_en"),
            plain_summary_es=data.get("plain_summary_es"),
            change_note=data.get("change_note"),
            next_review_due=data.get("next_review_due"),
        )

    def has_change_permission(self, request, obj=None):
        return services.is_editor(request.user) or services.is_reviewer(request.user)

    @admin.action(description=_("Publish (you must be the named reviewer)"))
    def publish_selected(self, request, queryset):
        for summary in queryset.filter(state=SummaryState.IN_REVIEW):
            try:
                version = services.summary_publish(by=request.user, summary=summary)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(
                    request, f"{summary}: {error_text(exc)}", messages.ERROR
                )
            else:
                self.message_user(
                    request,
                    _("%(factor)s: version %(n)s published.")
                    % {"factor": summary, "n": version.number},
                    messages.SUCCESS,
                )

    def get_urls(self):
        return [
            path(
                "<int:pk>/workflow/",
                self.admin_site.admin_view(self.workflow_view),
                name="research_evidencesummary_workflow",
            ),
            *super().get_urls(),
        ]

    def workflow_view(self, request, pk):
        summary = get_object_or_404(
            EvidenceSummary.objects.select_related("factor", "author", "reviewer"),
            pk=pk,
        )
        if not self.has_view_permission(request, summary):
            raise PermissionDenied
        form = WorkflowForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            action = form.cleaned_data["action"]
            try:
                if action == "submit":
                    services.summary_submit_for_review(
                        by=request.user,
                        summary=summary,
                        reviewer=form.cleaned_data["reviewer"],
                    )
                    done = _("Sent for review.")
                elif action == "publish":
                    version = services.summary_publish(by=request.user, summary=summary)
                    done = _("Version %(n)s is published.") % {"n": version.number}
                elif action == "return":
                    services.summary_return_to_draft(
                        by=request.user, summary=summary, note=form.cleaned_data["note"]
                    )
                    done = _("Sent back to the author as a draft.")
                else:
                    services.summary_withdraw(by=request.user, summary=summary)
                    done = _("Withdrawn from the public site.")
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, error_text(exc))
            else:
                messages.success(request, done)
                return redirect("admin:research_evidencesummary_change", summary.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Workflow: %(factor)s") % {"factor": summary.factor},
            "summary": summary,
            "form": form,
            "opts": self.model._meta,
            "to_verify": summary.findings.filter(needs_verification=True).count(),
        }
        return TemplateResponse(
            request, "admin/research/evidencesummary/workflow.html", context
        )


class FindingAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "summary",
        "effect_measure",
        "estimate",
        "ci_low",
        "ci_high",
        "certainty",
        "needs_verification",
        "citation",
    ]
    list_filter = [
        "needs_verification",
        "certainty",
        "outcome",
        "effect_measure",
        "summary__factor",
    ]
    search_fields = ["comparison", "outcome_detail", "source_text", "result_text"]
    list_select_related = ["summary__factor", "citation"]
    autocomplete_fields = ["citation"]
    fieldsets = [
        (None, {"fields": ["summary", "position", "outcome", "outcome_detail"]}),
        (
            _("Result"),
            {
                "fields": [
                    "comparison",
                    "effect_measure",
                    "measure_detail",
                    "estimate",
                    "ci_low",
                    "ci_high",
                    "result_text",
                    "studies",
                    "participants",
                ]
            },
        ),
        (_("Certainty"), {"fields": ["certainty", "certainty_note"]}),
        (
            _("Source"),
            {
                "fields": [
                    "citation",
                    "source_text",
                    "needs_verification",
                    "verification_note",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        services.finding_save(by=request.user, finding=obj)

    def delete_model(self, request, obj):
        services.finding_delete(by=request.user, finding=obj)

    def delete_queryset(self, request, queryset):
        for finding in queryset:
            services.finding_delete(by=request.user, finding=finding)


# --- Registrations: here only, the module Django's admin autodiscovers ---------------

admin.site.register(Citation, CitationAdmin)
admin.site.register(Factor, FactorAdmin)
admin.site.register(EvidenceSummary, EvidenceSummaryAdmin)
admin.site.register(Finding, FindingAdmin)
admin.site.register(SummaryVersion, SummaryVersionAdmin)
admin.site.register(PublishedFinding, PublishedFindingAdmin)
admin.site.register(Recommendation, RecommendationAdmin)
admin.site.register(StaleReviewDigest, StaleReviewDigestAdmin)
