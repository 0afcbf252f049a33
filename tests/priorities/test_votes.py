"""Supporting and withdrawing: tallies, voters per group, the balanced score."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portal.models import StakeholderGroup as G
from priorities import privacy, voting
from priorities.models import GroupVoterCount, Priority, Status, Vote

from .factories import PriorityFactory

pytestmark = pytest.mark.django_db


def voters():
    return voting.group_voter_counts()


def test_support_counts_in_the_voters_group_and_total(priority, make_member):
    member = make_member(G.CLINICIAN)
    assert voting.vote_cast(user=member, priority=priority) is True
    priority.refresh_from_db()
    assert (priority.supporters_clinician, priority.supporters_total) == (1, 1)
    assert priority.trending_score == 1
    assert Vote.objects.get().group == G.CLINICIAN
    assert voters()[G.CLINICIAN] == 1


def test_second_support_by_same_member_changes_nothing(priority, family):
    voting.vote_cast(user=family, priority=priority)
    assert voting.vote_cast(user=family, priority=priority) is False
    priority.refresh_from_db()
    assert priority.supporters_total == 1
    assert Vote.objects.count() == 1
    assert voters()[G.FAMILY] == 1


def test_withdrawing_restores_tallies_and_voter_count(priority, family):
    voting.vote_cast(user=family, priority=priority)
    assert voting.vote_withdraw(user=family, priority=priority) is True
    priority.refresh_from_db()
    assert (priority.supporters_family, priority.supporters_total) == (0, 0)
    assert priority.balanced_score == 0
    assert voters()[G.FAMILY] == 0
    assert not Vote.objects.exists()


def test_withdrawing_without_a_support_is_a_no_op(priority, family):
    assert voting.vote_withdraw(user=family, priority=priority) is False


def test_voter_count_falls_only_when_the_last_support_goes(topic, family):
    first, second = PriorityFactory.create_batch(2, topic=topic)
    voting.vote_cast(user=family, priority=first)
    voting.vote_cast(user=family, priority=second)
    assert voters()[G.FAMILY] == 1
    voting.vote_withdraw(user=family, priority=first)
    assert voters()[G.FAMILY] == 1
    voting.vote_withdraw(user=family, priority=second)
    assert voters()[G.FAMILY] == 0


@pytest.mark.parametrize(
    "status",
    [Status.PENDING, Status.DECLINED, Status.ANSWERED, Status.WITHDRAWN],
)
def test_support_is_refused_unless_published_or_shortlisted(topic, family, status):
    priority = PriorityFactory(topic=topic, status=status)
    with pytest.raises(ValidationError, match="Support is closed"):
        voting.vote_cast(user=family, priority=priority)
    priority.refresh_from_db()
    assert priority.supporters_total == 0
    assert not Vote.objects.exists()
    assert voters()[G.FAMILY] == 0


def test_support_on_shortlisted_priority_is_allowed(topic, family):
    priority = PriorityFactory(topic=topic, status=Status.SHORTLISTED)
    assert voting.vote_cast(user=family, priority=priority)


def test_hidden_priority_cannot_be_supported(topic, family):
    priority = PriorityFactory(topic=topic, is_hidden=True)
    with pytest.raises(ValidationError):
        voting.vote_cast(user=family, priority=priority)


def test_hidden_priority_keeps_withdrawing_open_and_the_page_says_the_same(
    topic, family, moderator, client_for
):
    priority = PriorityFactory(topic=topic)
    voting.vote_cast(user=family, priority=priority)
    voting.vote_cast(user=moderator, priority=priority)
    Priority.objects.filter(pk=priority.pk).update(is_hidden=True)
    priority.refresh_from_db()
    assert not priority.is_open_for_support
    assert priority.allows_withdrawing_support
    # Staff see the hidden page: a supporter is offered the withdraw button only.
    page = client_for(moderator).get(priority.get_absolute_url()).content.decode()
    assert 'value="withdraw"' in page
    assert 'value="support"' not in page
    assert voting.vote_withdraw(user=family, priority=priority) is True
    voting.vote_withdraw(user=moderator, priority=priority)
    page = client_for(moderator).get(priority.get_absolute_url()).content.decode()
    assert 'value="withdraw"' not in page
    assert 'value="support"' not in page


def test_unverified_and_blocked_members_cannot_support(priority, unverified, blocked):
    for member in (unverified, blocked):
        with pytest.raises(PermissionDenied):
            voting.vote_cast(user=member, priority=priority)
    assert not Vote.objects.exists()


def test_group_at_vote_time_is_kept_when_profile_changes(priority, family):
    voting.vote_cast(user=family, priority=priority)
    family.stakeholder_group = G.RESEARCHER
    family.save()
    voting.vote_withdraw(user=family, priority=priority)
    priority.refresh_from_db()
    # The support is taken off the family tally it was counted in.
    assert priority.supporters_family == 0
    assert priority.supporters_researcher == 0
    assert voters() == {"family": 0, "clinician": 0, "researcher": 0, "other": 0}


def test_balanced_score_worked_example(
    topic, make_member, django_capture_on_commit_callbacks
):
    """Four families, two clinicians and one researcher vote; nobody from "other".

    Priority A: 3 families, 0 clinicians, 1 researcher.
    Priority B: 1 family, 2 clinicians, 0 researchers.
    Families who support anything: 4; clinicians: 2; researchers: 1; other: 0.
    The "other" group has no voters, so it is left out of the mean.
      A = (3/4 + 0/2 + 1/1) / 3 = (0.75 + 0 + 1) / 3 = 0.58333...
      B = (1/4 + 2/2 + 0/1) / 3 = (0.25 + 1 + 0) / 3 = 0.41666...
    A ranks first: it reached the only researcher and most of the families.
    """
    a, b = PriorityFactory.create_batch(2, topic=topic)
    families = [make_member(G.FAMILY) for _ in range(4)]
    clinicians = [make_member(G.CLINICIAN) for _ in range(2)]
    researcher = make_member(G.RESEARCHER)
    # Run the score recompute queued after each commit, as the worker would.
    with django_capture_on_commit_callbacks(execute=True):
        for member in [*families[:3], researcher]:
            voting.vote_cast(user=member, priority=a)
        for member in [families[3], *clinicians]:
            voting.vote_cast(user=member, priority=b)
    a.refresh_from_db()
    b.refresh_from_db()
    assert voters() == {"family": 4, "clinician": 2, "researcher": 1, "other": 0}
    assert a.balanced_score == pytest.approx(1.75 / 3)
    assert b.balanced_score == pytest.approx(1.25 / 3)
    assert (a.supporters_total, b.supporters_total) == (4, 3)
    assert list(Priority.objects.sorted_by("balanced")) == [a, b]


def test_new_group_voter_updates_every_priority_score(
    topic, make_member, django_capture_on_commit_callbacks
):
    """A's score was computed before the family voter of B existed: it must fall."""
    a, b = PriorityFactory.create_batch(2, topic=topic)
    voting.vote_cast(user=make_member(G.FAMILY), priority=a)
    a.refresh_from_db()
    assert a.balanced_score == pytest.approx(1.0)  # 1/1 families
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        voting.vote_cast(user=make_member(G.FAMILY), priority=b)
    a.refresh_from_db()
    assert a.balanced_score == pytest.approx(1.0)  # not yet: the task is queued
    assert len(callbacks) == 1
    callbacks[0]()
    a.refresh_from_db()
    assert a.balanced_score == pytest.approx(0.5)  # 1/2 families


def test_python_and_sql_definitions_agree(topic, make_member):
    priority = PriorityFactory(topic=topic)
    for group, n in ((G.FAMILY, 3), (G.OTHER, 2)):
        for _ in range(n):
            voting.vote_cast(user=make_member(group), priority=priority)
    other = PriorityFactory(topic=topic)
    voting.vote_cast(user=make_member(G.CLINICIAN), priority=other)
    voting.balanced_scores_recompute()
    priority.refresh_from_db()
    expected = voting.balanced_score(
        {"family": 3, "other": 2, "clinician": 0}, voters()
    )
    assert priority.balanced_score == pytest.approx(expected)
    # (3/3 + 0/1 + 2/2) / 3
    assert expected == pytest.approx(2 / 3)


def test_missing_group_rows_are_created_on_demand(priority, family):
    GroupVoterCount.objects.all().delete()
    voting.vote_cast(user=family, priority=priority)
    assert GroupVoterCount.objects.get(group=G.FAMILY).voters == 1


def test_erasing_a_members_votes_corrects_tallies(topic, family):
    first, second = PriorityFactory.create_batch(2, topic=topic)
    voting.vote_cast(user=family, priority=first)
    voting.vote_cast(user=family, priority=second)
    Priority.objects.filter(pk=second.pk).update(status=Status.ANSWERED)
    assert voting.user_votes_erase(user=family) == 2
    assert Priority.objects.filter(supporters_total__gt=0).count() == 0
    assert voters()[G.FAMILY] == 0


def test_export_lists_proposals_and_supports(priority, family):
    voting.vote_cast(user=family, priority=priority)
    data = privacy.user_priorities_export(user=family)
    assert data["priorities_supported"][0]["priority_id"] == priority.pk
    assert data["priorities_proposed"] == []
    author_data = privacy.user_priorities_export(user=priority.author)
    assert author_data["priorities_proposed"][0]["title"] == priority.title


def test_recompute_writes_only_changed_rows_and_only_when_asked(topic, make_member):
    a, b = PriorityFactory.create_batch(2, topic=topic)
    voting.vote_cast(user=make_member(G.FAMILY), priority=a)
    voting.vote_cast(user=make_member(G.CLINICIAN), priority=b)
    # A's score predates the clinician voter (the queued task has not run here).
    assert voting.balanced_scores_recompute() == 1
    # Now every stored score is right: nothing to write.
    assert voting.balanced_scores_recompute() == 0
    Priority.objects.filter(pk=a.pk).update(balanced_score=0.9)
    # Nobody asked (no voter count changed since): the queued task does nothing.
    assert voting.balanced_scores_recompute_if_dirty() == 0
    from django.core.cache import cache

    cache.set(voting.SCORES_DIRTY_KEY, 1)
    assert voting.balanced_scores_recompute_if_dirty() == 1
    a.refresh_from_db()
    assert a.balanced_score == pytest.approx(0.5)  # (1/1 + 0/1) / 2
    assert cache.get(voting.SCORES_DIRTY_KEY) is None
