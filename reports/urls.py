from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:name>.csv", views.download_csv, name="csv"),
    path("<slug:name>.json", views.download_json, name="json"),
]
