"""Phase changes: by staff or on their date, logged, participants told."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from discussion.models import Notification
from rounds import ballots, phases
from rounds.models import Phase, PhaseChange
from rounds.tasks import advance_due_rounds

from .factories import RoundFactory, ranking_round

pytestmark = pytest.mark.django_db


def test_staff_move_a_round_on_and_participants_are_told(staff, family):
    round_, qs = ranking_round()
    ballots.ballot_save(round_=round_, member=family, question_ids=[qs[0].pk])
    phases.round_change_phase(
        round_=round_, actor=staff, to_phase=Phase.WORKSHOP, reason="Closed."
    )
    assert round_.phase == Phase.WORKSHOP
    change = PhaseChange.objects.get()
    assert (change.from_phase, change.to_phase, change.actor) == (
        Phase.RANKING,
        Phase.WORKSHOP,
        staff,
    )
    note = Notification.objects.get(user=family)
    assert "Final workshop" in note.message


def test_expert_scoring_is_a_phase_only_when_the_round_uses_it(staff):
    round_ = RoundFactory(phase=Phase.RANKING, uses_expert_scoring=True)
    assert round_.next_phase() == Phase.SCORING
    round_ = RoundFactory(phase=Phase.RANKING)
    with pytest.raises(ValidationError):
        phases.round_change_phase(round_=round_, actor=staff, to_phase=Phase.SCORING)


def test_phases_cannot_be_skipped(staff):
    round_ = RoundFactory(phase=Phase.GATHERING)
    with pytest.raises(ValidationError):
        phases.round_change_phase(round_=round_, actor=staff, to_phase=Phase.PUBLISHED)
    assert PhaseChange.objects.count() == 0


def test_members_and_staff_without_the_right_cannot_change_phases(family):
    from portal.services import moderator_group
    from tests.factories import UserFactory

    moderator = UserFactory(is_staff=True)
    moderator.groups.add(moderator_group())
    round_ = RoundFactory(phase=Phase.GATHERING)
    for who in (family, moderator):
        with pytest.raises(PermissionDenied):
            phases.round_change_phase(
                round_=round_, actor=who, to_phase=Phase.VERIFYING
            )
    round_.refresh_from_db()
    assert round_.phase == Phase.GATHERING


def test_the_beat_task_opens_phases_whose_date_has_come():
    now = timezone.now()
    due = RoundFactory(phase=Phase.GATHERING, verifying_opens_at=now - timedelta(1))
    later = RoundFactory(phase=Phase.GATHERING, verifying_opens_at=now + timedelta(1))
    assert advance_due_rounds() == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.phase, later.phase) == (Phase.VERIFYING, Phase.GATHERING)
    assert PhaseChange.objects.get().actor is None
    # Run again: nothing more moves (the ranking date is not set).
    assert advance_due_rounds() == 0


def test_ranking_needs_a_shortlist_and_closing_it_stores_the_results(staff, family):
    round_ = RoundFactory(phase=Phase.VERIFYING)
    with pytest.raises(ValidationError) as caught:
        phases.round_change_phase(round_=round_, actor=staff, to_phase=Phase.RANKING)
    assert "shortlist" in str(caught.value)
    round_, qs = ranking_round()
    ballots.ballot_save(round_=round_, member=family, question_ids=[qs[2].pk])
    assert round_.results_computed_at is None
    phases.round_change_phase(round_=round_, actor=staff, to_phase=Phase.WORKSHOP)
    assert round_.results.get(group="", rank=1).question_id == qs[2].pk
