"""The weekly stale-review mail through a real Celery worker and the Redis broker."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from research.models import StaleReviewDigest


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_weekly_stale_review_list(
    published, editor, celery_worker_wait
):
    from research.tasks import email_stale_reviews

    published.next_review_due = timezone.localdate() - datetime.timedelta(days=3)
    published.save()
    email_stale_reviews.delay()
    assert celery_worker_wait(StaleReviewDigest.objects.exists)
    [message] = [m for m in mail.outbox if editor.email in m.to]
    assert "Probiotic drops" in message.body
    assert StaleReviewDigest.objects.get().summary_count == 1
