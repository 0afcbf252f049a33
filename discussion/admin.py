"""Admin for comments, flags, follows, notifications and the moderation log.

Counts on the priority follow the comment rows, so the fields that feed them
(stance, hidden, deleted) are read-only here; hiding and restoring go through
the moderation services (actions below, or the queue at
/priorities/moderation/flags/), which log the decision and tell the author.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.admin_mixins import NoAddOrChangeAdminMixin, ReadOnlyAdminMixin

from . import moderation
from .models import (
    Comment,
    Flag,
    Follow,
    ModerationAction,
    Notification,
    NotificationSettings,
)


class ReadOnlyAdmin(NoAddOrChangeAdminMixin, admin.ModelAdmin):
    """Flags and notices: staff look, and may delete; the audit log may not."""


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "priority",
        "author",
        "author_group",
        "stance",
        "depth",
        "created_at",
        "flag_count",
        "is_hidden",
        "is_removed",
    ]
    list_filter = ["is_hidden", "stance", "author_group", "depth", "created_at"]
    search_fields = ["body", "author__display_name", "priority__title"]
    date_hierarchy = "created_at"
    list_select_related = ["priority", "author"]
    raw_id_fields = ["priority", "author", "parent"]
    readonly_fields = [
        "priority",
        "author",
        "author_group",
        "parent",
        "depth",
        "stance",
        "created_at",
        "edited_at",
        "deleted_at",
        "flag_count",
        "is_hidden",
        "hidden_reason",
        "hidden_at",
    ]
    actions = ["hide_selected", "restore_selected"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting would take the replies with it and skew the counts: hide it.
        return False

    @admin.display(boolean=True, description=_("removed"))
    def is_removed(self, obj: Comment) -> bool:
        return obj.is_removed

    def _apply(self, request, queryset, service, **kwargs):
        done = 0
        for comment in queryset:
            try:
                service(actor=request.user, comment=comment, **kwargs)
                done += 1
            except ValidationError as exc:
                self.message_user(
                    request, f"{comment}: {' '.join(exc.messages)}", messages.WARNING
                )
        self.message_user(request, _("%(n)d comment(s) updated.") % {"n": done})

    @admin.action(description=_("Hide selected comments (logged, authors told)"))
    def hide_selected(self, request, queryset):
        self._apply(
            request,
            queryset,
            moderation.item_hide,
            reason=str(_("Hidden by staff: it breaks the discussion guidelines.")),
        )

    @admin.action(description=_("Restore selected hidden comments"))
    def restore_selected(self, request, queryset):
        self._apply(request, queryset.filter(is_hidden=True), moderation.item_restore)


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "reason",
        "comment",
        "priority",
        "user",
        "created_at",
        "resolved_at",
    ]
    list_filter = ["reason", ("resolved_at", admin.EmptyFieldListFilter)]
    search_fields = ["text", "user__display_name", "comment__body", "priority__title"]
    list_select_related = ["user", "comment", "priority"]
    raw_id_fields = ["user", "comment", "priority", "resolved_by"]
    date_hierarchy = "created_at"


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "priority", "created_at"]
    search_fields = ["user__display_name", "priority__title"]
    list_select_related = ["user", "priority"]
    raw_id_fields = ["user", "priority"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["message", "user", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = [
        "kind",
        ("read_at", admin.EmptyFieldListFilter),
        ("emailed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["message", "key", "user__display_name"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "priority", "comment"]
    date_hierarchy = "created_at"


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "email_mode"]
    list_filter = ["email_mode"]
    search_fields = ["user__display_name"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log: nobody edits or deletes it, not even superusers."""

    list_display = ["created_at", "action", "actor", "member", "priority", "comment"]
    list_filter = ["action", "created_at"]
    search_fields = ["reason", "actor__display_name", "member__display_name"]
    list_select_related = ["actor", "member", "priority", "comment"]
    date_hierarchy = "created_at"
