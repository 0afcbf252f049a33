from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("places/", views.places, name="places"),
    path("me/", views.my_profile, name="me"),
    path("me/edit/", views.edit, name="edit"),
    path("me/delete/", views.delete, name="delete"),
    path(
        "institutions/options/", views.institution_options, name="institution_options"
    ),
    path("export.csv", views.export_csv, name="export_csv"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/contact/", views.contact, name="contact"),
]
