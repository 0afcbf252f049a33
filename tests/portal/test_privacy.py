"""A member's own data: download it as JSON, or delete the account."""

import json
import types

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate

from portal import services
from portal.models import ContactMessage, User, WebinarSubscriber
from tests.factories import UserFactory


@pytest.fixture
def fake_app(monkeypatch):
    """An app with a privacy module, standing in for partners/priorities/research."""
    calls = []
    module = types.SimpleNamespace(
        export_user_data=lambda user: {"votes": [f"vote by {user.pk}"]},
        erase_user_data=lambda user: calls.append(("erase", user.pk, user.email)),
    )
    monkeypatch.setattr(services, "app_modules", lambda name: [("fakeapp", module)])
    return calls


def test_export_downloads_the_members_own_data_as_json(client_for, family, fake_app):
    other = UserFactory(email="someone.else@example.org", display_name="Other Person")
    ContactMessage.objects.create(
        name="F", email=family.email, topic="family", message="My own question"
    )
    ContactMessage.objects.create(
        name="O", email=other.email, topic="family", message="Not yours"
    )
    WebinarSubscriber.objects.create(email=other.email)

    response = client_for(family).get("/account/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == family.email
    assert data["account"]["display_name"] == family.display_name
    assert data["account"]["stakeholder_group"] == "family"
    assert data["email_addresses"] == [
        {"email": family.email, "verified": True, "primary": True}
    ]
    assert [m["message"] for m in data["contact_messages"]] == ["My own question"]
    assert data["webinar_subscription"] == []
    assert data["fakeapp"] == {"votes": [f"vote by {family.pk}"]}
    text = response.content.decode()
    assert other.email not in text
    assert "Other Person" not in text
    assert "Not yours" not in text
    assert "password" not in data["account"]


def test_export_needs_a_reauthenticated_member(client, db):
    response = client.get("/account/export/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_deleting_the_account_leaves_only_an_anonymous_tombstone(
    reauthenticated, family, fake_app, password, rf
):
    email = family.email
    ContactMessage.objects.create(
        name="F", email=email.upper(), topic="family", message="Hello"
    )
    WebinarSubscriber.objects.create(email=email)
    keep = ContactMessage.objects.create(
        name="O", email="other@example.org", topic="other", message="Stays"
    )
    client = reauthenticated(family)

    response = client.post("/account/delete/", {"confirm": "delete"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    tombstone = User.objects.get(pk=family.pk)
    assert tombstone.email == f"deleted-{family.pk}@deleted.invalid"
    assert tombstone.display_name == ""
    assert tombstone.public_name == "a deleted member"
    assert not tombstone.has_usable_password()
    assert not tombstone.is_active
    assert tombstone.deleted_at is not None
    assert not tombstone.can_participate
    assert not EmailAddress.objects.filter(user=tombstone).exists()
    assert not EmailAddress.objects.filter(email__iexact=email).exists()
    assert not WebinarSubscriber.objects.filter(email__iexact=email).exists()
    assert list(ContactMessage.objects.all()) == [keep]
    # Each app's privacy hook ran before the address was wiped.
    assert fake_app == [("erase", family.pk, email)]
    # Signed out, and the old credentials no longer work.
    assert client.get("/account/profile/").status_code == 302
    assert authenticate(rf.post("/"), username=email, password=password) is None
    login = client.post("/account/login/", {"login": email, "password": password})
    assert login.status_code == 200
    assert not login.wsgi_request.user.is_authenticated


def test_the_same_address_can_register_again_after_deletion(client, family):
    services.account_delete(user=family)
    response = client.post(
        "/account/signup/",
        {
            "email": family.email,
            "password1": "a long and unusual passphrase 42",
            "password2": "a long and unusual passphrase 42",
            "display_name": "Back again",
            "stakeholder_group": "family",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email=family.email, deleted_at__isnull=True).exists()


@pytest.mark.parametrize("word", ["", "yes", "delete me"])
def test_deletion_needs_the_typed_confirmation(reauthenticated, family, fake_app, word):
    response = reauthenticated(family).post("/account/delete/", {"confirm": word})
    assert response.status_code == 200
    assert "confirm" in response.context["form"].errors
    family.refresh_from_db()
    assert family.deleted_at is None
    assert family.is_active
    assert fake_app == []


def test_deletion_is_refused_by_get(client_for, family):
    client_for(family).get("/account/delete/?confirm=DELETE")
    family.refresh_from_db()
    assert family.deleted_at is None


def test_a_failing_privacy_hook_rolls_the_whole_deletion_back(monkeypatch, family):
    def boom(user):
        raise RuntimeError("app could not erase")

    module = types.SimpleNamespace(export_user_data=dict, erase_user_data=boom)
    monkeypatch.setattr(services, "app_modules", lambda name: [("broken", module)])
    with pytest.raises(RuntimeError):
        services.account_delete(user=family)
    family.refresh_from_db()
    assert family.deleted_at is None
    assert EmailAddress.objects.filter(user=family).exists()


def test_deletion_asks_for_the_password_again_after_a_while(
    client_for, family, fake_app, password
):
    client = client_for(family)  # signed in, but not just now
    response = client.post("/account/delete/", {"confirm": "DELETE"})
    assert response.status_code == 302
    assert response["Location"].startswith("/account/reauthenticate/")
    family.refresh_from_db()
    assert family.deleted_at is None
    assert fake_app == []

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'class="site-footer"' in page.content.decode()
    # With the password, allauth resumes the request that was interrupted.
    again = client.post(response["Location"], {"password": password})
    assert again.status_code == 302
    assert again["Location"] == "/"
    family.refresh_from_db()
    assert family.deleted_at is not None
    assert len(fake_app) == 1


def test_a_wrong_password_at_reauthentication_deletes_nothing(
    client_for, family, fake_app
):
    client = client_for(family)
    response = client.post("/account/delete/", {"confirm": "DELETE"})
    wrong = client.post(response["Location"], {"password": "not it"})
    assert wrong.status_code == 200
    assert "password" in wrong.context["form"].errors
    family.refresh_from_db()
    assert family.deleted_at is None
    assert fake_app == []
