"""Every admin page that staff can open renders, lists search, and stays fast."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name) for model in admin.site._registry
)


@pytest.mark.parametrize("app_label, model_name", REGISTERED)
def test_admin_list_search_and_add_pages_render(
    client_for, moderator, app_label, model_name
):
    client = client_for(moderator)
    changelist = reverse(f"admin:{app_label}_{model_name}_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "nec"}).status_code == 200
    add = client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    # 403 exactly where the admin does not let anyone add by hand (e.g. webinar
    # subscribers, which only come from the double opt-in).
    model_admin = admin.site._registry[apps.get_model(app_label, model_name)]
    request = RequestFactory().get("/")
    request.user = moderator
    assert add.status_code == (200 if model_admin.has_add_permission(request) else 403)


def test_every_portal_model_is_in_the_admin():
    from django.apps import apps

    missing = [
        model._meta.label
        for model in apps.get_app_config("portal").get_models()
        if model not in admin.site._registry
    ]
    assert missing == []


def test_member_list_is_searchable_by_name_and_address(client_for, moderator, family):
    client = client_for(moderator)
    by_name = client.get("/staff/portal/user/", {"q": family.display_name})
    assert family.email in by_name.content.decode()
    by_mail = client.get("/staff/portal/user/", {"q": family.email.upper()})
    assert family.display_name in by_mail.content.decode()
