from django.urls import path

from .api import ReportDetailView, ReportListView

urlpatterns = [
    path("reports/", ReportListView.as_view(), name="reports-list"),
    path("reports/<slug:name>/", ReportDetailView.as_view(), name="reports-detail"),
]
