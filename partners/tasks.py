"""Celery tasks of the partner directory.

Its e-mails go through portal.mail (partners/emails.py says what they say). The
previous release queued these tasks by name; nothing queues them any more. They
stay one release so such a message, still on the broker during the deploy, is
recorded in the outbox and sent once instead of being dropped as unknown.
"""

from celery import shared_task

from portal.mail import mail_send_now


@shared_task
def send_partner_decision(decision_id: int) -> bool:
    return mail_send_now(kind="partners.decision", object_id=decision_id)


@shared_task
def notify_staff_of_pending(decision_id: int) -> bool:
    return mail_send_now(kind="partners.pending_staff", object_id=decision_id)


@shared_task
def relay_contact_message(relay_id: int) -> bool:
    return mail_send_now(kind="partners.contact_relay", object_id=relay_id)
