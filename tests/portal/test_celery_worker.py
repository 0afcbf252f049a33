"""A real Celery worker against the configured Redis broker."""

import time

import pytest
from django.core import mail

from portal.celery import app
from portal.models import ContactMessage


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_the_contact_notification(settings):
    from celery.contrib.testing.worker import start_worker

    from portal.tasks import notify_staff_of_contact

    settings.CONTACT_RECIPIENTS = ["team@example.org"]
    msg = ContactMessage.objects.create(
        name="Ana", email="ana@example.org", message="Hello from the queue"
    )
    app.conf.task_always_eager = False
    try:
        with start_worker(
            app, perform_ping_check=False, pool="solo", loglevel="WARNING"
        ):
            notify_staff_of_contact.delay(msg.pk)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                msg.refresh_from_db()
                if msg.staff_notified_at:
                    break
                time.sleep(0.2)
    finally:
        app.conf.task_always_eager = True
    assert msg.staff_notified_at is not None
    assert [m.body for m in mail.outbox if "Hello from the queue" in m.body]


@pytest.mark.redis
@pytest.mark.django_db
def test_health_checks_the_real_broker(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "broker": "ok"}
