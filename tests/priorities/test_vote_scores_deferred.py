"""A member's first vote in a group leaves the other priorities' scores to a
debounced recompute, outside the request, with or without a broker."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models import StakeholderGroup as G
from priorities import voting
from priorities.models import Priority
from tests.factories import UserFactory

from .factories import PriorityFactory


def _wait_for(check, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def _score(priority) -> float:
    return Priority.objects.get(pk=priority.pk).balanced_score


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_recompute_runs_after_the_request(settings):
    settings.PRIORITIES_SCORE_RECOMPUTE_IN_BACKGROUND = True
    settings.PRIORITIES_SCORE_RECOMPUTE_DELAY = 0.5
    a, b = PriorityFactory.create_batch(2)
    voting.vote_cast(user=UserFactory(stakeholder_group=G.FAMILY), priority=a)
    assert _wait_for(lambda: _score(a) == pytest.approx(1.0))
    with CaptureQueriesContext(connection) as request_queries:
        voting.vote_cast(user=UserFactory(stakeholder_group=G.CLINICIAN), priority=b)
    updates = [
        q["sql"]
        for q in request_queries.captured_queries
        if q["sql"].startswith('UPDATE "priorities_priority"')
    ]
    # One UPDATE, of the priority voted for: tallies and score together.
    assert len(updates) == 1 and f'"id" = {b.pk}' in updates[0]
    assert _score(b) == pytest.approx(0.5)  # 0/1 families, 1/1 clinicians
    # A's score still predates the clinician; the thread brings it down.
    assert _score(a) == pytest.approx(1.0)
    assert _wait_for(lambda: _score(a) == pytest.approx(0.5))
    assert voting.tallies_recompute() == []


@pytest.mark.django_db
def test_a_burst_of_first_votes_queues_one_recompute(
    monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(
        voting, "publish", lambda name, **kw: queued.append((name, kw)) or True
    )
    priority = PriorityFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for group in (G.FAMILY, G.CLINICIAN, G.RESEARCHER, G.OTHER, G.FAMILY):
            voting.vote_cast(
                user=UserFactory(stakeholder_group=group), priority=priority
            )
    assert [name for name, _ in queued] == [
        "priorities.tasks.recompute_balanced_scores"
    ]
    assert queued[0][1]["countdown"] == 5
    # The task runs: it clears both marks, and the next first vote queues again.
    voting.balanced_scores_recompute_if_dirty()
    assert cache.get(voting.SCORES_DIRTY_KEY) is None
    with django_capture_on_commit_callbacks(execute=True):
        voting.vote_cast(user=UserFactory(stakeholder_group=G.OTHER), priority=priority)
    assert len(queued) == 2


@pytest.mark.django_db
def test_a_failed_publish_lets_the_next_vote_queue_again(
    monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    monkeypatch.setattr(voting, "publish", lambda name, **kw: calls.append(1) and False)
    priority = PriorityFactory()
    with django_capture_on_commit_callbacks(execute=True):
        voting.vote_cast(
            user=UserFactory(stakeholder_group=G.FAMILY), priority=priority
        )
        voting.vote_cast(user=UserFactory(stakeholder_group=G.OTHER), priority=priority)
    assert len(calls) == 2
    assert cache.get(voting.SCORES_DIRTY_KEY)


def _cast_then_withdraw(args):
    user_id, priority_id = args
    from portal.models import User

    try:
        user = User.objects.get(pk=user_id)
        priority = Priority.objects.get(pk=priority_id)
        voting.vote_cast(user=user, priority=priority)
        voting.vote_withdraw(user=user, priority=priority)
        voting.vote_cast(user=user, priority=priority)
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_distinct_members_at_once_leave_exact_tallies_and_scores(settings):
    settings.PRIORITIES_SCORE_RECOMPUTE_IN_BACKGROUND = True
    settings.PRIORITIES_SCORE_RECOMPUTE_DELAY = 0.2
    priorities = PriorityFactory.create_batch(4)
    groups = [G.FAMILY, G.CLINICIAN, G.RESEARCHER, G.OTHER]
    members = [UserFactory(stakeholder_group=groups[i % 4]) for i in range(60)]
    work = [(m.pk, priorities[i % 4].pk) for i, m in enumerate(members)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(_cast_then_withdraw, work))
    assert voting.tallies_recompute() == []
    assert sum(p.supporters_total for p in Priority.objects.all()) == 60

    def scores_settled() -> bool:
        voters = voting.group_voter_counts()
        return all(
            p.balanced_score
            == pytest.approx(
                voting.balanced_score(
                    {g: getattr(p, f"supporters_{g}") for g in groups}, voters
                )
            )
            for p in Priority.objects.all()
        )

    assert _wait_for(scores_settled)
