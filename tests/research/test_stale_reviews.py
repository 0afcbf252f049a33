import datetime
import smtplib
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from research.models import EvidenceSummary, StaleReviewDigest
from research.services import editor_recipients
from research.tasks import email_stale_reviews

pytestmark = pytest.mark.django_db


def make_stale(summary, days=3):
    summary.next_review_due = timezone.localdate() - datetime.timedelta(days=days)
    summary.save()


def test_stale_means_published_and_past_the_review_date(published, draft):
    assert not EvidenceSummary.objects.stale().exists()
    make_stale(published)
    make_stale(draft)  # never published: nothing for the public to go stale
    assert list(EvidenceSummary.objects.stale()) == [published]


def test_due_today_is_not_yet_stale(published):
    published.next_review_due = timezone.localdate()
    published.save()
    assert not EvidenceSummary.objects.stale().exists()
    assert list(EvidenceSummary.objects.due_soon(30)) == [published]


def test_editors_get_the_list_once_a_week(
    published, editor, reviewer, family, plain_staff
):
    make_stale(published)
    assert email_stale_reviews.delay().get() is True
    [message] = mail.outbox
    assert "1 evidence summaries are due for review" in message.subject
    assert "Probiotic drops" in message.body
    assert "http://testserver/evidence/staff/" in message.body
    assert set(message.to) == {editor.email, reviewer.email}
    assert family.email not in message.to and plain_staff.email not in message.to
    # Running again in the same ISO week sends nothing.
    assert email_stale_reviews.delay().get() is False
    assert len(mail.outbox) == 1
    assert StaleReviewDigest.objects.get().summary_count == 1


def test_a_new_week_sends_a_new_list(published, editor):
    make_stale(published)
    email_stale_reviews()
    next_week = timezone.now() + datetime.timedelta(days=7)
    with mock.patch("django.utils.timezone.now", return_value=next_week):
        assert email_stale_reviews() is True
    assert len(mail.outbox) == 2
    assert StaleReviewDigest.objects.count() == 2


def test_no_mail_when_nothing_is_stale(published, editor):
    assert email_stale_reviews() is False
    assert mail.outbox == []


def test_a_mail_error_rolls_back_so_the_retry_sends(published, editor, settings):
    make_stale(published)
    with mock.patch(
        "django.core.mail.EmailMessage.send", side_effect=smtplib.SMTPException
    ):
        assert email_stale_reviews() is False
    assert not StaleReviewDigest.objects.exists()
    assert email_stale_reviews() is True
    assert len(mail.outbox) == 1
    assert StaleReviewDigest.objects.get().summary_count == 1


def test_inactive_or_deleted_editors_are_not_mailed(editor):
    editor.is_active = False
    editor.save()
    assert editor.email not in editor_recipients()


def test_the_task_is_scheduled_weekly():
    entry = settings.CELERY_BEAT_SCHEDULE["research-stale-reviews"]
    assert entry["task"] == "research.tasks.email_stale_reviews"
    assert entry["schedule"].day_of_week == {1}


def test_moderator_permissions_include_the_editor_and_review_codenames():
    assert "research.change_evidencesummary" in settings.MODERATOR_PERMISSIONS
    assert "research.review_evidencesummary" in settings.MODERATOR_PERMISSIONS
