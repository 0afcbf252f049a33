# HTML pages for comments, flags, follows, notifications and flag moderation.
from django.urls import path

from . import views

app_name = "discussion"

# Mounted under /priorities/ beside the priorities app's pages, so the addresses in
# e-mails sent before the discussion became its own app keep working.
urlpatterns: list = [
    path("<int:pk>/comments/", views.comment_create, name="comment_create"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/<int:pk>/report/", views.flag_comment, name="flag_comment"),
    path("<int:pk>/report/", views.flag_priority, name="flag_priority"),
    path("<int:pk>/follow/", views.follow, name="follow"),
    path("<int:pk>/threads/", views.threads, name="threads"),
    path("comments/<int:pk>/thread/", views.thread, name="thread"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notification_read, name="notifications_read"),
    path(
        "notifications/settings/",
        views.notification_settings,
        name="notification_settings",
    ),
    path("moderation/flags/", views.moderation_flags, name="moderation_flags"),
    path(
        "moderation/flags/<str:kind>/<int:pk>/<str:action>/",
        views.moderation_flag_action,
        name="moderation_flag_action",
    ),
    path("moderation/audit/", views.moderation_audit, name="moderation_audit"),
    path("moderation/members/<int:pk>/block/", views.member_block, name="member_block"),
    path(
        "moderation/members/<int:pk>/unblock/",
        views.member_unblock,
        name="member_unblock",
    ),
]
