"""A real Celery worker against the configured Redis broker runs the portal's tasks."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from portal import services
from portal.models import (
    ContactMessage,
    OutgoingMail,
    WebinarDelivery,
    WebinarMailing,
    WebinarSubscriber,
)


@pytest.fixture(autouse=True)
def _staff_inbox(settings):
    settings.CONTACT_RECIPIENTS = ["team@example.org"]


def _sent_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_the_contact_form_mail_reaches_a_worker_through_the_broker(celery_worker_wait):
    msg = services.contact_message_create(
        name="Ana", email="ana@example.org", topic="other", message="Hello queue"
    )
    row = OutgoingMail.objects.get(object_id=msg.pk)

    def sent():
        row.refresh_from_db()
        return row.sent_at is not None

    assert celery_worker_wait(sent)
    assert [m.body for m in mail.outbox if "Hello queue" in m.body]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_a_recorded_mail(celery_worker_wait):
    from portal.tasks import send_outgoing_mail

    msg = ContactMessage.objects.create(
        name="Ana", email="ana@example.org", message="Sent by id"
    )
    row = OutgoingMail.objects.create(
        kind="portal.contact_staff",
        object_id=msg.pk,
        language="en",
        due_at=timezone.now(),
    )
    send_outgoing_mail.delay(row.pk)

    def sent():
        row.refresh_from_db()
        return row.sent_at is not None

    assert celery_worker_wait(sent)
    msg.refresh_from_db()
    assert msg.staff_notified_at is not None
    assert [m for m in mail.outbox if "Sent by id" in m.body]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_the_sweep_runs_on_a_worker(celery_worker_wait):
    from portal.tasks import sweep_outgoing_mail

    msg = ContactMessage.objects.create(
        name="Ana", email="ana@example.org", message="Left for the sweep"
    )
    past = timezone.now() - datetime.timedelta(minutes=10)
    row = OutgoingMail.objects.create(
        kind="portal.contact_staff",
        object_id=msg.pk,
        language="en",
        created_at=past,
        due_at=past,
    )
    sweep_outgoing_mail.delay()

    def sent():
        row.refresh_from_db()
        return row.sent_at is not None

    assert celery_worker_wait(sent)
    assert [m for m in mail.outbox if "Left for the sweep" in m.body]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_the_previous_releases_contact_task(celery_worker_wait):
    from portal.tasks import notify_staff_of_contact

    msg = ContactMessage.objects.create(
        name="Ana", email="ana@example.org", message="Hello from the queue"
    )
    notify_staff_of_contact.delay(msg.pk)

    def notified():
        msg.refresh_from_db()
        return msg.staff_notified_at is not None

    assert celery_worker_wait(notified)
    assert [m.body for m in mail.outbox if "Hello from the queue" in m.body]
    assert OutgoingMail.objects.get(object_id=msg.pk).sent_at is not None


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_the_previous_releases_confirmation_task(celery_worker_wait):
    from portal.tasks import send_webinar_confirmation

    subscriber = WebinarSubscriber.objects.create(
        email="new@example.org", token_nonce="n1"
    )
    send_webinar_confirmation.delay(subscriber.pk)
    assert celery_worker_wait(lambda: _sent_to("new@example.org"))
    [message] = _sent_to("new@example.org")
    assert "/webinars/confirm/" in message.body


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_the_previous_releases_mailing_task(celery_worker_wait):
    from portal.tasks import send_webinar_mailing

    subscriber = WebinarSubscriber.objects.create(
        email="yes@example.org", confirmed_at=timezone.now(), token_nonce="a1"
    )
    mailing = WebinarMailing.objects.create(subject="Queued", body="Via Redis.")
    send_webinar_mailing.delay(mailing.pk, subscriber.pk)
    assert celery_worker_wait(
        lambda: WebinarDelivery.objects.filter(mailing=mailing).exists()
    )
    [message] = _sent_to("yes@example.org")
    assert "Via Redis." in message.body


@pytest.mark.redis
@pytest.mark.django_db
def test_health_checks_the_real_broker(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "broker": "ok"}
