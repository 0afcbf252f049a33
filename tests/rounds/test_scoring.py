"""Known answers for rounds/scoring.py, worked out by hand in the comments."""

import random

import pytest

from rounds import scoring

A, B, C, D = 1, 2, 3, 4


def test_points_run_from_ten_for_the_first_to_one_for_the_tenth():
    assert [scoring.jla_points(r) for r in range(1, 11)] == list(range(10, 0, -1))
    with pytest.raises(ValueError):
        scoring.jla_points(11)


def test_ties_share_the_mean_of_their_positions_and_unchosen_share_the_bottom():
    assert scoring.fractional_positions({A: 10, B: 9, C: 9}, [A, B, C, D]) == {
        A: 1,
        B: 2.5,
        C: 2.5,
        D: 4,
    }
    assert scoring.fractional_positions({A: 10}, [A, B, C]) == {A: 1, B: 2.5, C: 2.5}


def _families_and_clinicians(clinician_copies: int):
    # Six families order A, B, C, D: A 60, B 54, C 48, D 42 -> positions 1 2 3 4.
    # Two clinicians choose C, D, B: C 20, D 18, B 16, A 0 -> positions 1 2 3 4.
    return {
        "family": [[A, B, C, D]] * 6,
        "clinician": [[C, D, B]] * clinician_copies,
    }


def test_position_sum_and_raw_points_disagree():
    ranking = scoring.jla_ranking([A, B, C, D], _families_and_clinicians(2))
    raw = scoring.ballot_points(
        [b for ballots in _families_and_clinicians(2).values() for b in ballots]
    )
    # Raw totals: A 60, B 70, C 68, D 60: B would come first.
    assert raw == {A: 60, B: 70, C: 68, D: 60}
    assert max(raw, key=raw.get) == B
    # Position sums: A 1+4=5, B 2+3=5, C 3+1=4, D 4+2=6: C comes first; A and
    # B tie on 5 and A's best group position (1) beats B's (2).
    order = [(r.question, r.position_sum) for r in ranking.combined]
    assert order == [(C, 4), (A, 5), (B, 5), (D, 6)]
    assert ranking.positions["clinician"] == {C: 1, D: 2, B: 3, A: 4}


def test_a_group_three_times_larger_weighs_the_same():
    # Families cast three times as many ballots as clinicians (6 v 2); giving the
    # clinicians three times more ballots changes nothing: each group is a
    # ranking, not a count of people.
    small = scoring.jla_ranking([A, B, C, D], _families_and_clinicians(2))
    equal = scoring.jla_ranking([A, B, C, D], _families_and_clinicians(6))
    assert [r.question for r in small.combined] == [r.question for r in equal.combined]
    assert [r.position_sum for r in small.combined] == [
        r.position_sum for r in equal.combined
    ]


def test_a_group_without_ballots_does_not_count():
    ranking = scoring.jla_ranking(
        [A, B], {"family": [[B, A]], "clinician": [], "researcher": []}
    )
    assert ranking.groups == ["family"]
    assert [r.question for r in ranking.combined] == [B, A]


def test_a_full_tie_falls_back_on_mentions_then_the_older_question():
    ranking = scoring.jla_ranking([A, B, C], {"family": [[B], [C]]})
    # B and C: 10 points each, position 1.5; A unchosen at 3.
    assert [r.question for r in ranking.combined] == [B, C, A]


# --- CHNRI -----------------------------------------------------------------------
# Four experts; None is "not sufficiently informed".
# Answerability, one sub-question a1: 1, 1, 0.5, None -> 2.5 / 3 = 83.33
# Effectiveness, e1: 0, None, None, 1 and e2: 1, 1, 1, 0 -> 4 / 6 = 66.67
MATRIX = {
    "answerability": {"a1": [1, 1, 0.5, None]},
    "effectiveness": {"e1": [0, None, None, 1], "e2": [1, 1, 1, 0]},
}


def _criterion_scores():
    return {
        criterion: scoring.criterion_score(
            [a for answers in subs.values() for a in answers]
        )
        for criterion, subs in MATRIX.items()
    }


def test_criterion_scores_leave_uninformed_out_of_the_denominator():
    scores = _criterion_scores()
    assert scores["answerability"] == pytest.approx(250 / 3)
    assert scores["effectiveness"] == pytest.approx(200 / 3)
    assert scoring.criterion_score([None, None]) is None


def test_research_priority_score_mean_and_weighted_mean():
    scores = _criterion_scores()
    assert scoring.research_priority_score(scores) == pytest.approx(75.0)
    weighted = scoring.research_priority_score(
        scores, {"answerability": 2, "effectiveness": 1}
    )
    assert weighted == pytest.approx((2 * 250 / 3 + 200 / 3) / 3)  # 77.78


def test_average_expert_agreement():
    subs = {k: v for c in MATRIX.values() for k, v in c.items()}
    # a1: 2 of 3 said yes; e1: 1 of 2; e2: 3 of 4 -> (2/3 + 1/2 + 3/4) / 3
    assert scoring.average_expert_agreement(subs) == pytest.approx(
        (2 / 3 + 1 / 2 + 3 / 4) / 3
    )
    assert scoring.average_expert_agreement({"x": [None]}) is None


# --- Pairwise --------------------------------------------------------------------


def test_pairwise_two_questions_three_wins_to_one():
    # Bradley-Terry's estimate for 3 wins in 4 is a 3/4 chance (the light
    # regularisation pulls it a hair towards 1/2).
    scores = scoring.bradley_terry_scores([A, B], [(A, B)] * 3 + [(B, A)])
    assert scores[A] == pytest.approx(0.75, abs=0.01)
    assert scores[A] + scores[B] == pytest.approx(1.0)


def test_pairwise_chain_orders_the_questions_and_chances_add_up():
    wins = [(A, B)] * 3 + [(B, C)] * 3 + [(A, C)] * 3 + [(C, A)]
    scores = scoring.bradley_terry_scores([A, B, C], wins)
    assert scores[A] > scores[B] > scores[C]
    # Every pair's two chances add to 1, so the mean chances add to n / 2.
    assert sum(scores.values()) == pytest.approx(1.5)


def test_pairwise_groups_combine_by_position_sum():
    ranking = scoring.pairwise_ranking(
        [A, B, C],
        {"family": [(A, B), (A, C), (B, C)] * 5, "clinician": [(C, B), (C, A)]},
    )
    assert ranking.positions["family"][A] == 1
    assert ranking.positions["clinician"][C] == 1
    # Family A 1, B 2, C 3; clinicians C 1, A and B (never compared) 2.5 each:
    # sums A 3.5, C 4, B 4.5.
    assert [(r.question, r.position_sum) for r in ranking.combined] == [
        (A, 3.5),
        (C, 4),
        (B, 4.5),
    ]


def test_next_pair_favours_the_least_compared_and_skips_seen_pairs():
    rng = random.Random(4)
    assert scoring.next_pair([A, B, C], {A: 5, B: 0, C: 1}, rng=rng) == (B, C)
    assert scoring.next_pair([A, B, C], {A: 5, B: 0, C: 1}, [(C, B)], rng=rng) == (
        A,
        B,
    )
    seen = [(A, B), (A, C), (B, C)]
    assert scoring.next_pair([A, B, C], {}, seen, rng=rng) is None
