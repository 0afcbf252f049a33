"""Many members clicking support and withdraw at the same moment (PostgreSQL)."""

import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.db.models import Count

from portal.models import StakeholderGroup as G
from priorities import merging, services, voting
from priorities.models import GroupVoterCount, Priority, Vote
from tests.factories import UserFactory

from .factories import PriorityFactory, TopicFactory


def _run(operation):
    action, user_id, priority_id = operation
    from portal.models import User

    try:
        user = User.objects.get(pk=user_id)
        priority = Priority.objects.get(pk=priority_id)
        if action == "cast":
            voting.vote_cast(user=user, priority=priority)
        else:
            voting.vote_withdraw(user=user, priority=priority)
    finally:
        # Each worker thread has its own connection; leave none open.
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_and_withdrawals_leave_exact_tallies():
    topic = TopicFactory()
    priorities = PriorityFactory.create_batch(3, topic=topic)
    groups = [G.FAMILY] * 8 + [G.CLINICIAN] * 5 + [G.RESEARCHER] * 4 + [G.OTHER] * 3
    members = [UserFactory(stakeholder_group=group) for group in groups]
    rng = random.Random(7)
    operations = []
    for _ in range(600):
        member = rng.choice(members)
        priority = rng.choice(priorities)
        # More casts than withdrawals, and the same member often twice at once.
        action = "cast" if rng.random() < 0.6 else "withdraw"
        operations.append((action, member.pk, priority.pk))
        if rng.random() < 0.2:
            operations.append((action, member.pk, priority.pk))

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(_run, operations))

    real_voters = dict(
        Vote.objects.order_by()
        .values("group")
        .annotate(n=Count("user", distinct=True))
        .values_list("group", "n")
    )
    stored_voters = dict(GroupVoterCount.objects.values_list("group", "voters"))
    for group in services.GROUPS:
        assert stored_voters.get(group, 0) == real_voters.get(group, 0), group
    assert Vote.objects.count() > 0
    for priority in priorities:
        priority.refresh_from_db()
        votes = Vote.objects.filter(priority=priority)
        unique = votes.values("user").distinct().count()
        assert priority.supporters_total == votes.count() == unique
        tallies = {}
        for group in services.GROUPS:
            tallies[group] = votes.filter(group=group).count()
            assert getattr(priority, f"supporters_{group}") == tallies[group]
        expected = voting.balanced_score(tallies, voting.group_voter_counts())
        assert priority.balanced_score == pytest.approx(expected)
    assert voting.tallies_recompute() == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_same_member_clicking_many_times_counts_once():
    priority = PriorityFactory(topic=TopicFactory())
    member = UserFactory(stakeholder_group=G.CLINICIAN)
    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(_run, [("cast", member.pk, priority.pk)] * 30))
    priority.refresh_from_db()
    assert priority.supporters_total == priority.supporters_clinician == 1
    assert Vote.objects.count() == 1
    assert GroupVoterCount.objects.get(group=G.CLINICIAN).voters == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_merges_in_opposite_directions_do_not_deadlock():
    topic = TopicFactory()
    a, b = PriorityFactory.create_batch(2, topic=topic)
    staff = UserFactory(is_staff=True, is_superuser=True)
    members = [UserFactory(stakeholder_group=G.FAMILY) for _ in range(4)]
    for member in members:
        voting.vote_cast(user=member, priority=a)
    voting.vote_cast(user=members[0], priority=b)

    def merge(pair):
        source, target = pair
        from django.core.exceptions import ValidationError

        try:
            merging.priority_merge(
                source=Priority.objects.get(pk=source),
                target=Priority.objects.get(pk=target),
                actor=staff,
                reason="Duplicate.",
            )
            return "merged"
        except ValidationError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = sorted(pool.map(merge, [(a.pk, b.pk), (b.pk, a.pk)]))
    # One wins; the other finds its target merged already and is refused.
    assert results == ["merged", "refused"]
    survivor = Priority.objects.get(status__in=["published"])
    assert survivor.supporters_total == 4
    assert voting.tallies_recompute() == []
