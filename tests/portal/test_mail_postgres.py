"""The outbox's claim under real concurrency, on PostgreSQL only."""

import datetime
import time
from functools import partial
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from portal.mail import mail_send, mail_sweep
from portal.models import ContactMessage, OutgoingMail
from tests.concurrency import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def slow_smtp():
    """Sending takes a moment, so the second claimant comes while the first sends."""
    real = EmailBackend.send_messages

    def slow(self, messages):
        time.sleep(0.3)
        return real(self, messages)

    with mock.patch.object(EmailBackend, "send_messages", slow):
        yield


def _due_contact_mail() -> OutgoingMail:
    msg = ContactMessage.objects.create(
        name="Ana", email="ana@example.org", message="Racing"
    )
    past = timezone.now() - datetime.timedelta(minutes=10)
    return OutgoingMail.objects.create(
        kind="portal.contact_staff",
        object_id=msg.pk,
        language="en",
        created_at=past,
        due_at=past,
    )


def test_the_sweep_and_the_task_racing_on_one_mail_send_it_once(settings, slow_smtp):
    settings.CONTACT_RECIPIENTS = ["team@example.org"]
    for n in (1, 2, 3):
        row = _due_contact_mail()
        outcomes = run_together(partial(mail_send, mail_id=row.pk), mail_sweep)
        assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
        assert sum(outcomes) == 1
        assert len(mail.outbox) == n
        row.refresh_from_db()
        assert row.sent_at is not None and row.attempts == 1


def test_a_task_delivered_twice_at_once_sends_once(settings, slow_smtp):
    settings.CONTACT_RECIPIENTS = ["team@example.org"]
    row = _due_contact_mail()
    outcomes = run_together(*[partial(mail_send, mail_id=row.pk)] * 3)
    assert sorted(outcomes) == [False, False, True]
    assert len(mail.outbox) == 1
