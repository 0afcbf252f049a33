"""Ballots: validation, one per member, editing, exclusion and recomputation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from portal.models import StakeholderGroup
from rounds import ballots, results
from rounds.models import Ballot, BallotChoice, Exclusion, Phase, QuestionStatus
from tests.concurrency import outcome_names, run_together
from tests.factories import UserFactory

from .factories import QuestionFactory, ranking_round

pytestmark = pytest.mark.django_db


def _choices(ballot):
    return list(ballot.choices.order_by("rank").values_list("question_id", flat=True))


def test_a_member_casts_and_then_edits_one_ballot(family):
    round_, qs = ranking_round()
    ballots.ballot_save(round_=round_, member=family, question_ids=[qs[0].pk])
    ballot = ballots.ballot_save(
        round_=round_, member=family, question_ids=[qs[2].pk, qs[1].pk]
    )
    assert Ballot.objects.filter(round=round_).count() == 1
    assert _choices(ballot) == [qs[2].pk, qs[1].pk]
    assert ballot.group == StakeholderGroup.FAMILY


@pytest.mark.parametrize(
    "pick, message",
    [
        (lambda qs, other: [qs[0].pk, qs[0].pk], "same question more than once"),
        (lambda qs, other: [q.pk for q in qs], "at most 3"),
        (lambda qs, other: [], "at least 1"),
        (lambda qs, other: [other.pk], "shortlist"),
    ],
    ids=["twice", "too-many", "too-few", "not-on-shortlist"],
)
def test_bad_ballots_are_refused_and_change_nothing(family, pick, message):
    round_, qs = ranking_round()
    other = QuestionFactory(round=round_, status=QuestionStatus.OUT_OF_SCOPE)
    ballots.ballot_save(round_=round_, member=family, question_ids=[qs[1].pk])
    with pytest.raises(ValidationError) as caught:
        ballots.ballot_save(round_=round_, member=family, question_ids=pick(qs, other))
    assert message in " ".join(caught.value.message_dict["choices"])
    assert _choices(Ballot.objects.get(round=round_)) == [qs[1].pk]


@pytest.mark.parametrize(
    "phase", [Phase.GATHERING, Phase.VERIFYING, Phase.WORKSHOP, Phase.PUBLISHED]
)
def test_nobody_ranks_outside_the_ranking_phase(family, phase):
    round_, qs = ranking_round(phase=phase)
    with pytest.raises(ValidationError):
        ballots.ballot_save(round_=round_, member=family, question_ids=[qs[0].pk])
    assert not Ballot.objects.exists()


def test_members_who_may_not_take_part_cannot_rank(unverified, blocked):
    round_, qs = ranking_round()
    for member in (unverified, blocked):
        with pytest.raises(PermissionDenied):
            ballots.ballot_save(round_=round_, member=member, question_ids=[qs[0].pk])
    assert not Ballot.objects.exists()


def test_a_group_not_taking_part_cannot_rank(researcher):
    round_, qs = ranking_round(groups=["family", "clinician"])
    with pytest.raises(ValidationError):
        ballots.ballot_save(round_=round_, member=researcher, question_ids=[qs[0].pk])


def test_unverified_clinicians_count_as_other_unless_the_round_says(clinician):
    round_, qs = ranking_round(
        count_unverified_clinicians=False, groups=["clinician", "other"]
    )
    ballot = ballots.ballot_save(
        round_=round_, member=clinician, question_ids=[qs[0].pk]
    )
    assert ballot.group == StakeholderGroup.OTHER
    round_.count_unverified_clinicians = True
    round_.save()
    ballot = ballots.ballot_save(
        round_=round_, member=clinician, question_ids=[qs[0].pk]
    )
    assert ballot.group == StakeholderGroup.CLINICIAN


def _cast(round_, group, order, copies):
    for _ in range(copies):
        member = UserFactory(stakeholder_group=group)
        ballots.ballot_save(round_=round_, member=member, question_ids=order)


def test_stored_results_weigh_groups_equally_and_are_reproducible(staff):
    round_, (a, b, c, d) = ranking_round(max_choices=4)
    _cast(round_, StakeholderGroup.FAMILY, [a.pk, b.pk, c.pk, d.pk], 6)
    _cast(round_, StakeholderGroup.CLINICIAN, [c.pk, d.pk, b.pk], 2)
    results.results_store(round_=round_, actor=staff, carry_forward=2)
    combined = round_.results.filter(group="").order_by("rank")
    assert [r.question_id for r in combined] == [c.pk, a.pk, b.pk, d.pk]
    assert [q.pk for q in results.carried_forward(round_)] == [c.pk, a.pk]
    assert results.results_check(round_) == []
    call_command("rounds_recompute", round=round_.slug)


def test_recompute_command_fails_when_stored_results_were_altered(staff):
    round_, qs = ranking_round()
    _cast(round_, StakeholderGroup.FAMILY, [qs[0].pk], 1)
    results.results_store(round_=round_, actor=staff)
    round_.results.filter(group="", rank=1).update(rank=9)
    with pytest.raises(Exception, match="differ"):
        call_command("rounds_recompute")


def test_excluding_a_ballot_is_logged_and_recomputes(staff):
    round_, (a, b, *_rest) = ranking_round()
    blocked_later = UserFactory(stakeholder_group=StakeholderGroup.FAMILY)
    ballots.ballot_save(round_=round_, member=blocked_later, question_ids=[b.pk])
    _cast(round_, StakeholderGroup.FAMILY, [a.pk], 1)
    _cast(round_, StakeholderGroup.FAMILY, [b.pk], 1)
    results.results_store(round_=round_, actor=staff)
    assert round_.results.get(group="", rank=1).question_id == b.pk
    with pytest.raises(ValidationError):
        ballots.exclusion_add(
            round_=round_, actor=staff, member=blocked_later, reason=" "
        )
    ballots.exclusion_add(
        round_=round_, actor=staff, member=blocked_later, reason="Spam account."
    )
    exclusion = Exclusion.objects.get()
    assert (exclusion.actor, exclusion.reason) == (staff, "Spam account.")
    # a and b now have 10 points each: the older question wins the tie.
    assert round_.results.get(group="", rank=1).question_id == a.pk
    assert results.results_check(round_) == []


def test_only_staff_exclude_or_store_results(family, clinician):
    round_, qs = ranking_round()
    ballots.ballot_save(round_=round_, member=clinician, question_ids=[qs[0].pk])
    with pytest.raises(PermissionDenied):
        ballots.exclusion_add(round_=round_, actor=family, member=clinician, reason="x")
    with pytest.raises(PermissionDenied):
        results.results_store(round_=round_, actor=family)
    assert not Exclusion.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_saves_at_once_leave_one_ballot(family):
    round_, qs = ranking_round()
    outcomes = run_together(
        lambda: ballots.ballot_save(
            round_=round_, member=family, question_ids=[qs[0].pk]
        ),
        lambda: ballots.ballot_save(
            round_=round_, member=family, question_ids=[qs[1].pk, qs[2].pk]
        ),
        lambda: ballots.ballot_save(
            round_=round_, member=family, question_ids=[qs[3].pk]
        ),
    )
    assert outcome_names(outcomes) == ["ok", "ok", "ok"]
    assert Ballot.objects.filter(round=round_, member=family).count() == 1
    ballot = Ballot.objects.get()
    # Whole ballots only: the last save's choices, never a mixture.
    assert _choices(ballot) in ([qs[0].pk], [qs[1].pk, qs[2].pk], [qs[3].pk])
    assert BallotChoice.objects.count() == len(_choices(ballot))
