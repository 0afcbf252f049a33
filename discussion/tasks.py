"""Celery tasks of the discussion: the daily digest (beat).

Notification e-mails are recorded in the outbox by `notify` and sent by
portal.mail; the digest task records one digest per member and day, so running it
twice in a day sends nothing more.
"""

from celery import shared_task
from django.utils import timezone

from portal.mail import mail_send_now

from .notifications import digests_queue


@shared_task
def send_daily_digests() -> int:
    """Beat task: one digest e-mail per member in "daily" mode with news."""
    return digests_queue()


# The release before the outbox queued these by name. They stay one release so a
# message still on the broker during the deploy is sent once, not dropped.


@shared_task(name="priorities.tasks_discussion.send_notification_email")
def send_notification_email(notification_id: int) -> bool:
    return mail_send_now(kind="discussion.notification", object_id=notification_id)


@shared_task(name="priorities.tasks_discussion.send_notification_digest")
def send_notification_digest(user_id: int) -> bool:
    day = timezone.localdate().isoformat()
    return mail_send_now(kind="discussion.digest", object_id=user_id, key=day)
