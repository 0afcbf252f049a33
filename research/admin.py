"""Staff edit evidence here. Every write goes through research.services, so the
admin follows the same workflow rules as everything else."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.admin_mixins import ReadOnlyAdminMixin

from . import services
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


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("You may not do this.")


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Records of what was published: staff may look, nobody may change them."""


# --- Citations ----------------------------------------------------------------------

CITATION_FIELDS = ["authors", "year", "title", "journal", "doi", "pmid", "note"]


class CitationForm(forms.ModelForm):
    # Wider than the stored columns: people paste links and "PMID: ..." labels,
    # which clean_doi/clean_pmid strip before saving.
    doi = forms.CharField(
        label=_("DOI"),
        max_length=300,
        required=False,
        help_text=Citation._meta.get_field("doi").help_text,
    )
    pmid = forms.CharField(
        label=_("PMID"),
        max_length=80,
        required=False,
        help_text=Citation._meta.get_field("pmid").help_text,
    )

    class Meta:
        model = Citation
        fields = CITATION_FIELDS

    def clean(self):
        data = super().clean()
        if not self.errors:
            data["doi"], data["pmid"] = services.citation_ids_clean(
                doi=data.get("doi", ""), pmid=data.get("pmid", "")
            )
        return data


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    form = CitationForm
    list_display = ["__str__", "journal", "doi_link", "pubmed_link", "updated_at"]
    list_filter = ["year"]
    search_fields = ["authors", "title", "journal", "doi", "pmid"]

    @admin.display(description=_("DOI"))
    def doi_link(self, obj):
        if not obj.doi:
            return "—"
        return format_html('<a href="{}" rel="noopener">{}</a>', obj.doi_url, obj.doi)

    @admin.display(description=_("PMID"))
    def pubmed_link(self, obj):
        if not obj.pmid:
            return "—"
        return format_html(
            '<a href="{}" rel="noopener">{}</a>', obj.pubmed_url, obj.pmid
        )

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in CITATION_FIELDS}
        if change:
            services.citation_update(by=request.user, citation=obj, **fields)
        else:
            obj.pk = services.citation_create(by=request.user, **fields).pk


# --- Factors and summaries ----------------------------------------------------------


@admin.register(Factor)
class FactorAdmin(admin.ModelAdmin):
    list_display = ["name", "direction", "slug", "position", "is_published"]
    list_editable = ["position"]
    list_filter = ["direction", ("current_version", admin.EmptyFieldListFilter)]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["current_version"]

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


@admin.register(EvidenceSummary)
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
        "plain_summary",
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
            plain_summary=data.get("plain_summary"),
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
                    request, f"{summary}: {_error_text(exc)}", messages.ERROR
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
                messages.error(request, _error_text(exc))
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


class WorkflowForm(forms.Form):
    ACTIONS = [
        ("submit", _("Send this draft for review (you become its author)")),
        ("publish", _("Publish (named reviewer only)")),
        ("return", _("Send back to the author as a draft (named reviewer only)")),
        ("withdraw", _("Withdraw from the public site (reviewers only)")),
    ]
    action = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=ACTIONS,
        widget=forms.RadioSelect,
    )
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"),
        queryset=None,
        required=False,
        help_text=_("Staff with the review permission; never the author."),
    )
    note = forms.CharField(
        label=_("Note for the author"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["reviewer"].queryset = (
            get_user_model()
            .objects.filter(is_staff=True, is_active=True, deleted_at__isnull=True)
            .exclude(pk=user.pk)
            .order_by("display_name")
        )

    def clean(self):
        data = super().clean()
        if data.get("action") == "submit" and not data.get("reviewer"):
            self.add_error("reviewer", _("Choose a reviewer."))
        return data


@admin.register(Finding)
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


@admin.register(SummaryVersion)
class SummaryVersionAdmin(ReadOnlyAdmin):
    list_display = [
        "factor_name",
        "number",
        "published_at",
        "author_name",
        "reviewer_name",
        "change_note",
        "compare",
    ]
    list_filter = ["direction"]
    search_fields = ["factor_name", "clinician_summary", "plain_summary"]
    list_select_related = ["summary__factor"]

    @admin.display(description=_("changes"))
    def compare(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse(
                "research:version_diff", args=[obj.summary.factor.slug, obj.number]
            ),
            _("compare with previous"),
        )


@admin.register(PublishedFinding)
class PublishedFindingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "version", "effect_measure", "estimate", "certainty"]
    list_filter = ["certainty", "outcome"]
    search_fields = ["comparison", "version__factor_name"]
    list_select_related = ["version"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["title", "position", "published_at", "updated_at"]
    list_editable = ["position"]
    list_filter = [("published_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["supporting_findings"]
    readonly_fields = ["published_at"]
    actions = ["publish", "unpublish"]

    def has_change_permission(self, request, obj=None):
        # A published recommendation is live: only reviewers may change it.
        if (
            obj is not None
            and obj.published_at
            and not services.is_reviewer(request.user)
        ):
            return False
        return super().has_change_permission(request, obj)

    @admin.action(description=_("Publish (needs published supporting findings)"))
    def publish(self, request, queryset):
        for rec in queryset:
            try:
                services.recommendation_publish(by=request.user, recommendation=rec)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, f"{rec}: {_error_text(exc)}", messages.ERROR)

    @admin.action(description=_("Take off the public site"))
    def unpublish(self, request, queryset):
        for rec in queryset:
            services.recommendation_unpublish(by=request.user, recommendation=rec)


@admin.register(StaleReviewDigest)
class StaleReviewDigestAdmin(ReadOnlyAdmin):
    list_display = ["week", "sent_at", "summary_count", "recipient_count"]
