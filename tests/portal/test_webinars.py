import re

import pytest
from django.core import mail, signing

from portal import services
from portal.models import WebinarSubscriber


def _subscribe(client, capture, email="Parent@Example.org"):
    with capture(execute=True):
        response = client.post("/webinars/", {"email": email})
    assert response.status_code == 200
    return response


def _links(message):
    confirm = re.search(r"http://testserver(/webinars/confirm/[^\s]+/)", message.body)
    unsub = re.search(r"http://testserver(/webinars/unsubscribe/[^\s]+/)", message.body)
    return confirm.group(1), unsub.group(1)


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_double_opt_in_confirms_only_after_the_link_is_used(client, db, capture):
    response = _subscribe(client, capture)
    assert "Check your inbox" in response.content.decode()
    sub = WebinarSubscriber.objects.get()
    assert sub.email == "parent@example.org"
    assert sub.confirmed_at is None
    confirm, _ = _links(mail.outbox[0])

    page = client.get(confirm)
    assert page.status_code == 200
    sub.refresh_from_db()
    assert sub.confirmed_at is None, "a GET (mail scanner) must not confirm"

    done = client.post(confirm)
    assert "You are subscribed" in done.content.decode()
    sub.refresh_from_db()
    assert sub.is_active


def test_every_mail_carries_a_one_click_unsubscribe_link(client, db, capture):
    _subscribe(client, capture)
    message = mail.outbox[0]
    _, unsub = _links(message)
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    assert unsub in message.extra_headers["List-Unsubscribe"]


def test_one_click_unsubscribe_works_as_a_post_without_csrf_token(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    sub = services.webinar_subscribe(email="a@example.org")
    services.webinar_confirm(link={"e": sub.email, "n": sub.token_nonce})
    token = services.webinar_token(sub, purpose="unsubscribe")
    response = strict.post(f"/webinars/unsubscribe/{token}/")
    assert response.status_code == 200
    sub.refresh_from_db()
    assert sub.unsubscribed_at is not None
    assert not sub.is_active


def test_subscribing_twice_creates_no_duplicate_in_any_letter_case(client, db, capture):
    _subscribe(client, capture, "x@example.org")
    _subscribe(client, capture, "X@EXAMPLE.org")
    assert WebinarSubscriber.objects.count() == 1


def test_confirmed_subscriber_signing_up_again_gets_no_mail_and_stays(
    client, db, capture
):
    _subscribe(client, capture, "x@example.org")
    client.post(_links(mail.outbox[0])[0])
    mail.outbox.clear()
    response = _subscribe(client, capture, "x@example.org")
    assert "Check your inbox" in response.content.decode()
    assert mail.outbox == []
    assert WebinarSubscriber.objects.get().is_active


def test_replayed_confirmation_link_is_a_clear_error_and_changes_nothing(
    client, db, capture
):
    _subscribe(client, capture)
    confirm, _ = _links(mail.outbox[0])
    client.post(confirm)
    first = WebinarSubscriber.objects.get().confirmed_at
    response = client.post(confirm)
    assert response.status_code == 400
    assert "already confirmed" in response.content.decode()
    assert WebinarSubscriber.objects.get().confirmed_at == first


def test_old_confirmation_link_cannot_resubscribe_after_unsubscribing(
    client, db, capture
):
    _subscribe(client, capture)
    confirm, unsub = _links(mail.outbox[0])
    client.post(confirm)
    client.post(unsub)
    response = client.post(confirm)
    assert response.status_code == 400
    assert "unsubscribed" in response.content.decode()
    assert not WebinarSubscriber.objects.get().is_active


def test_link_from_an_earlier_sign_up_is_refused_after_signing_up_again(
    client, db, capture
):
    _subscribe(client, capture)
    old_confirm, unsub = _links(mail.outbox[0])
    client.post(unsub)
    _subscribe(client, capture)
    response = client.post(old_confirm)
    assert response.status_code == 400
    assert "no longer valid" in response.content.decode()
    assert WebinarSubscriber.objects.get().confirmed_at is None


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        signing.dumps({"e": "x@example.org", "n": "0"}, salt="not-the-right-salt"),
        signing.dumps("x@example.org", salt="webinar-confirm"),
    ],
)
def test_forged_or_malformed_links_are_refused_and_nothing_changes(client, db, token):
    WebinarSubscriber.objects.create(email="x@example.org", token_nonce="0")
    response = client.post(f"/webinars/confirm/{token}/")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert WebinarSubscriber.objects.get().confirmed_at is None


def test_expired_confirmation_link_says_so(client, db, settings):
    from datetime import timedelta

    settings.WEBINAR_CONFIRM_MAX_AGE = timedelta(seconds=-1)
    sub = WebinarSubscriber.objects.create(email="x@example.org", token_nonce="n")
    token = services.webinar_token(sub, purpose="confirm")
    response = client.post(f"/webinars/confirm/{token}/")
    assert response.status_code == 400
    assert "expired" in response.content.decode()


@pytest.mark.parametrize("email", ["", "not-an-address", "a@" + "b" * 250 + ".org"])
def test_bad_addresses_get_a_field_error_and_nothing_is_stored(client, db, email):
    response = client.post("/webinars/", {"email": email})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert WebinarSubscriber.objects.count() == 0


def test_staff_export_lists_only_confirmed_current_subscribers(client, moderator):
    active = services.webinar_subscribe(email="yes@example.org")
    services.webinar_confirm(link={"e": active.email, "n": active.token_nonce})
    services.webinar_subscribe(email="pending@example.org")
    gone = services.webinar_subscribe(email="gone@example.org")
    services.webinar_confirm(link={"e": gone.email, "n": gone.token_nonce})
    services.webinar_unsubscribe(link={"e": gone.email, "n": gone.token_nonce})

    client.force_login(moderator)
    response = client.post(
        "/staff/portal/webinarsubscriber/",
        {
            "action": "export_confirmed_csv",
            "_selected_action": list(
                WebinarSubscriber.objects.values_list("pk", flat=True)
            ),
        },
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.getvalue().decode().strip().splitlines()
    assert lines[0] == "email,confirmed_at"
    assert [line.split(",")[0] for line in lines[1:]] == ["yes@example.org"]


def test_members_without_staff_rights_cannot_reach_the_export(client, family):
    client.force_login(family)
    response = client.get("/staff/portal/webinarsubscriber/")
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_export_by_a_moderator_neutralises_spreadsheet_formulas(client, db):
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from tests.factories import UserFactory

    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    WebinarSubscriber.objects.create(
        email="=hyperlink@example.org", confirmed_at=timezone.now()
    )
    client.force_login(moderator)
    response = client.post(
        "/staff/portal/webinarsubscriber/",
        {
            "action": "export_confirmed_csv",
            "_selected_action": list(
                WebinarSubscriber.objects.values_list("pk", flat=True)
            ),
        },
    )
    assert response.status_code == 200
    lines = response.getvalue().decode().strip().splitlines()
    assert lines[1].startswith("'=hyperlink@example.org,")


def test_each_sign_up_gets_one_confirmation_however_often_it_is_sent(
    client, db, capture
):
    from portal.mail import mail_send
    from portal.models import OutgoingMail
    from portal.tasks import send_webinar_confirmation

    _subscribe(client, capture, "x@example.org")
    first = OutgoingMail.objects.get()
    sub = WebinarSubscriber.objects.get()
    # A retried or duplicated task sends nothing more.
    assert mail_send(mail_id=first.pk) is False
    assert send_webinar_confirmation(sub.pk) is False
    assert len(mail.outbox) == 1

    # Signing up again (the first mail got lost) is a new sign-up: a new link,
    # and the old mail, if still waiting somewhere, would send nothing.
    _subscribe(client, capture, "x@example.org")
    assert OutgoingMail.objects.count() == 2
    assert len(mail.outbox) == 2
    assert _links(mail.outbox[0])[0] != _links(mail.outbox[1])[0]
    OutgoingMail.objects.filter(pk=first.pk).update(sent_at=None)
    assert mail_send(mail_id=first.pk) is False
    assert len(mail.outbox) == 2
