"""The lifecycle: allowed and refused transitions, reasons, timeline, notices."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from discussion.models import ModerationAction, Notification
from priorities import services
from priorities.models import Priority, Status, StatusChange

from .factories import PriorityFactory

pytestmark = pytest.mark.django_db

S = Status
ALLOWED = [
    (S.PENDING, S.PUBLISHED),
    (S.PENDING, S.SHORTLISTED),
    (S.PENDING, S.ANSWERED),
    (S.PENDING, S.DECLINED),
    (S.PUBLISHED, S.SHORTLISTED),
    (S.PUBLISHED, S.ANSWERED),
    (S.PUBLISHED, S.DECLINED),
    (S.SHORTLISTED, S.ANSWERED),
    (S.SHORTLISTED, S.DECLINED),
    (S.DECLINED, S.PUBLISHED),
]
REFUSED = [
    (S.PUBLISHED, S.PENDING),
    (S.PUBLISHED, S.PUBLISHED),
    (S.SHORTLISTED, S.PUBLISHED),
    (S.ANSWERED, S.PUBLISHED),
    (S.ANSWERED, S.DECLINED),
    (S.MERGED, S.PUBLISHED),
    (S.WITHDRAWN, S.PUBLISHED),
    (S.DECLINED, S.SHORTLISTED),
]


@pytest.mark.parametrize(("start", "end"), ALLOWED)
def test_staff_may_make_allowed_transitions(moderator, topic, start, end):
    priority = PriorityFactory(topic=topic, status=start)
    change = services.priority_transition(
        priority=priority, actor=moderator, to_status=end, reason="Reviewed."
    )
    priority.refresh_from_db()
    assert priority.status == end
    assert (change.from_status, change.to_status, change.actor) == (
        start,
        end,
        moderator,
    )
    assert ModerationAction.objects.filter(priority=priority, actor=moderator).exists()


@pytest.mark.parametrize(("start", "end"), REFUSED)
def test_other_transitions_are_refused_and_change_nothing(moderator, topic, start, end):
    extra = {"merged_into": PriorityFactory(topic=topic)} if start == S.MERGED else {}
    priority = PriorityFactory(topic=topic, status=start, **extra)
    with pytest.raises(ValidationError) as info:
        services.priority_transition(
            priority=priority, actor=moderator, to_status=end, reason="Try."
        )
    assert "to_status" in info.value.message_dict
    priority.refresh_from_db()
    assert priority.status == start
    assert not StatusChange.objects.exists()


def test_merge_is_not_a_plain_transition(moderator, priority):
    with pytest.raises(ValidationError, match="merge into"):
        services.priority_transition(
            priority=priority, actor=moderator, to_status=S.MERGED, reason="Dup."
        )


@pytest.mark.parametrize("end", [S.DECLINED, S.ANSWERED])
def test_reason_is_required_to_close(moderator, priority, end):
    with pytest.raises(ValidationError) as info:
        services.priority_transition(
            priority=priority, actor=moderator, to_status=end, reason="  "
        )
    assert "reason" in info.value.message_dict
    priority.refresh_from_db()
    assert priority.status == S.PUBLISHED


@pytest.mark.parametrize("start", [S.PENDING, S.PUBLISHED, S.SHORTLISTED])
def test_author_may_withdraw(topic, start):
    priority = PriorityFactory(topic=topic, status=start)
    services.priority_transition(
        priority=priority, actor=priority.author, to_status=S.WITHDRAWN
    )
    priority.refresh_from_db()
    assert priority.status == S.WITHDRAWN


@pytest.mark.parametrize("who", ["family", "moderator"])
def test_only_the_author_may_withdraw(request, priority, who):
    with pytest.raises(PermissionDenied, match="Only the author"):
        services.priority_transition(
            priority=priority,
            actor=request.getfixturevalue(who),
            to_status=S.WITHDRAWN,
        )


@pytest.mark.parametrize("who", ["family", "clinician", "researcher"])
def test_members_cannot_moderate(request, priority, who):
    with pytest.raises(PermissionDenied, match="Only staff"):
        services.priority_transition(
            priority=priority,
            actor=request.getfixturevalue(who),
            to_status=S.SHORTLISTED,
        )


def test_author_cannot_approve_own_priority(topic):
    priority = PriorityFactory(topic=topic, status=S.PENDING)
    with pytest.raises(PermissionDenied):
        services.priority_transition(
            priority=priority, actor=priority.author, to_status=S.PUBLISHED
        )


def test_approval_sets_published_date_and_notifies_author_once(
    moderator, family, topic
):
    priority = services.priority_submit(
        author=family,
        title="Do bovine fortifiers raise the risk of NEC?",
        description="We need to know.",
        topic=topic,
    )
    assert priority.published_at is None
    change = services.priority_transition(
        priority=priority, actor=moderator, to_status=S.PUBLISHED
    )
    priority.refresh_from_db()
    assert priority.published_at is not None
    notices = Notification.objects.filter(user=family)
    assert notices.count() == 1
    assert notices.get().key == f"status:{change.pk}"


def test_followers_are_notified_of_status_changes(moderator, priority, clinician):
    from discussion.notifications import follow_priority

    follow_priority(user=clinician, priority=priority)
    services.priority_transition(
        priority=priority, actor=moderator, to_status=S.SHORTLISTED
    )
    assert Notification.objects.filter(user=clinician, kind="status").count() == 1
    assert not Notification.objects.filter(user=moderator).exists()


def test_timeline_records_every_step(moderator, family, topic):
    priority = services.priority_submit(
        author=family,
        title="Does delayed cord clamping change NEC rates?",
        description="Why.",
        topic=topic,
    )
    services.priority_transition(
        priority=priority, actor=moderator, to_status=S.PUBLISHED
    )
    services.priority_transition(
        priority=priority,
        actor=moderator,
        to_status=S.ANSWERED,
        reason="A 2024 review answers it.",
    )
    steps = list(priority.status_changes.values_list("from_status", "to_status"))
    assert steps == [
        ("", S.PENDING),
        (S.PENDING, S.PUBLISHED),
        (S.PUBLISHED, S.ANSWERED),
    ]


def test_staff_can_trust_a_member(moderator, family, topic):
    services.member_trust(member=family, actor=moderator)
    family.refresh_from_db()
    assert family.is_trusted
    assert ModerationAction.objects.filter(action="trust", member=family).exists()
    priority = services.priority_submit(
        author=family,
        title="Does lactoferrin prevent NEC in preterm babies?",
        description="Why.",
        topic=topic,
    )
    assert priority.status == S.PUBLISHED


def test_members_cannot_trust(family, clinician):
    with pytest.raises(PermissionDenied):
        services.member_trust(member=family, actor=clinician)
    family.refresh_from_db()
    assert not family.is_trusted


def test_allowed_transitions_for_the_page(moderator, priority, family):
    assert set(services.allowed_transitions(priority, moderator)) == {
        S.SHORTLISTED,
        S.ANSWERED,
        S.DECLINED,
    }
    assert services.allowed_transitions(priority, priority.author) == [S.WITHDRAWN]
    assert services.allowed_transitions(priority, family) == []
    assert Priority.objects.count() == 1
