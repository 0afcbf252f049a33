"""The summary tables in the admin, read-only: the nightly task writes them."""

from django.contrib import admin

from .models import ParticipationMonth, SummaryRun, SupportMonth, VoterMonth


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SummaryRun)
class SummaryRunAdmin(ReadOnlyAdmin):
    list_display = [
        "finished_at",
        "started_at",
        "participation_rows",
        "support_rows",
        "voter_rows",
    ]


@admin.register(ParticipationMonth)
class ParticipationMonthAdmin(ReadOnlyAdmin):
    list_display = [
        "month",
        "group",
        "country",
        "new_members",
        "active_members",
        "returning_members",
    ]
    list_filter = ["group", "month"]


@admin.register(SupportMonth)
class SupportMonthAdmin(ReadOnlyAdmin):
    list_display = ["month", "priority_id", "group", "country", "supports"]
    list_filter = ["group", "month"]


@admin.register(VoterMonth)
class VoterMonthAdmin(ReadOnlyAdmin):
    list_display = ["month", "group", "country", "first_time_voters"]
    list_filter = ["group", "month"]
