"""Accounts: registration, verification, sign-in, profile, and what members may do."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from portal.access import IsParticipant
from portal.models import StakeholderGroup, User
from tests.factories import UserFactory

PASSWORD = "a long and unusual passphrase 42"
SIGNUP = {
    "email": "Ana.Lopez@Example.org",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "display_name": "Ana (NICU mum)",
    "stakeholder_group": "family",
    "profession": "",
}


def _confirmation_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/account/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_registration_verification_login_and_profile_edit(client, db):
    response = client.post("/account/signup/", SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    user = User.objects.get()
    assert user.email == "ana.lopez@example.org"
    assert user.display_name == "Ana (NICU mum)"
    assert user.stakeholder_group == StakeholderGroup.FAMILY
    assert not user.email_verified
    assert not user.can_participate
    # Not signed in until the address is confirmed.
    assert "_auth_user_id" not in client.session

    # The mail carries a link; opening it shows a button, only the POST confirms.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana.lopez@example.org"]
    path = _confirmation_path(mail.outbox[0])
    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm" in page.content.decode()
    user.refresh_from_db()
    assert not user.email_verified
    client.post(path)
    user.refresh_from_db()
    assert user.email_verified
    assert user.can_participate
    assert EmailAddress.objects.get(user=user).verified
    client.logout()

    response = client.post(
        "/account/login/", {"login": "ANA.LOPEZ@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/profile/"
    profile = client.get("/account/profile/")
    html = profile.content.decode()
    assert profile.status_code == 200
    assert "Ana (NICU mum)" in html
    assert "Confirmed" in html

    response = client.post(
        "/account/profile/",
        {
            "display_name": "Ana L.",
            "stakeholder_group": "clinician",
            "profession": "nurse",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.stakeholder_group, user.profession) == (
        "Ana L.",
        "clinician",
        "nurse",
    )
    assert user.group_label == "Neonatal nurse"


def test_signup_page_asks_for_name_group_and_profession_with_labels(client, db):
    html = client.get("/account/signup/").content.decode()
    for field in ("id_email", "id_display_name", "id_profession", "id_password1"):
        assert f'<label for="{field}"' in html
    assert "<legend>I am taking part as" in html
    assert "bereaved families" in html
    # Rendered inside the site's own layout, not allauth's bare page.
    assert 'class="skip-link"' in html
    assert "/static/portal/css/site.css" in html


@pytest.mark.parametrize(
    "change, field",
    [
        ({"display_name": ""}, "display_name"),
        ({"stakeholder_group": "clinician", "profession": ""}, "profession"),
        ({"stakeholder_group": "staff"}, "stakeholder_group"),
        ({"password1": "password", "password2": "password"}, "password1"),
        ({"password2": "something else entirely"}, "password2"),
        ({"email": "not-an-address"}, "email"),
        ({"display_name": "x" * 81}, "display_name"),
    ],
)
def test_bad_signup_input_shows_field_errors_and_creates_nothing(
    client, db, change, field
):
    response = client.post("/account/signup/", {**SIGNUP, **change})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'class="errorlist"' in response.content.decode()
    assert User.objects.count() == 0
    assert mail.outbox == []


def _signup_answer(client, email: str) -> tuple[int, str, str]:
    response = client.post("/account/signup/", {**SIGNUP, "email": email})
    page = client.get(response["Location"])
    html = re.sub(r'(value|content)="[^"]*"', "", page.content.decode())
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", html)
    # The page repeats the address typed ("Confirmation e-mail sent to ...").
    html = html.replace(email.lower(), "ADDRESS")
    return response.status_code, response["Location"], html


def test_signup_answers_the_same_for_a_new_and_a_known_address(client, user):
    from django.test import Client

    known = _signup_answer(Client(), user.email.upper())
    new = _signup_answer(Client(), "Someone.New@Example.org")
    assert known == new
    assert known[:2] == (302, "/account/confirm-email/")
    assert "Check your inbox" in known[2]
    # No second account for the known address, whatever its case.
    assert User.objects.filter(email__iexact=user.email).count() == 1


def test_known_address_owner_is_told_an_account_exists(client, user):
    client.post("/account/signup/", {**SIGNUP, "email": user.email.upper()})
    assert len(mail.outbox) == 1
    assert [to.lower() for to in mail.outbox[0].to] == [user.email]
    assert "Account Already Exists" in mail.outbox[0].subject
    assert "/account/password/reset/" in mail.outbox[0].body
    assert "/account/confirm-email/" not in mail.outbox[0].body


def test_nobody_signs_in_before_confirming(client, db):
    client.post("/account/signup/", SIGNUP)
    client.logout()
    response = client.post(
        "/account/login/", {"login": SIGNUP["email"], "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert client.get("/account/profile/").status_code == 302
    client.post(_confirmation_path(mail.outbox[0]))
    client.logout()
    response = client.post(
        "/account/login/", {"login": SIGNUP["email"], "password": PASSWORD}
    )
    assert response["Location"] == "/account/profile/"
    assert client.get("/account/profile/").status_code == 200


def test_clinician_profession_is_dropped_for_other_groups(client, db):
    client.post(
        "/account/signup/",
        {**SIGNUP, "stakeholder_group": "researcher", "profession": "surgeon"},
    )
    assert User.objects.get().profession == ""


@pytest.mark.parametrize(
    "change, field",
    [
        ({"display_name": ""}, "display_name"),
        ({"stakeholder_group": "clinician", "profession": ""}, "profession"),
        ({"stakeholder_group": "moderator"}, "stakeholder_group"),
    ],
)
def test_bad_profile_input_shows_errors_and_changes_nothing(
    client_for, family, change, field
):
    data = {"display_name": "New name", "stakeholder_group": "family", **change}
    response = client_for(family).post("/account/profile/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    family.refresh_from_db()
    assert family.display_name.startswith("Member ")


@pytest.mark.parametrize("path", ["/account/profile/", "/account/delete/"])
def test_account_pages_send_anonymous_visitors_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")


def test_profile_page_links_to_every_account_action(client_for, family):
    html = client_for(family).get("/account/profile/").content.decode()
    for url in (
        "/account/password/change/",
        "/account/email/",
        "/account/export/",
        "/account/delete/",
    ):
        assert f'href="{url}"' in html
    assert family.email in html
    assert 'name="display_name"' in html


def test_delete_page_explains_what_goes_and_what_stays(reauthenticated, family):
    response = reauthenticated(family).get("/account/delete/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "What we delete" in html
    assert "a deleted member" in html
    assert 'name="confirm"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/account/login/",
        "/account/signup/",
        "/account/password/reset/",
        "/account/password/reset/done/",
        "/account/confirm-email/",
    ],
)
def test_allauth_pages_render_in_the_site_layout(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="skip-link"' in html
    assert 'class="site-footer"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/account/email/",
        "/account/password/change/",
        "/account/logout/",
        "/account/profile/",
        "/account/delete/",
    ],
)
def test_account_management_pages_render_with_the_account_menu(
    reauthenticated, family, path
):
    response = reauthenticated(family).get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-footer"' in html
    assert 'aria-label="Your account"' in html


def test_unverified_member_sees_the_banner_and_cannot_participate(
    client_for, unverified
):
    assert not unverified.can_participate
    html = client_for(unverified).get("/").content.decode()
    assert "Please confirm your e-mail address" in html
    assert (
        "Not confirmed yet"
        in client_for(unverified).get("/account/profile/").content.decode()
    )


def test_verified_member_sees_no_banner(client_for, family):
    assert "Please confirm your e-mail address" not in (
        client_for(family).get("/").content.decode()
    )


def test_blocked_member_cannot_participate_and_is_told_so(client_for, blocked):
    assert not blocked.can_participate
    html = client_for(blocked).get("/account/profile/").content.decode()
    assert "paused your participation" in html


class _Vote(APIView):
    permission_classes = [IsParticipant]

    def post(self, request):
        from rest_framework.response import Response

        return Response({"ok": True}, status=201)


def _post_as(member):
    request = APIRequestFactory().post("/x/", {}, format="json")
    if member is not None:
        force_authenticate(request, user=member)
    return _Vote.as_view()(request)


@pytest.mark.parametrize(
    "role, status",
    [
        ("anonymous", 401),
        ("unverified", 403),
        ("blocked", 403),
        ("family", 201),
        ("clinician", 201),
        ("researcher", 201),
    ],
)
def test_is_participant_lets_only_verified_unblocked_members_act(
    request, db, role, status
):
    member = None if role == "anonymous" else request.getfixturevalue(role)
    response = _post_as(member)
    assert response.status_code == status


def test_is_participant_tells_a_blocked_member_why(blocked):
    assert "paused" in str(_post_as(blocked).data["detail"])


def test_deleted_member_cannot_participate(family):
    from portal import services

    services.account_delete(user=family)
    family.refresh_from_db()
    assert not family.can_participate


def test_confirming_a_secondary_address_does_not_verify_the_account(client_for, db):
    from allauth.account.models import EmailConfirmationHMAC

    member = UserFactory(email_verified=False)
    other = EmailAddress.objects.create(
        user=member, email="second@example.org", primary=False, verified=False
    )
    key = EmailConfirmationHMAC(other).key
    client_for(member).post(f"/account/confirm-email/{key}/")
    other.refresh_from_db()
    member.refresh_from_db()
    assert other.verified
    assert not member.email_verified


def test_a_forged_confirmation_link_changes_nothing(client, unverified):
    response = client.get("/account/confirm-email/not-a-real-key/")
    assert response.status_code == 200
    assert "expired or is invalid" in response.content.decode()
    client.post("/account/confirm-email/not-a-real-key/")
    unverified.refresh_from_db()
    assert not unverified.email_verified


def test_logout_is_a_post_and_ends_the_session(client_for, family):
    client = client_for(family)
    response = client.post("/account/logout/")
    assert response.status_code == 302
    assert client.get("/account/profile/").status_code == 302


def test_orcid_button_is_absent_without_credentials(client, db, settings):
    settings.ORCID_CLIENT_ID = ""
    for path in ("/account/login/", "/account/signup/"):
        assert "Sign in with ORCID" not in client.get(path).content.decode()


def test_orcid_button_appears_when_credentials_are_configured(client, db, settings):
    settings.ORCID_CLIENT_ID = "APP-0000000000000000"
    for path in ("/account/login/", "/account/signup/"):
        html = client.get(path).content.decode()
        assert "Sign in with ORCID" in html
        assert 'action="/account/orcid/login/"' in html
        # E-mail sign-in stays available next to it.
        assert 'name="password' in html or 'name="password1"' in html


def test_email_login_still_works_with_orcid_configured(client, family, settings):
    settings.ORCID_CLIENT_ID = "APP-0000000000000000"
    response = client.post(
        "/account/login/",
        {"login": family.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.get("/account/profile/").status_code == 200


def test_switching_to_a_verified_primary_address_lets_the_member_take_part(
    client_for, db
):
    member = UserFactory(email="old@example.org", email_verified=False)
    EmailAddress.objects.create(
        user=member, email="new@example.org", primary=False, verified=True
    )
    response = client_for(member).post(
        "/account/email/", {"action_primary": "", "email": "new@example.org"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "new@example.org"
    assert member.email_verified
    assert member.can_participate


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/account/orcid/login/"),
        ("post", "/account/orcid/login/"),
        ("get", "/account/orcid/login/callback/?code=x&state=y"),
    ],
)
def test_orcid_urls_are_not_found_without_credentials(client, db, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 404


def test_orcid_button_starts_the_orcid_sign_in_when_configured(client, db, settings):
    settings.ORCID_CLIENT_ID = "APP-0000000000000000"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "orcid": {
            "MEMBER_API": False,
            "APPS": [{"client_id": "APP-0000000000000000", "secret": "s3cret"}],
        }
    }
    response = client.post("/account/orcid/login/", {"process": "login"})
    assert response.status_code == 302
    assert response["Location"].startswith("https://orcid.org/oauth/authorize")
    assert "client_id=APP-0000000000000000" in response["Location"]


def test_field_errors_are_announced_with_their_field(client, db):
    response = client.post(
        "/account/signup/", {**SIGNUP, "display_name": "", "stakeholder_group": ""}
    )
    html = response.content.decode()
    assert 'id="id_display_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_display_name_helptext id_display_name_error"' in html
    assert (
        '<fieldset aria-describedby="id_stakeholder_group_helptext '
        'id_stakeholder_group_error">' in html
    )


@pytest.mark.parametrize("path, limit", [("/", 3), ("/account/profile/", 3)])
def test_member_pages_need_few_queries(
    client_for, family, path, limit, django_assert_max_num_queries
):
    client = client_for(family)
    with django_assert_max_num_queries(limit):
        assert client.get(path).status_code == 200
