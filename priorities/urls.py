from django.urls import path

from . import duplicate_views, moderation_views, views

app_name = "priorities"

# HTML pages for priorities. The discussion app adds its pages (comments, flags,
# follows, notifications, moderation of reports) under the same /priorities/ path.
urlpatterns: list = [
    path("", views.priority_list, name="list"),
    path("propose/", views.priority_create, name="create"),
    path("similar/", views.similar, name="similar"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("moderation/", moderation_views.moderation_queue, name="moderation"),
    path("moderation/duplicates/", duplicate_views.duplicate_list, name="duplicates"),
    path(
        "moderation/duplicates/dismiss/",
        duplicate_views.duplicate_dismiss,
        name="duplicate_dismiss",
    ),
    path(
        "moderation/members/<int:user_id>/trust/",
        moderation_views.member_trust,
        name="member_trust",
    ),
    path("<int:pk>/", views.priority_detail, name="detail"),
    path("<int:pk>/edit/", views.priority_edit, name="edit"),
    path("<int:pk>/vote/", views.priority_vote, name="vote"),
    path("<int:pk>/status/", views.priority_transition, name="transition"),
    path("<int:pk>/merge/", moderation_views.priority_merge, name="merge"),
]
