"""The nightly summary refresh, run by a real Celery worker on the Redis broker."""

import datetime

import pytest
from django.db.models import Sum

from reports.models import ParticipationMonth, SummaryRun

from .factories import build_world

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_a_worker_fills_the_summary_tables(celery_worker_wait):
    from reports.tasks import refresh_report_summaries

    build_world()
    refresh_report_summaries.delay()
    assert celery_worker_wait(SummaryRun.objects.exists)
    march = ParticipationMonth.objects.filter(month=datetime.date(2026, 3, 1))
    assert march.aggregate(n=Sum("active_members"))["n"] == 13
