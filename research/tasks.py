"""Weekly e-mail to evidence editors listing summaries past their review date."""

from celery import shared_task
from django.utils import timezone

from portal.mail import mail_send_now

from .services import iso_week


@shared_task
def email_stale_reviews() -> bool:
    """Beat, Mondays: this ISO week's list, once; a second run that week sends nothing.

    If the mail server fails, the outbox keeps the week's mail and its sweep
    sends it later.
    """
    week = iso_week(timezone.localdate())
    return mail_send_now(kind="research.stale_reviews", object_id=0, key=week)
