"""CHNRI expert scoring, the workshop entry, exclusions by page, and the API's
pairwise, scores and export endpoints."""

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from portal.models import ReportingToken, StakeholderGroup
from rounds import ballots, reports, results, workshop
from rounds.models import (
    Answer,
    Exclusion,
    Phase,
    Score,
    ScorerAssignment,
    SubQuestion,
    WorkshopResult,
)
from tests.factories import UserFactory

from .factories import ranking_round

pytestmark = pytest.mark.django_db


def _scoring_round(staff, researcher, clinician):
    round_, qs = ranking_round(2, phase=Phase.SCORING, uses_expert_scoring=True)
    workshop.criteria_ensure_defaults(round_=round_)
    mine = workshop.assignment_invite(
        round_=round_, actor=staff, scorer=researcher, question=qs[0]
    )
    theirs = workshop.assignment_invite(
        round_=round_, actor=staff, scorer=clinician, question=qs[1]
    )
    return round_, qs, mine, theirs


def test_scorers_see_and_answer_only_their_own_assignments(
    client, staff, researcher, clinician
):
    round_, qs, mine, theirs = _scoring_round(staff, researcher, clinician)
    client.force_login(researcher)
    page = client.get(f"/rounds/{round_.slug}/score/").content.decode()
    assert qs[0].text in page and qs[1].text not in page
    subs = list(SubQuestion.objects.filter(criterion__round=round_))
    data = {f"a{mine.pk}-s{sub.pk}": Answer.YES for sub in subs}
    data[f"a{theirs.pk}-s{subs[0].pk}"] = Answer.NO  # not theirs: ignored
    assert client.post(f"/rounds/{round_.slug}/score/", data).status_code == 302
    assert Score.objects.filter(assignment=mine).count() == len(subs)
    assert not Score.objects.filter(assignment=theirs).exists()
    with pytest.raises(PermissionDenied):
        workshop.scores_save(
            assignment=theirs, scorer=researcher, answers={subs[0].pk: Answer.YES}
        )


def test_chnri_table_from_stored_scores(staff, researcher, clinician):
    round_, qs, mine, _theirs = _scoring_round(staff, researcher, clinician)
    other = workshop.assignment_invite(
        round_=round_, actor=staff, scorer=UserFactory(), question=qs[0]
    )
    first, second = round_.criteria.all()[:2]
    a1 = first.sub_questions.get()
    e1 = second.sub_questions.get()
    workshop.scores_save(
        assignment=mine,
        scorer=researcher,
        answers={a1.pk: Answer.YES, e1.pk: Answer.UNINFORMED},
    )
    workshop.scores_save(
        assignment=other,
        scorer=other.scorer,
        answers={a1.pk: Answer.UNDECIDED, e1.pk: Answer.NO},
    )
    row = reports.chnri_table(round_)[qs[0].pk]
    # Answerability (1 + 0.5) / 2 = 75; effectiveness 0 / 1 = 0 (uninformed out).
    assert row["criteria"][first.pk] == 75
    assert row["criteria"][second.pk] == 0
    assert row["rps"] == pytest.approx(37.5)
    # a1: the answers differ (1/2 share); e1: one answer (1/1): (0.5 + 1) / 2.
    assert row["aea"] == pytest.approx(0.75)


def test_the_workshop_order_is_recorded_and_a_position_twice_is_refused(
    client, staff, family
):
    round_, qs = ranking_round(3, phase=Phase.RANKING)
    ballots.ballot_save(round_=round_, member=family, question_ids=[qs[0].pk])
    results.results_store(round_=round_, actor=staff, carry_forward=3)
    round_.phase = Phase.WORKSHOP
    round_.save()
    client.force_login(staff)
    url = f"/rounds/{round_.slug}/manage/workshop/"
    bad = {f"q_{q.pk}": 1 for q in qs}
    response = client.post(url, bad)
    assert response.status_code == 400
    assert "Another question has this position." in response.content.decode()
    assert not WorkshopResult.objects.exists()
    good = {f"q_{q.pk}": i for i, q in enumerate(reversed(qs), start=1)}
    good["notes"] = "Agreed after a long discussion."
    assert client.post(url, good).status_code == 302
    assert list(
        WorkshopResult.objects.order_by("position").values_list("question", flat=True)
    ) == [q.pk for q in reversed(qs)]


def test_staff_exclude_a_ballot_by_number_on_the_page(client, staff):
    round_, qs = ranking_round()
    member = UserFactory(stakeholder_group=StakeholderGroup.FAMILY)
    ballot = ballots.ballot_save(round_=round_, member=member, question_ids=[qs[0].pk])
    client.force_login(staff)
    url = f"/rounds/{round_.slug}/manage/exclusions/"
    response = client.post(url, {"ballot": ballot.pk, "reason": ""})
    assert response.status_code == 400
    response = client.post(url, {"ballot": 999999, "reason": "Spam."})
    assert "There is no such ballot" in response.content.decode()
    assert not Exclusion.objects.exists()
    assert client.post(url, {"ballot": ballot.pk, "reason": "Spam."}).status_code == 302
    assert Exclusion.objects.get().reason == "Spam."


def test_api_pairwise_scores_and_a_reporting_token_export(staff, family):
    round_, _qs = ranking_round(3, ranking_mode="pairwise")
    api = APIClient()
    api.force_login(family)
    base = f"/api/v1/rounds/{round_.slug}"
    pair = api.get(f"{base}/pair/").json()
    first, second = pair["first"]["id"], pair["second"]["id"]
    vote = api.post(
        f"{base}/pairwise/",
        {"first": second, "second": first, "choice": "first"},
        format="json",
    )
    assert vote.status_code == 200
    # Stored smaller id first, and the choice follows its question.
    assert vote.json() == {"first": first, "second": second, "choice": "second"}
    bad = api.post(
        f"{base}/pairwise/", {"first": first, "second": first, "choice": "first"}
    )
    assert bad.status_code == 400
    results.results_store(round_=round_, actor=staff)
    _token, key = ReportingToken.issue(name="Reports")
    reporter = APIClient()
    reporter.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    export = reporter.get(f"{base}/export/", {"dataset": "pairwise"})
    assert export.status_code == 200
    [row] = export.json()["rows"]
    assert set(row) == {
        "vote",
        "group",
        "country",
        "excluded",
        "first",
        "second",
        "choice",
    }
    assert reporter.get(f"{base}/export/", {"dataset": "emails"}).status_code == 400
    assert reporter.put(f"{base}/ballot/", {"choices": []}).status_code == 403


def test_invited_scorers_are_told_once_per_round(staff, researcher, clinician):
    from discussion.models import Notification

    round_, qs, _mine, _theirs = _scoring_round(staff, researcher, clinician)
    workshop.assignment_invite(
        round_=round_, actor=staff, scorer=researcher, question=qs[1]
    )
    assert Notification.objects.filter(user=researcher).count() == 1
    assert ScorerAssignment.objects.filter(scorer=researcher).count() == 2


def test_staff_invite_a_scorer_in_the_admin(client, staff, researcher):
    from discussion.models import Notification

    round_, qs = ranking_round(1, phase=Phase.SCORING, uses_expert_scoring=True)
    client.force_login(staff)
    response = client.post(
        "/staff/rounds/scorerassignment/add/",
        {"round": round_.pk, "scorer": researcher.pk, "question": qs[0].pk},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert ScorerAssignment.objects.get().scorer == researcher
    assert Notification.objects.filter(user=researcher).exists()
