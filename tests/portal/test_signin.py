"""Sign-in protection, password reset and who reaches the staff admin."""

import re

import pytest
from django.core import mail

from portal.models import User

NEW_PASSWORD = "another long passphrase 77"


def _fail(client, email, times):
    responses = []
    for _ in range(times):
        responses.append(
            client.post("/account/login/", {"login": email, "password": "wrong guess"})
        )
    return responses


def test_wrong_password_shows_a_form_error_before_the_limit(client, family):
    response = _fail(client, family.email, 1)[0]
    assert response.status_code == 200
    assert 'class="notice notice-error"' in response.content.decode()


def test_repeated_failures_lock_the_address_with_a_clear_page(
    client, family, settings, password
):
    settings.AXES_FAILURE_LIMIT = 3
    responses = _fail(client, family.email, 3)
    assert [r.status_code for r in responses[:2]] == [200, 200]
    locked = responses[2]
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Sign-in paused" in html
    assert "3 times in a row" in html
    assert "30 minutes" in html
    assert 'href="/account/password/reset/"' in html
    assert 'class="site-footer"' in html
    # While locked, even the right password is refused.
    again = client.post(
        "/account/login/", {"login": family.email, "password": password}
    )
    assert again.status_code == 429
    assert not again.wsgi_request.user.is_authenticated


def test_lockout_counts_the_address_in_any_letter_case(client, family, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client.post("/account/login/", {"login": family.email, "password": "x"})
    response = client.post(
        "/account/login/", {"login": family.email.upper(), "password": "x"}
    )
    assert response.status_code == 429


def test_a_lockout_does_not_affect_other_members(client, family, clinician, settings):
    settings.AXES_FAILURE_LIMIT = 2
    _fail(client, family.email, 2)
    response = client.post(
        "/account/login/",
        {"login": clinician.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302


def test_password_reset_by_email_link(client, family):
    response = client.post("/account/password/reset/", {"email": family.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    match = re.search(
        r"https?://[^/\s]+(/account/password/reset/key/\S+)", mail.outbox[0].body
    )
    assert match, mail.outbox[0].body
    # allauth moves the key into the session and redirects to a key-less URL.
    form_page = client.get(match.group(1), follow=True)
    assert form_page.status_code == 200
    action_url = (
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else match.group(1)
    )
    response = client.post(
        action_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    family.refresh_from_db()
    assert family.check_password(NEW_PASSWORD)
    client.logout()
    login = client.post(
        "/account/login/", {"login": family.email, "password": NEW_PASSWORD}
    )
    assert login.status_code == 302


def test_password_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post("/account/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/account/password/reset/done/"


def test_a_used_or_forged_reset_link_says_so(client, family):
    response = client.get("/account/password/reset/key/1-forged-key/", follow=True)
    assert response.status_code == 200
    assert "Bad Token" in response.content.decode()
    family.refresh_from_db()
    assert family.check_password("correct horse battery staple")


def test_password_change_for_a_signed_in_member(client_for, family, password):
    client = client_for(family)
    response = client.post(
        "/account/password/change/",
        {"oldpassword": password, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    family.refresh_from_db()
    assert family.check_password(NEW_PASSWORD)


def test_password_change_with_a_wrong_old_password_changes_nothing(
    client_for, family, password
):
    response = client_for(family).post(
        "/account/password/change/",
        {"oldpassword": "nope", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "oldpassword" in response.context["form"].errors
    family.refresh_from_db()
    assert family.check_password(password)


@pytest.mark.parametrize("role", ["anonymous", "unverified", "family", "blocked"])
def test_staff_admin_turns_away_non_staff(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_staff_admin_opens_for_staff(client_for, moderator):
    response = client_for(moderator).get("/staff/")
    assert response.status_code == 200


def test_staff_admin_login_is_protected_by_the_lockout_too(client, settings, db):
    settings.AXES_FAILURE_LIMIT = 2
    staff = User.objects.create_user(
        email="boss@example.org", password="x" * 20, is_staff=True
    )
    for _ in range(2):
        response = client.post(
            "/staff/login/", {"username": staff.email, "password": "wrong"}
        )
    assert response.status_code == 429
