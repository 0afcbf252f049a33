"""The discussion's tasks, run by a real Celery worker on the Redis broker."""

import pytest
from django.core import mail

from discussion.models import EmailMode, Notification, NotificationSettings
from portal.models import OutgoingMail
from tests.discussion.factories import NotificationFactory, PriorityFactory

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def _emailed(note):
    def check():
        note.refresh_from_db()
        return note.emailed_at is not None

    return check


def test_a_worker_sends_the_daily_digests(clinician, celery_worker_wait):
    from discussion.tasks import send_daily_digests

    NotificationSettings.objects.create(user=clinician, email_mode=EmailMode.DAILY)
    note = NotificationFactory(user=clinician, priority=PriorityFactory())
    send_daily_digests.delay()
    assert celery_worker_wait(_emailed(note))
    assert OutgoingMail.objects.get().kind == "discussion.digest"
    assert [m.to for m in mail.outbox] == [[clinician.email]]


def test_a_worker_sends_a_notification_queued_under_its_old_name(
    clinician, celery_worker_wait
):
    """A message queued by the release before the outbox is sent once."""
    from discussion.tasks import send_notification_email

    note = NotificationFactory(user=clinician, priority=PriorityFactory())
    send_notification_email.delay(note.pk)
    assert celery_worker_wait(_emailed(note))
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 1
    assert len(mail.outbox) == 1


def test_a_worker_sends_a_digest_queued_under_its_old_name(
    clinician, celery_worker_wait
):
    from discussion.tasks import send_notification_digest

    NotificationSettings.objects.create(user=clinician, email_mode=EmailMode.DAILY)
    note = NotificationFactory(user=clinician, priority=PriorityFactory())
    send_notification_digest.delay(clinician.pk)
    assert celery_worker_wait(_emailed(note))
    assert len(mail.outbox) == 1
