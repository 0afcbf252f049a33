from django.urls import path

from . import exports, manage_views, views

app_name = "rounds"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("<slug:slug>/", views.round_detail, name="detail"),
    path("<slug:slug>/method/", views.method_statement, name="method"),
    path("<slug:slug>/suggest/", views.suggest, name="suggest"),
    path("<slug:slug>/ballot/", views.ballot, name="ballot"),
    path("<slug:slug>/compare/", views.pairwise, name="pairwise"),
    path("<slug:slug>/score/", manage_views.score, name="score"),
    path("<slug:slug>/manage/", manage_views.manage, name="manage"),
    path("<slug:slug>/manage/import/", manage_views.survey_import, name="import"),
    path("<slug:slug>/manage/verify/", manage_views.verify, name="verify"),
    path(
        "<slug:slug>/manage/questions/<int:pk>/",
        manage_views.question_update,
        name="question_update",
    ),
    path("<slug:slug>/manage/exclusions/", manage_views.exclusions, name="exclusions"),
    path("<slug:slug>/manage/workshop/", manage_views.workshop_entry, name="workshop"),
    path("<slug:slug>/manage/pack/", manage_views.workshop_pack, name="pack"),
    path(
        "<slug:slug>/export/<str:dataset>.<str:fmt>",
        exports.export_view,
        name="export",
    ),
]
