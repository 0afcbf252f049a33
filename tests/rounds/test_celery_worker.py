"""The rounds app's task through a real Celery worker and the Redis broker."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rounds.models import Phase

from .factories import RoundFactory


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_opens_a_phase_on_its_date(celery_worker_wait):
    from rounds.tasks import advance_due_rounds

    round_ = RoundFactory(
        phase=Phase.GATHERING,
        verifying_opens_at=timezone.now() - timedelta(minutes=1),
    )
    advance_due_rounds.delay()

    def moved():
        round_.refresh_from_db()
        return round_.phase == Phase.VERIFYING

    assert celery_worker_wait(moved)
