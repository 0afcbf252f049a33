"""What members and staff see and do on the round's pages."""

import io

import pytest
from django.core.management import call_command

from portal.models import StakeholderGroup
from rounds import ballots, results
from rounds.models import (
    Ballot,
    Phase,
    Question,
    QuestionStatus,
    Suggestion,
    WorkshopResult,
)
from tests.factories import UserFactory

from .factories import RoundFactory, SuggestionFactory, ranking_round

pytestmark = pytest.mark.django_db


def _ballot(round_, member):
    return list(
        Ballot.objects.get(round=round_, member=member)
        .choices.order_by("rank")
        .values_list("question_id", flat=True)
    )


def test_the_no_javascript_ballot_form_saves_and_shows_the_saved_order(client, family):
    round_, qs = ranking_round()
    client.force_login(family)
    page = client.get(f"/rounds/{round_.slug}/ballot/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="rank_1"' in body and 'name="rank_3"' in body
    assert "rounds/ballot.js" in body
    response = client.post(
        f"/rounds/{round_.slug}/ballot/",
        {"rank_1": qs[2].pk, "rank_2": qs[0].pk, "rank_3": ""},
    )
    assert response.status_code == 302
    assert _ballot(round_, family) == [qs[2].pk, qs[0].pk]
    page = client.get(f"/rounds/{round_.slug}/ballot/").content.decode()
    assert f'<option value="{qs[2].pk}" selected>' in page


def test_a_question_chosen_twice_is_a_field_error_and_nothing_changes(client, family):
    round_, qs = ranking_round()
    ballots.ballot_save(round_=round_, member=family, question_ids=[qs[1].pk])
    client.force_login(family)
    response = client.post(
        f"/rounds/{round_.slug}/ballot/", {"rank_1": qs[0].pk, "rank_2": qs[0].pk}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "You chose this question already as choice 1." in body
    assert 'id="id_rank_2_error"' in body
    assert _ballot(round_, family) == [qs[1].pk]


def test_an_empty_or_foreign_choice_is_refused_with_a_clear_error(client, family):
    round_, _qs = ranking_round()
    other, _ = ranking_round()
    client.force_login(family)
    response = client.post(f"/rounds/{round_.slug}/ballot/", {})
    assert response.status_code == 400
    assert "Choose at least 1 question." in response.content.decode()
    response = client.post(
        f"/rounds/{round_.slug}/ballot/", {"rank_1": other.questions.first().pk}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Ballot.objects.exists()


def test_api_ballot_errors_name_the_field_and_change_nothing(family):
    from rest_framework.test import APIClient

    round_, qs = ranking_round()
    api = APIClient()
    api.force_login(family)
    url = f"/api/v1/rounds/{round_.slug}/ballot/"
    for bad in ([qs[0].pk, qs[0].pk], [q.pk for q in qs], ["x"], [999999]):
        response = api.put(url, {"choices": bad}, format="json")
        assert response.status_code == 400, bad
        assert "choices" in response.json()["errors"]
    assert api.get(url).json() == {"choices": []}
    assert api.put(url, {"choices": [qs[1].pk]}, format="json").json() == {
        "choices": [qs[1].pk]
    }


def test_pairwise_page_shows_a_pair_and_records_the_answer(client, family):
    round_, _qs = ranking_round(3, ranking_mode="pairwise")
    client.force_login(family)
    body = client.get(f"/rounds/{round_.slug}/compare/").content.decode()
    assert body.count('class="pair-choice"') == 2
    first = int(body.split('name="first" value="')[1].split('"')[0])
    second = int(body.split('name="second" value="')[1].split('"')[0])
    response = client.post(
        f"/rounds/{round_.slug}/compare/",
        {"first": first, "second": second, "choice": "second"},
    )
    assert response.status_code == 302
    vote = round_.pairwise_votes.get()
    assert (vote.first_id, vote.second_id, vote.choice) == (first, second, "second")
    # Three questions, three pairs: after three answers nothing is left.
    for _ in range(2):
        pair = ballots.pair_for(round_, family)
        ballots.pairwise_vote(
            round_=round_,
            member=family,
            first_id=pair[0],
            second_id=pair[1],
            choice="skip",
        )
    body = client.get(f"/rounds/{round_.slug}/compare/").content.decode()
    assert "You have compared every pair" in body


def test_staff_import_a_survey_through_the_pages(client, staff):
    round_ = RoundFactory(phase=Phase.GATHERING)
    client.force_login(staff)
    url = f"/rounds/{round_.slug}/manage/import/"
    upload = io.BytesIO(b"Question,Who\nIs donor milk safer?,parent\nBad,alien\n")
    upload.name = "survey.csv"
    page = client.post(url, {"upload": "1", "file": upload})
    assert page.status_code == 200
    assert '<option value="Question"' in page.content.decode()
    preview = client.post(url, {"text": "Question", "group": "Who", "preview": "1"})
    assert preview.status_code == 400
    assert "Line 3: Unknown stakeholder group “alien”." in preview.content.decode()
    refused = client.post(url, {"text": "Question", "group": "Who", "confirm": "1"})
    assert refused.status_code == 400
    assert not Suggestion.objects.exists()
    upload = io.BytesIO(b"Question,Who\nIs donor milk safer?,parent\n")
    upload.name = "survey.csv"
    client.post(url, {"upload": "1", "file": upload})
    done = client.post(url, {"text": "Question", "group": "Who", "confirm": "1"})
    assert done.status_code == 302
    assert list(Suggestion.objects.values_list("text", "group")) == [
        ("Is donor milk safer?", "family")
    ]


def test_staff_merge_suggestions_on_the_verify_page(client, staff):
    round_ = RoundFactory(phase=Phase.VERIFYING)
    a = SuggestionFactory(round=round_, text="Does donor breast milk prevent NEC?")
    b = SuggestionFactory(round=round_, text="Can donor breast milk prevent NEC?")
    client.force_login(staff)
    page = client.get(f"/rounds/{round_.slug}/manage/verify/").content.decode()
    assert "seem to ask the same thing" in page
    response = client.post(
        f"/rounds/{round_.slug}/manage/verify/",
        {"suggestions": [a.pk, b.pk], "text": "Does donor milk prevent NEC?"},
    )
    assert response.status_code == 302
    question = Question.objects.get()
    response = client.post(
        f"/rounds/{round_.slug}/manage/questions/{question.pk}/",
        {"status": QuestionStatus.OUT_OF_SCOPE, "reason": ""},
    )
    assert response.status_code == 400
    assert "Say why it is out of scope." in response.content.decode()
    question.refresh_from_db()
    assert question.status == QuestionStatus.CANDIDATE


def _finished_round(staff):
    round_, qs = ranking_round(4, max_choices=4)
    family_votes = [[qs[0].pk, qs[1].pk, qs[2].pk, qs[3].pk]] * 3
    for order in family_votes:
        member = UserFactory(stakeholder_group=StakeholderGroup.FAMILY)
        ballots.ballot_save(round_=round_, member=member, question_ids=order)
    clinician = UserFactory(
        stakeholder_group=StakeholderGroup.CLINICIAN, email="dr.secret@example.org"
    )
    ballots.ballot_save(
        round_=round_, member=clinician, question_ids=[qs[2].pk, qs[3].pk]
    )
    results.results_store(round_=round_, actor=staff, carry_forward=3)
    round_.phase = Phase.PUBLISHED
    round_.summary = "Families and clinicians chose these questions together."
    round_.save()
    for position, q in enumerate(results.carried_forward(round_), start=1):
        WorkshopResult.objects.create(round=round_, question=q, position=position)
    return round_, qs


def test_the_published_page_shows_the_top_10_journeys_charts_and_no_addresses(
    client, staff
):
    round_, _qs = _finished_round(staff)
    body = client.get(f"/rounds/{round_.slug}/").content.decode()
    assert "The Top 10" in body
    assert "Families and clinicians chose these questions together." in body
    assert "<svg" in body and "Rank in each group" in body
    assert "By country" in body and "Grew from 0 suggestions." in body
    assert "@" not in body.split("<main")[1].split("</main>")[0]
    method = client.get(f"/rounds/{round_.slug}/method/").content.decode()
    assert "sum of a question" in method and "Family" in method


def test_exports_hold_no_personal_data(client, staff):
    round_, _qs = _finished_round(staff)
    client.force_login(staff)
    for dataset in ("ballots", "results", "suggestions", "decisions", "workshop"):
        for fmt in ("csv", "json"):
            response = client.get(f"/rounds/{round_.slug}/export/{dataset}.{fmt}")
            assert response.status_code == 200, (dataset, fmt)
            text = response.getvalue().decode()
            assert "@" not in text and "Member" not in text
    csv_text = client.get(f"/rounds/{round_.slug}/export/ballots.csv").getvalue()
    assert csv_text.decode().splitlines()[0] == (
        "ballot,group,country,excluded,rank,question"
    )
    assert client.get(f"/rounds/{round_.slug}/export/nope.csv").status_code == 404


def test_the_workshop_pack_and_recompute_command(client, staff):
    round_, _qs = _finished_round(staff)
    client.force_login(staff)
    pack = client.get(f"/rounds/{round_.slug}/manage/pack/").content.decode()
    assert "Workshop pack" in pack and "Interim (combined)" in pack
    out = io.StringIO()
    call_command("rounds_recompute", stdout=out)
    assert "stored results reproduced" in out.getvalue()


def test_running_results_show_during_ranking_only_when_the_round_allows(
    client, staff, family
):
    round_, qs = ranking_round()
    ballots.ballot_save(round_=round_, member=family, question_ids=[qs[0].pk])
    results.results_store(round_=round_, actor=staff)
    body = client.get(f"/rounds/{round_.slug}/").content.decode()
    assert "Running results are hidden" in body and "Interim ranking so far" not in body
    round_.hide_running_results = False
    round_.save()
    body = client.get(f"/rounds/{round_.slug}/").content.decode()
    assert "Interim ranking so far" in body


def test_the_shortlist_sorts_by_rps_and_the_time_chart_has_bars(client):
    import re

    call_command("seed_demo", stdout=io.StringIO())
    body = client.get("/rounds/nec-top-10-demo/?sort=rps").content.decode()
    assert 'class="time-chart-svg"' in body and "<rect" in body
    table = body.split('id="shortlist-all-heading"')[1].split("</table>")[0]
    cells = re.findall(r"<tr><td>.*?</tr>", table)
    rps = []
    for row in cells:
        values = re.findall(r"<td>(.*?)</td>", row)
        rps.append(float(values[-2]) if values[-2] != "\u2013" else -1)
    assert rps == sorted(rps, reverse=True) and rps[0] > 0
