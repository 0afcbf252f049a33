"""A real Celery worker against the configured Redis broker."""

import pytest
from django.core import mail

from portal.models import ContactMessage


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_the_contact_notification(settings, celery_worker_wait):
    from portal.tasks import notify_staff_of_contact

    settings.CONTACT_RECIPIENTS = ["team@example.org"]
    msg = ContactMessage.objects.create(
        name="Ana", email="ana@example.org", message="Hello from the queue"
    )
    notify_staff_of_contact.delay(msg.pk)

    def notified():
        msg.refresh_from_db()
        return msg.staff_notified_at is not None

    assert celery_worker_wait(notified)
    assert [m.body for m in mail.outbox if "Hello from the queue" in m.body]


@pytest.mark.redis
@pytest.mark.django_db
def test_health_checks_the_real_broker(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "broker": "ok"}
