"""Admin for topics, tags, priorities and votes.

Tallies and statuses are never typed in by hand: tallies are read-only (the
`recompute_tallies` command rebuilds them), status changes go through the
lifecycle service (the actions below, or the site's moderation queue) so that
each one is checked, logged and notified.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from portal.admin_mixins import ReadOnlyAdminMixin

from . import services, similarity
from .models import (
    DuplicateDismissal,
    EvidenceLink,
    GroupVoterCount,
    Priority,
    PriorityRevision,
    Status,
    StatusChange,
    SynonymGroup,
    Tag,
    Topic,
    Vote,
)


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position", "priority_count"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_priorities=Count("priorities"))

    @admin.display(description=_("priorities"), ordering="_priorities")
    def priority_count(self, obj) -> int:
        return obj._priorities


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class StatusChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = StatusChange
    fields = ["created_at", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields
    extra = 0


class PriorityRevisionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PriorityRevision
    fields = ["created_at", "edited_by", "title", "description"]
    readonly_fields = fields
    extra = 0


class FactorChoiceField(forms.ModelChoiceField):
    """Says which summaries are still drafts: their links stay off the site."""

    def label_from_instance(self, obj) -> str:
        if obj.current_version_id is None:
            return _("%(name)s (draft: shown once published)") % {"name": obj.name}
        return obj.name


class EvidenceLinkInline(admin.TabularInline):
    """Staff cite evidence on a priority: "already answered" or "still uncertain".

    Reaching it takes the admin (staff only) and the priorities.*_evidencelink
    permissions, which the Moderators group has.
    """

    model = EvidenceLink
    fields = ["factor", "relation", "note", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]
    extra = 0
    verbose_name = _("evidence this priority cites")
    verbose_name_plural = _("What the evidence says")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "factor":
            from research.models import Factor

            kwargs["form_class"] = FactorChoiceField
            kwargs["queryset"] = Factor.objects.order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


TALLIES = [
    "supporters_family",
    "supporters_clinician",
    "supporters_researcher",
    "supporters_other",
    "supporters_total",
    "balanced_score",
    "trending_score",
    "comment_count",
    "stance_favour",
    "stance_neutral",
    "stance_against",
    "flag_count",
]


def _transition_action(to_status: str, label: str):
    def run(modeladmin, request, queryset):
        done = 0
        for priority in queryset:
            try:
                services.priority_transition(
                    priority=priority, actor=request.user, to_status=to_status
                )
                done += 1
            except ValidationError as exc:
                modeladmin.message_user(
                    request,
                    f"#{priority.pk}: {' '.join(exc.messages)}",
                    messages.WARNING,
                )
        if done:
            modeladmin.message_user(
                request, _("%(n)d priorities changed.") % {"n": done}, messages.SUCCESS
            )

    run.__name__ = f"make_{to_status}"
    run.short_description = label
    return run


class PriorityAdminForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["title", "description", "topic", "tags"]

    def clean(self):
        data = super().clean()
        # The same rules as on the site, as form errors rather than a crash.
        try:
            services.validate_text(
                title=data.get("title", ""), description=data.get("description", "")
            )
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict) from exc
        return data


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    form = PriorityAdminForm
    list_display = [
        "id",
        "title",
        "status",
        "topic",
        "author_group",
        "supporters_total",
        "balanced_score",
        "comment_count",
        "is_hidden",
        "created_at",
    ]
    list_display_links = ["id", "title"]
    list_filter = ["status", "topic", "author_group", "is_hidden"]
    list_select_related = ["topic"]
    search_fields = ["title", "description", "author__display_name", "author__email"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["tags"]
    raw_id_fields = ["author"]
    inlines = [EvidenceLinkInline, StatusChangeInline, PriorityRevisionInline]
    readonly_fields = [
        "author",
        "author_group",
        "status",
        "merged_into",
        "created_at",
        "published_at",
        "status_changed_at",
        "edited_at",
        "last_activity_at",
        "is_hidden",
        "hidden_reason",
        "hidden_at",
        *TALLIES,
    ]
    fieldsets = [
        (None, {"fields": ["title", "description", "topic", "tags"]}),
        (
            _("Lifecycle"),
            {
                "fields": [
                    "status",
                    "merged_into",
                    "author",
                    "author_group",
                    "created_at",
                    "published_at",
                    "status_changed_at",
                    "edited_at",
                    "last_activity_at",
                ]
            },
        ),
        (
            _("Tallies (rebuilt by manage.py recompute_tallies)"),
            {"fields": TALLIES, "classes": ["collapse"]},
        ),
        (
            _("Moderation"),
            {"fields": ["is_hidden", "hidden_reason", "hidden_at"]},
        ),
    ]
    actions = [
        _transition_action(Status.PUBLISHED, _("Approve and publish")),
        _transition_action(Status.SHORTLISTED, _("Shortlist")),
    ]

    def has_add_permission(self, request) -> bool:
        # Proposals come through the site, where the author and group are known.
        return False

    def save_model(self, request, obj, form, change):
        # Wording changes go through the service so the earlier version is kept.
        if change:
            services.priority_edit(
                priority=obj,
                editor=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                topic=form.cleaned_data["topic"],
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is not EvidenceLink:
            return super().save_formset(request, form, formset, change)
        links = formset.save(commit=False)
        for link in formset.deleted_objects:
            link.delete()
        for link in links:
            # Who cited the evidence is recorded once, when the link is made.
            if link._state.adding:
                link.created_by = request.user
            link.save()
        formset.save_m2m()


@admin.register(EvidenceLink)
class EvidenceLinkAdmin(admin.ModelAdmin):
    """All citations at a glance; staff edit them on the priority's page."""

    list_display = ["priority", "factor", "relation", "created_by", "created_at"]
    list_filter = ["relation", "factor"]
    search_fields = ["priority__title", "factor__name", "note"]
    list_select_related = ["priority", "factor", "created_by"]
    raw_id_fields = ["priority"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["priority", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["to_status"]
    search_fields = ["priority__title", "reason"]
    list_select_related = ["priority", "actor"]


@admin.register(PriorityRevision)
class PriorityRevisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["priority", "title", "edited_by", "created_at"]
    search_fields = ["priority__title", "title"]
    list_select_related = ["priority", "edited_by"]


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: a vote deleted here would leave the stored tallies wrong."""

    list_display = ["priority", "user", "group", "created_at"]
    list_filter = ["group"]
    search_fields = ["priority__title"]
    list_select_related = ["priority", "user"]
    date_hierarchy = "created_at"


@admin.register(GroupVoterCount)
class GroupVoterCountAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["group", "voters"]


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    """The vocabulary of the "similar priorities" check: one concept per row."""

    list_display = ["words", "note"]
    search_fields = ["words", "note"]

    # The engine's index holds concepts made of these words: rebuild it.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        similarity.vocabulary_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        similarity.vocabulary_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        similarity.vocabulary_changed()


@admin.register(DuplicateDismissal)
class DuplicateDismissalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Pairs staff said are not duplicates (made on the duplicates page)."""

    list_display = ["first", "second", "dismissed_by", "created_at"]
