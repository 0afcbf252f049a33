"""Stored tallies against the votes and comments: drift found and fixed."""

import pytest
from django.core.management import call_command

from portal.models import StakeholderGroup as G
from priorities import voting
from priorities.models import GroupVoterCount, Priority, Vote

from .factories import CommentFactory, PriorityFactory

pytestmark = pytest.mark.django_db


def test_no_drift_after_normal_use(priority, make_member, capsys):
    for group in (G.FAMILY, G.CLINICIAN):
        voting.vote_cast(user=make_member(group), priority=priority)
    call_command("recompute_tallies")
    assert "No drift" in capsys.readouterr().out


def test_injected_drift_is_reported_then_fixed(topic, make_member, capsys):
    priority = PriorityFactory(topic=topic)
    members = [make_member(G.FAMILY) for _ in range(3)]
    for member in members:
        voting.vote_cast(user=member, priority=priority)
    CommentFactory(priority=priority, stance="favour")
    CommentFactory(priority=priority, stance="")
    # Drift: a tally off by two, comment counts never updated, a lost voter.
    Priority.objects.filter(pk=priority.pk).update(
        supporters_family=5, supporters_total=5, balanced_score=0.1
    )
    GroupVoterCount.objects.filter(group=G.FAMILY).update(voters=7)

    with pytest.raises(SystemExit) as exit_info:
        call_command("recompute_tallies")
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert f"priority {priority.pk}: supporters_family stored 5, actual 3" in out
    assert "comment_count stored 0, actual 2" in out
    assert "voters: voters_family stored 7, actual 3" in out
    priority.refresh_from_db()
    assert priority.supporters_family == 5  # reported only

    call_command("recompute_tallies", "--fix")
    priority.refresh_from_db()
    assert (priority.supporters_family, priority.supporters_total) == (3, 3)
    assert (priority.comment_count, priority.stance_favour) == (2, 1)
    assert priority.balanced_score == pytest.approx(1.0)  # 3 of 3 family voters
    assert GroupVoterCount.objects.get(group=G.FAMILY).voters == 3
    call_command("recompute_tallies")
    assert "No drift" in capsys.readouterr().out


def test_trending_counts_only_the_last_fourteen_days(priority, make_member):
    from datetime import timedelta

    from django.utils import timezone

    old, new = make_member(G.FAMILY), make_member(G.OTHER)
    voting.vote_cast(user=old, priority=priority)
    voting.vote_cast(user=new, priority=priority)
    Vote.objects.filter(user=old).update(created_at=timezone.now() - timedelta(days=15))
    priority.refresh_from_db()
    assert priority.trending_score == 2
    voting.trending_scores_refresh()
    priority.refresh_from_db()
    assert priority.trending_score == 1
    # An old support withdrawn does not lower the trending count.
    voting.vote_withdraw(user=old, priority=priority)
    priority.refresh_from_db()
    assert priority.trending_score == 1
