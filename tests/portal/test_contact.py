import pytest
from django.core import mail

from portal.models import ContactMessage

VALID = {
    "name": "Ana",
    "email": "ana@example.org",
    "topic": "family",
    "message": "Where can I find support groups near Lyon?",
}


@pytest.fixture(autouse=True)
def staff_inbox(settings):
    settings.CONTACT_RECIPIENTS = ["team@example.org"]


def test_contact_message_is_stored_staff_are_emailed_and_sender_thanked(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", VALID)
    assert response.status_code == 302
    assert response["Location"] == "/contact/thanks/"
    msg = ContactMessage.objects.get()
    assert msg.message == VALID["message"]
    assert msg.staff_notified_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["team@example.org"]
    assert mail.outbox[0].reply_to == ["ana@example.org"]
    assert "support groups near Lyon" in mail.outbox[0].body


def test_staff_notification_falls_back_to_every_active_staff_member(
    client, moderator, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_RECIPIENTS = []
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/contact/", VALID)
    assert mail.outbox[0].to == [moderator.email]


def test_notification_task_sends_only_once_when_retried(
    client, db, django_capture_on_commit_callbacks
):
    from portal.tasks import notify_staff_of_contact

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/contact/", VALID)
    msg = ContactMessage.objects.get()
    assert notify_staff_of_contact(msg.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "change, field",
    [
        ({"name": ""}, "name"),
        ({"email": "not-an-address"}, "email"),
        ({"message": ""}, "message"),
        ({"message": "x" * 5001}, "message"),
        ({"topic": "lottery"}, "topic"),
    ],
)
def test_bad_contact_input_shows_field_errors_and_stores_nothing(
    client, db, change, field
):
    response = client.post("/contact/", {**VALID, **change})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'class="errorlist"' in response.content.decode()
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_filled_by_a_bot_is_thanked_but_nothing_is_stored(client, db):
    response = client.post("/contact/", {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_contact_form_is_rate_limited_with_a_clear_message(client, db, settings):
    settings.CONTACT_RATE = "2/h"
    for _ in range(2):
        assert client.post("/contact/", VALID).status_code == 302
    response = client.post("/contact/", VALID)
    assert response.status_code == 429
    assert "several messages in a short time" in response.content.decode()
    assert ContactMessage.objects.count() == 2


def test_a_mail_error_leaves_the_notification_to_the_sweep_which_sends_it_once(
    client, db, django_capture_on_commit_callbacks
):
    import datetime
    import smtplib
    from unittest import mock

    from django.core.mail.backends.locmem import EmailBackend
    from django.utils import timezone

    from portal.mail import mail_sweep
    from portal.models import OutgoingMail

    with (
        mock.patch.object(
            EmailBackend,
            "send_messages",
            side_effect=smtplib.SMTPServerDisconnected("connection dropped"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post("/contact/", VALID)
    assert response.status_code == 302
    msg = ContactMessage.objects.get()
    assert msg.staff_notified_at is None  # rolled back with the failed send
    outgoing = OutgoingMail.objects.get()
    assert outgoing.sent_at is None and outgoing.attempts == 1
    assert outgoing.last_error == "SMTPServerDisconnected: connection dropped"
    assert mail_sweep() == 0, "not before its back-off"
    later = timezone.now() + datetime.timedelta(minutes=6)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert mail_sweep() == 1
        assert mail_sweep() == 0
    msg.refresh_from_db()
    assert msg.staff_notified_at is not None
    assert len(mail.outbox) == 1
