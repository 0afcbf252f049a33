"""Publishing in the admin: the workflow form behind a summary's Workflow button,
practice recommendations, and read-only records of what was published. Registered in
research/admin.py."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from portal.admin_mixins import ReadOnlyAdminMixin
from portal.models import User

from . import services


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("You may not do this.")


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Records of what was published: staff may look, nobody may change them."""


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
        # Only people who may publish: a draft sent to anyone else would wait
        # for a review nobody can give.
        self.fields["reviewer"].queryset = (
            User.objects.active_staff()
            .with_perm(services.REVIEW_PERMISSION)
            .exclude(pk=user.pk)
            .order_by("display_name")
        )

    def clean(self):
        data = super().clean()
        if data.get("action") == "submit" and not data.get("reviewer"):
            self.add_error("reviewer", _("Choose a reviewer."))
        return data


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


class PublishedFindingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "version", "effect_measure", "estimate", "certainty"]
    list_filter = ["certainty", "outcome"]
    search_fields = ["comparison", "version__factor_name"]
    list_select_related = ["version"]


class RecommendationAdmin(TranslationAdmin):
    list_display = [
        "title",
        "strength",
        "certainty",
        "position",
        "published_at",
        "updated_at",
    ]
    list_editable = ["position"]
    list_filter = [
        ("published_at", admin.EmptyFieldListFilter),
        "strength",
        "certainty",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "position"]}),
        (
            _("Grading (GRADE)"),
            {"fields": ["strength", "certainty", "grading_note"]},
        ),
        (None, {"fields": ["supporting_findings", "published_at"]}),
    ]
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
                self.message_user(request, f"{rec}: {error_text(exc)}", messages.ERROR)

    @admin.action(description=_("Take off the public site"))
    def unpublish(self, request, queryset):
        for rec in queryset:
            services.recommendation_unpublish(by=request.user, recommendation=rec)


class StaleReviewDigestAdmin(ReadOnlyAdmin):
    list_display = ["week", "sent_at", "summary_count", "recipient_count"]
