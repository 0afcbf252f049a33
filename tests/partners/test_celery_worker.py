"""The contact relay through a real Celery worker and the Redis broker."""

import time

import pytest
from django.core import mail

from partners.models import ContactRelay
from portal.celery import app


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_relays_a_message_to_the_partner(partner, clinician):
    from celery.contrib.testing.worker import start_worker

    from partners.tasks import relay_contact_message

    relay = ContactRelay.objects.create(
        partner=partner, sender=clinician, subject="Queue", message="Via Redis"
    )
    app.conf.task_always_eager = False
    try:
        with start_worker(
            app, perform_ping_check=False, pool="solo", loglevel="WARNING"
        ):
            relay_contact_message.delay(relay.pk)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                relay.refresh_from_db()
                if relay.relayed_at:
                    break
                time.sleep(0.2)
    finally:
        app.conf.task_always_eager = True
    assert relay.relayed_at is not None
    sent = [m for m in mail.outbox if "Via Redis" in m.body]
    assert sent and sent[0].reply_to == [clinician.email]
