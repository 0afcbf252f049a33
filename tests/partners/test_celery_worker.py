"""The partner directory's tasks through a real Celery worker and the Redis broker."""

import pytest
from django.core import mail

from partners.models import ContactRelay, DecisionAction, VerificationDecision


def _emailed(decision: VerificationDecision):
    def check():
        decision.refresh_from_db()
        return decision.emailed_at is not None

    return check


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


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_tells_the_researcher_about_a_decision(
    partner, celery_worker_wait
):
    from partners.tasks import send_partner_decision

    decision = VerificationDecision.objects.create(
        partner=partner, action=DecisionAction.VERIFIED
    )
    send_partner_decision.delay(decision.pk)
    assert celery_worker_wait(_emailed(decision))
    [message] = [m for m in mail.outbox if m.to == [partner.user.email]]
    assert "verified" in message.subject


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_tells_staff_about_a_profile_to_verify(
    partner, celery_worker_wait
):
    from partners.tasks import notify_staff_of_pending

    decision = VerificationDecision.objects.create(
        partner=partner, action=DecisionAction.SUBMITTED
    )
    notify_staff_of_pending.delay(decision.pk)
    assert celery_worker_wait(_emailed(decision))
    [message] = [m for m in mail.outbox if m.to == ["staff-inbox@example.org"]]
    assert partner.display_name in message.subject
