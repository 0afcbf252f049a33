"""The rounds report: people in each round's phases by group, known answers,
small cells hidden, the same figures on the page and through the API."""

import datetime

import pytest
from django.utils import timezone

from portal.models import StakeholderGroup
from reports.params import ReportParams
from reports.registry import run_report
from rounds.models import Ballot, PairwiseVote, SuggestionSource
from tests.factories import UserFactory
from tests.roles import Roles
from tests.rounds.factories import QuestionFactory, RoundFactory, SuggestionFactory

FAMILY, CLINICIAN = StakeholderGroup.FAMILY, StakeholderGroup.CLINICIAN
IN_PERIOD = timezone.make_aware(datetime.datetime(2026, 2, 10, 12))
BEFORE = timezone.make_aware(datetime.datetime(2025, 11, 3, 12))
PARAMS = {"start": datetime.date(2026, 1, 1), "end": datetime.date(2026, 3, 31)}


@pytest.fixture
def round_data(db):
    round_ = RoundFactory(name="Feeding round")
    first, second = QuestionFactory(round=round_), QuestionFactory(round=round_)
    # Seven survey answers from families: seven respondents.
    for _ in range(7):
        SuggestionFactory(
            round=round_,
            source=SuggestionSource.SURVEY,
            group=FAMILY,
            created_at=IN_PERIOD,
        )
    # Six family ballots in the period and one before it; two clinicians.
    for when in [IN_PERIOD] * 6 + [BEFORE]:
        Ballot.objects.create(
            round=round_, member=UserFactory(), group=FAMILY, created_at=when
        )
    for _ in range(2):
        Ballot.objects.create(
            round=round_,
            member=UserFactory(stakeholder_group=CLINICIAN),
            group=CLINICIAN,
            created_at=IN_PERIOD,
        )
    # A family member who ranked by ballot and also voted in pairs counts once.
    voter = Ballot.objects.filter(group=FAMILY).first().member
    PairwiseVote.objects.create(
        round=round_,
        member=voter,
        group=FAMILY,
        first=first,
        second=second,
        choice="first",
        created_at=IN_PERIOD,
    )
    return round_


def _params(**extra):
    return ReportParams(**PARAMS, **extra)


def _rows(result):
    return [
        (row["round"], row["phase"], row["group"], row["people"])
        for row in result.tables[0].rows
    ]


def test_people_per_phase_and_group(round_data):
    rows = _rows(run_report("rounds", _params()))
    assert rows == [
        ("Feeding round", "Suggesting questions", "Family (parent or caregiver)", 7),
        ("Feeding round", "Ranking the shortlist", "Clinician", "<5"),
        ("Feeding round", "Ranking the shortlist", "Family (parent or caregiver)", 6),
    ]


def test_the_group_filter_keeps_one_group(round_data):
    rows = _rows(run_report("rounds", _params(group=FAMILY)))
    assert [row[2] for row in rows] == [
        "Family (parent or caregiver)",
        "Family (parent or caregiver)",
    ]


def test_a_period_without_activity_says_so(round_data):
    result = run_report(
        "rounds",
        ReportParams(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 3, 31)),
    )
    assert result.tables[0].rows == []
    assert "No round" in str(result.tables[0].note)


def test_the_api_and_the_page_agree(round_data, client, reporter):
    token = Roles().client("token")
    query = "from=2026-01-01&to=2026-03-31"
    api = token.get(f"/api/v1/reports/rounds/?{query}").json()
    assert [row["people"] for row in api["tables"][0]["rows"]] == [7, "<5", 6]
    client.force_login(reporter)
    page = client.get(f"/reports/?{query}").content.decode()
    assert "Participation by round, phase and stakeholder group" in page
    assert "<td>Feeding round</td><td>Ranking the shortlist</td>" in page
