"""Merging duplicates: supports move without double counting."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from discussion.models import Notification
from portal.models import StakeholderGroup as G
from priorities import merging, voting
from priorities.models import Status, Vote

from .factories import PriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(topic):
    source = PriorityFactory(topic=topic, title="Do probiotics prevent NEC?")
    target = PriorityFactory(
        topic=topic, title="Does probiotic use prevent NEC in preterm infants?"
    )
    return source, target


def test_supports_move_and_shared_supporters_count_once(pair, moderator, make_member):
    source, target = pair
    only_source = [make_member(G.FAMILY), make_member(G.CLINICIAN)]
    both = make_member(G.RESEARCHER)
    only_target = make_member(G.FAMILY)
    for member in [*only_source, both]:
        voting.vote_cast(user=member, priority=source)
    for member in [both, only_target]:
        voting.vote_cast(user=member, priority=target)

    result = merging.priority_merge(
        source=source, target=target, actor=moderator, reason="Same question."
    )

    assert (result.moved, result.already_supporting) == (2, 1)
    # 2 from the source only + 1 in both + 1 from the target only = 4 people.
    assert target.supporters_total == 4
    assert (
        target.supporters_family,
        target.supporters_clinician,
        target.supporters_researcher,
    ) == (2, 1, 1)
    assert Vote.objects.filter(priority=target).count() == 4
    assert source.supporters_total == 0
    assert not Vote.objects.filter(priority=source).exists()
    assert source.status == Status.MERGED and source.merged_into == target
    assert voting.group_voter_counts() == {
        "family": 2,
        "clinician": 1,
        "researcher": 1,
        "other": 0,
    }


def test_source_supporters_are_notified_once(pair, moderator, family, clinician):
    source, target = pair
    voting.vote_cast(user=family, priority=source)
    voting.vote_cast(user=clinician, priority=source)
    merging.priority_merge(
        source=source, target=target, actor=moderator, reason="Same question."
    )
    notices = Notification.objects.filter(kind="merged")
    assert sorted(n.user_id for n in notices) == sorted([family.pk, clinician.pk])
    assert all(n.priority_id == target.pk for n in notices)


def test_moved_supporters_can_withdraw_from_target(pair, moderator, family):
    source, target = pair
    voting.vote_cast(user=family, priority=source)
    merging.priority_merge(
        source=source, target=target, actor=moderator, reason="Same question."
    )
    assert voting.vote_withdraw(user=family, priority=target)
    target.refresh_from_db()
    assert target.supporters_total == 0
    assert voting.group_voter_counts()["family"] == 0


def test_pending_duplicate_can_be_merged(topic, moderator):
    source = PriorityFactory(topic=topic, status=Status.PENDING)
    target = PriorityFactory(topic=topic)
    merging.priority_merge(
        source=source, target=target, actor=moderator, reason="Duplicate."
    )
    assert source.status == Status.MERGED


@pytest.mark.parametrize(
    ("target_status", "reason", "message"),
    [
        (Status.DECLINED, "Dup.", "published or shortlisted"),
        (Status.PUBLISHED, "", "reason"),
    ],
)
def test_refused_merges_change_nothing(
    topic, moderator, family, target_status, reason, message
):
    source = PriorityFactory(topic=topic)
    target = PriorityFactory(topic=topic, status=target_status)
    voting.vote_cast(user=family, priority=source)
    with pytest.raises(ValidationError, match=message):
        merging.priority_merge(
            source=source, target=target, actor=moderator, reason=reason
        )
    source.refresh_from_db()
    assert source.status == Status.PUBLISHED and source.supporters_total == 1
    assert Vote.objects.get().priority == source


def test_cannot_merge_into_itself(priority, moderator):
    with pytest.raises(ValidationError, match="itself"):
        merging.priority_merge(
            source=priority, target=priority, actor=moderator, reason="Dup."
        )


def test_already_merged_cannot_be_merged_again(topic, moderator):
    a, b, c = PriorityFactory.create_batch(3, topic=topic)
    merging.priority_merge(source=a, target=b, actor=moderator, reason="Dup.")
    with pytest.raises(ValidationError):
        merging.priority_merge(source=a, target=c, actor=moderator, reason="Dup.")


def test_members_cannot_merge(pair, researcher):
    source, target = pair
    with pytest.raises(PermissionDenied, match="Only staff"):
        merging.priority_merge(
            source=source, target=target, actor=researcher, reason="Dup."
        )


def test_merge_through_the_page(client_for, moderator, pair):
    source, target = pair
    response = client_for(moderator).post(
        f"/priorities/{source.pk}/merge/",
        {f"merge-{source.pk}-target": target.pk, f"merge-{source.pk}-reason": "Dup."},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/priorities/{target.pk}/"
    source.refresh_from_db()
    assert source.merged_into == target
