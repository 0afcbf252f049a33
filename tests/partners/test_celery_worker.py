"""The contact relay through a real Celery worker and the Redis broker."""

import pytest
from django.core import mail

from partners.models import ContactRelay


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_relays_a_message_to_the_partner(
    partner, clinician, celery_worker_wait
):
    from partners.tasks import relay_contact_message

    relay = ContactRelay.objects.create(
        partner=partner, sender=clinician, subject="Queue", message="Via Redis"
    )
    relay_contact_message.delay(relay.pk)

    def relayed():
        relay.refresh_from_db()
        return relay.relayed_at is not None

    assert celery_worker_wait(relayed)
    sent = [m for m in mail.outbox if "Via Redis" in m.body]
    assert sent and sent[0].reply_to == [clinician.email]
