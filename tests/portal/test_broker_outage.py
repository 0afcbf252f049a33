"""The broker is down: people still get their answer, and the sweep sends the mail."""

import time

import pytest
from django.core import mail
from django.utils import timezone

from portal import services
from portal.mail import mail_sweep
from portal.models import (
    ContactMessage,
    OutgoingMail,
    WebinarMailing,
    WebinarSubscriber,
)
from tests.clock import later

CONTACT = {
    "name": "Ana",
    "email": "ana@example.org",
    "topic": "family",
    "message": "Where can I find support groups near Lyon?",
}
# Publishing to a dead broker gives up within this (settings: Celery section).
FAST = 5


@pytest.mark.django_db(transaction=True)
def test_contact_form_thanks_the_sender_and_the_sweep_tells_staff_once(
    client, settings, dead_broker, caplog
):
    settings.CONTACT_RECIPIENTS = ["team@example.org"]
    started = time.monotonic()
    response = client.post("/contact/", CONTACT)
    assert time.monotonic() - started < FAST
    assert response.status_code == 302
    assert response["Location"] == "/contact/thanks/"
    assert ContactMessage.objects.count() == 1
    waiting = OutgoingMail.objects.get()
    assert (waiting.kind, waiting.sent_at, waiting.attempts) == (
        "portal.contact_staff",
        None,
        0,
    )
    assert mail.outbox == []
    assert "mail_queue_failed" in caplog.text

    assert mail_sweep() == 0, "the normal path may still deliver it"
    with later(6):
        assert mail_sweep() == 1
    with later(7):
        assert mail_sweep() == 0
    [message] = mail.outbox
    assert message.to == ["team@example.org"]
    assert "support groups near Lyon" in message.body
    assert ContactMessage.objects.get().staff_notified_at is not None


@pytest.mark.django_db(transaction=True)
def test_webinar_sign_up_answers_and_the_sweep_sends_one_confirmation(
    client, dead_broker
):
    started = time.monotonic()
    response = client.post("/webinars/", {"email": "Parent@Example.org"})
    assert time.monotonic() - started < FAST
    assert response.status_code == 200
    assert "check your inbox" in response.content.decode().lower()
    subscriber = WebinarSubscriber.objects.get()
    assert subscriber.email == "parent@example.org"
    assert OutgoingMail.objects.get().sent_at is None
    assert mail.outbox == []

    with later(6):
        assert mail_sweep() == 1
        assert mail_sweep() == 0
    [message] = mail.outbox
    assert message.to == ["parent@example.org"]
    assert "/webinars/confirm/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/")


@pytest.mark.django_db(transaction=True)
def test_a_mailing_queued_while_the_broker_is_down_goes_out_once_per_person(
    dead_broker, caplog
):
    now = timezone.now()
    for n in range(3):
        WebinarSubscriber.objects.create(
            email=f"s{n}@example.org", confirmed_at=now, token_nonce=f"n{n}"
        )
    mailing = WebinarMailing.objects.create(subject="Spring", body="Donor milk.")
    started = time.monotonic()
    assert services.webinar_mailing_send(mailing=mailing) == 3
    # One failed publish is enough: the others are not tried against the dead broker.
    assert time.monotonic() - started < FAST
    assert caplog.text.count("mail_queue_failed") == 1
    assert OutgoingMail.objects.unsent().count() == 3

    with later(6):
        assert mail_sweep() == 3
        assert mail_sweep() == 0
    assert sorted(m.to[0] for m in mail.outbox) == [
        "s0@example.org",
        "s1@example.org",
        "s2@example.org",
    ]
