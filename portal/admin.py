from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from . import services
from .admin_mixins import NoAddOrChangeAdminMixin, ReadOnlyAdminMixin
from .csvexport import csv_download
from .models import (
    FAQ,
    ContactMessage,
    FAQCategory,
    OutgoingMail,
    ReportingToken,
    User,
    WebinarDelivery,
    WebinarMailing,
    WebinarSubscriber,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["-date_joined"]
    list_display = [
        "email",
        "display_name",
        "stakeholder_group",
        "profession",
        "email_verified",
        "is_trusted",
        "is_blocked_display",
        "is_staff",
        "date_joined",
    ]
    list_filter = [
        "stakeholder_group",
        "profession",
        "email_verified",
        "is_trusted",
        "is_staff",
        "is_active",
        "groups",
        ("participation_blocked_at", admin.EmptyFieldListFilter),
        ("deleted_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email", "display_name"]
    # Blocking happens on the moderation page, which requires a reason, writes the
    # audit log and tells the member; here staff only see the state and a link.
    readonly_fields = [
        "last_login",
        "date_joined",
        "deleted_at",
        "participation_blocked_at",
        "participation_blocked_reason",
        "participation_link",
    ]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Public profile"),
            {"fields": ["display_name", "stakeholder_group", "profession"]},
        ),
        (
            _("Participation"),
            {
                "fields": [
                    "email_verified",
                    "is_trusted",
                    "participation_blocked_at",
                    "participation_blocked_reason",
                    "participation_link",
                ]
            },
        ),
        (
            _("Staff access"),
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined", "deleted_at"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "display_name",
                    "stakeholder_group",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]

    # Moderators may change members (to verify or block them) but must never
    # be able to grant themselves more rights or take over another account.
    ACCESS_FIELDS = ["is_staff", "is_superuser", "groups", "user_permissions"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [*self.ACCESS_FIELDS, "email", "is_active"]
        return fields

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    @staticmethod
    def _outranks_editor(request, obj: User | None) -> bool:
        """A superuser's or another staff member's account, opened by staff who
        are not superusers."""
        return (
            obj is not None
            and not request.user.is_superuser
            and (obj.is_superuser or obj.is_staff)
            and obj.pk != request.user.pk
        )

    def has_change_permission(self, request, obj=None) -> bool:
        # A moderator verifies and trusts members; renaming, unverifying or
        # distrusting a superuser or a fellow staff member is not theirs to do.
        # Without change rights the admin shows such an account read-only and
        # answers a POST with 403.
        if self._outranks_editor(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if self._outranks_editor(request, obj):
            self.message_user(
                request,
                _(
                    "Only a superuser can change the account of a superuser or "
                    "of another staff member."
                ),
                messages.WARNING,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=_("block or unblock"))
    def participation_link(self, obj: User) -> str:
        # Staff cannot be blocked (discussion.moderation.member_block refuses).
        if obj.pk is None or obj.deleted_at is not None or obj.is_staff:
            return "-"
        action = "unblock" if obj.is_blocked else "block"
        label = (
            _("Let this member take part again")
            if obj.is_blocked
            else _("Block this member from taking part (with a reason)")
        )
        return format_html(
            '<a href="{}">{}</a>',
            reverse(f"discussion:member_{action}", args=[obj.pk]),
            label,
        )

    @admin.display(boolean=True, description=_("blocked"))
    def is_blocked_display(self, obj: User) -> bool:
        return obj.is_blocked


class FAQInline(TranslationTabularInline):
    model = FAQ
    fields = ["question", "position", "is_published"]
    extra = 0
    show_change_link = True


@admin.register(FAQCategory)
class FAQCategoryAdmin(TranslationAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FAQInline]


@admin.register(FAQ)
class FAQAdmin(TranslationAdmin):
    list_display = ["question", "category", "position", "is_published", "updated_at"]
    list_editable = ["position", "is_published"]
    list_filter = ["category", "is_published"]
    search_fields = ["question", "answer"]
    list_select_related = ["category"]


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "name",
        "email",
        "topic",
        "handled",
        "staff_notified_at",
    ]
    list_filter = ["topic", "handled"]
    search_fields = ["name", "email", "message"]
    readonly_fields = [
        "name",
        "email",
        "topic",
        "message",
        "created_at",
        "staff_notified_at",
        "handled_at",
    ]
    list_editable = ["handled"]
    date_hierarchy = "created_at"

    def save_model(self, request, obj, form, change):
        # When staff answered, for the response time in the reports.
        if obj.handled and obj.handled_at is None:
            obj.handled_at = timezone.now()
        elif not obj.handled:
            obj.handled_at = None
        super().save_model(request, obj, form, change)


@admin.register(WebinarSubscriber)
class WebinarSubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = [
        ("confirmed_at", admin.EmptyFieldListFilter),
        ("unsubscribed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email"]
    readonly_fields = ["email", "created_at", "confirmed_at", "unsubscribed_at"]
    actions = ["export_confirmed_csv"]

    def has_add_permission(self, request) -> bool:
        # Subscribers join by double opt-in only; staff never add addresses.
        return False

    @admin.action(description=_("Export confirmed subscribers (CSV)"))
    def export_confirmed_csv(self, request, queryset):
        rows = queryset.receiving()
        return csv_download(
            "webinar-subscribers",
            ["email", "confirmed_at"],
            (
                [sub.email, sub.confirmed_at.isoformat()]
                for sub in rows.order_by("email").iterator(chunk_size=2000)
            ),
        )


@admin.register(ReportingToken)
class ReportingTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "prefix",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_at"]
    fields = [
        "name",
        "prefix",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        token, key = ReportingToken.issue(name=obj.name, created_by=request.user)
        obj.pk = token.pk
        messages.warning(
            request,
            _("Copy this read-only key now; it will not be shown again: %(key)s")
            % {"key": key},
        )

    @admin.action(description=_("Revoke selected tokens"))
    def revoke(self, request, queryset):
        queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


@admin.register(WebinarMailing)
class WebinarMailingAdmin(admin.ModelAdmin):
    list_display = ["subject", "created_by", "created_at", "sent_at", "delivered"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject", "body"]
    readonly_fields = ["created_by", "created_at", "sent_at"]
    actions = ["send_now"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("created_by")
            .annotate(delivery_count=Count("deliveries"))
        )

    @admin.display(description=_("delivered"), ordering="delivery_count")
    def delivered(self, obj) -> int:
        return obj.delivery_count

    def get_readonly_fields(self, request, obj=None):
        # A sent mailing is a record of what people received: no later edits.
        if obj is not None and obj.sent_at:
            return [*self.readonly_fields, "subject", "body"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(
        description=_("Send to every confirmed subscriber"), permissions=["change"]
    )
    def send_now(self, request, queryset):
        for mailing in queryset:
            try:
                count = services.webinar_mailing_send(mailing=mailing)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
                continue
            self.message_user(
                request,
                _("“%(subject)s” is on its way to %(count)d subscribers.")
                % {"subject": mailing.subject, "count": count},
            )


@admin.register(WebinarDelivery)
class WebinarDeliveryAdmin(NoAddOrChangeAdminMixin, admin.ModelAdmin):
    """A read-only record of who received which mailing."""

    list_display = ["mailing", "subscriber", "sent_at"]
    list_filter = ["mailing"]
    search_fields = ["subscriber__email", "mailing__subject"]
    list_select_related = ["mailing", "subscriber"]


class OutgoingMailStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("Waiting to be sent")),
            ("failed", _("Failed, no more attempts")),
            ("sent", _("Sent")),
            ("skipped", _("Nothing to send")),
        ]

    def queryset(self, request, queryset):
        max_attempts = settings.MAIL_MAX_ATTEMPTS
        return {
            "waiting": queryset.unsent().filter(attempts__lt=max_attempts),
            "failed": queryset.failed(max_attempts),
            "sent": queryset.filter(sent_at__isnull=False, skipped=False),
            "skipped": queryset.filter(skipped=True),
        }.get(self.value(), queryset)


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The outbox (portal.mail): what is waiting, what failed and why.

    Rows name the object a mail is about by id; addresses are never stored here.
    """

    list_display = [
        "created_at",
        "kind",
        "object_id",
        "state",
        "attempts",
        "sent_at",
        "last_error",
    ]
    list_filter = [OutgoingMailStateFilter, "kind"]
    search_fields = ["kind", "last_error"]
    date_hierarchy = "created_at"

    @admin.display(description=_("state"))
    def state(self, obj: OutgoingMail) -> str:
        if obj.sent_at is not None:
            return _("nothing to send") if obj.skipped else _("sent")
        if obj.attempts >= settings.MAIL_MAX_ATTEMPTS:
            return _("failed")
        return _("waiting")
