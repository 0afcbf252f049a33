from django.urls import path

from . import views

app_name = "research"

urlpatterns = [
    path("", views.EvidenceIndexView.as_view(), name="index"),
    path(
        "recommendations/",
        views.RecommendationListView.as_view(),
        name="recommendations",
    ),
    path(
        "recommendations/<slug:slug>/",
        views.RecommendationDetailView.as_view(),
        name="recommendation",
    ),
    path(
        "recommendations/<slug:slug>/print/",
        views.RecommendationDetailView.as_view(printable=True),
        name="recommendation_print",
    ),
    path("staff/", views.StaffDashboardView.as_view(), name="staff"),
    path(
        "staff/<slug:slug>/changes/", views.VersionDiffView.as_view(), name="draft_diff"
    ),
    path(
        "staff/<slug:slug>/versions/<int:number>/",
        views.VersionDiffView.as_view(),
        name="version_diff",
    ),
    path("<slug:slug>/", views.FactorDetailView.as_view(), name="factor"),
    path(
        "<slug:slug>/families/", views.FactorFamilyView.as_view(), name="factor_family"
    ),
]
