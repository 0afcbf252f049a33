"""Celery tasks of the portal: the outbox's sender and sweep (portal.mail).

Each takes ids and is safe to run twice: portal.mail claims a mail before sending
it and keeps failures on the row for the sweep, so these never retry themselves.
"""

from celery import shared_task

from . import mail
from .models import WebinarSubscriber


@shared_task(name=mail.SEND_TASK)
def send_outgoing_mail(mail_id: int) -> bool:
    """Queued by mail_queue after the commit: send one recorded e-mail."""
    return mail.mail_send(mail_id=mail_id)


@shared_task
def sweep_outgoing_mail() -> int:
    """Beat task: send what the normal path left unsent (broker or mail server down)."""
    return mail.mail_sweep()


# The previous release queued these by name. Nothing queues them any more; they
# stay one release so such a message, still on the broker during the deploy, is
# recorded in the outbox and sent once instead of being dropped as unknown.


@shared_task
def notify_staff_of_contact(message_id: int) -> bool:
    return mail.mail_send_now(kind="portal.contact_staff", object_id=message_id)


@shared_task
def send_webinar_mailing(mailing_id: int, subscriber_id: int) -> bool:
    return mail.mail_send_now(
        kind="portal.webinar_mailing", object_id=mailing_id, key=str(subscriber_id)
    )


@shared_task
def send_webinar_confirmation(subscriber_id: int) -> bool:
    nonce = (
        WebinarSubscriber.objects.filter(pk=subscriber_id)
        .values_list("token_nonce", flat=True)
        .first()
    )
    return nonce is not None and mail.mail_send_now(
        kind="portal.webinar_confirmation", object_id=subscriber_id, key=nonce
    )
