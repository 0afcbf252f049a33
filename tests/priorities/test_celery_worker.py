"""The priorities app's tasks, run by a real Celery worker on the Redis broker."""

import pytest
from django.utils import timezone

from portal.models import StakeholderGroup as G
from priorities.models import GroupVoterCount, Priority, Vote
from tests.factories import UserFactory

from .factories import PriorityFactory

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_a_worker_recomputes_scores_after_a_new_groups_first_vote(
    settings, celery_worker_wait
):
    settings.PRIORITIES_SCORE_RECOMPUTE_DELAY = 0
    from priorities import voting

    a, b = PriorityFactory.create_batch(2)
    voting.vote_cast(user=UserFactory(stakeholder_group=G.FAMILY), priority=a)
    Priority.objects.filter(pk=a.pk).update(balanced_score=0)
    # The second family voter is queued for the worker by the vote itself.
    voting.vote_cast(user=UserFactory(stakeholder_group=G.FAMILY), priority=b)

    def recomputed():
        return Priority.objects.get(pk=a.pk).balanced_score == pytest.approx(0.5)

    assert celery_worker_wait(recomputed)


def test_a_worker_refreshes_trending_scores(celery_worker_wait):
    from priorities.tasks import refresh_trending_scores

    priority = PriorityFactory()
    Vote.objects.create(
        priority=priority,
        user=UserFactory(),
        group=G.CLINICIAN,
        created_at=timezone.now(),
    )
    Priority.objects.filter(pk=priority.pk).update(
        trending_score=0, last_activity_at=timezone.now()
    )
    refresh_trending_scores.delay()

    def refreshed():
        return Priority.objects.get(pk=priority.pk).trending_score == 1

    assert celery_worker_wait(refreshed)


def test_a_worker_runs_the_forced_hourly_recompute(celery_worker_wait):
    from priorities.tasks import recompute_balanced_scores

    priority = PriorityFactory()
    Vote.objects.create(
        priority=priority, user=UserFactory(stakeholder_group=G.FAMILY), group=G.FAMILY
    )
    # Stored tallies as a vote would leave them, but the score never computed.
    Priority.objects.filter(pk=priority.pk).update(
        supporters_family=1, supporters_total=1, balanced_score=0
    )
    GroupVoterCount.objects.update_or_create(group=G.FAMILY, defaults={"voters": 1})
    recompute_balanced_scores.delay(True)

    def recomputed():
        return Priority.objects.get(pk=priority.pk).balanced_score == pytest.approx(1)

    assert celery_worker_wait(recomputed)


def test_a_worker_rebuilds_the_similarity_index(celery_worker_wait):
    from priorities.models import SimilarityState
    from priorities.tasks import rebuild_similarity_index

    PriorityFactory.create_batch(2)
    rebuild_similarity_index.delay(force=True)

    def rebuilt():
        state = SimilarityState.objects.filter(version__gt="").first()
        return state is not None and state.documents == 2

    assert celery_worker_wait(rebuilt)
