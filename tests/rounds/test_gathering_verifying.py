"""Gathering (member suggestions, survey import) and verifying (the shortlist)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from priorities.models import Priority
from rounds import gathering, verifying
from rounds.models import (
    Phase,
    QuestionRevision,
    QuestionStatus,
    Suggestion,
    SuggestionSource,
)
from tests.priorities.factories import TopicFactory

from .factories import RoundFactory, SuggestionFactory

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "Your question,I am a,Country\n"
    "Does donor milk prevent NEC?,Parent,GB\n"
    '"Do probiotics, given early, help?",nurse,\n'
    "When should feeds restart after NEC?,researcher,de\n"
)


def test_a_member_suggests_a_question_which_is_also_a_priority(family):
    round_ = RoundFactory(phase=Phase.GATHERING)
    suggestion = gathering.suggestion_submit(
        round_=round_,
        author=family,
        title="Does skin-to-skin care lower the risk of NEC?",
        description="Parents on our unit ask this every week.",
        topic=TopicFactory(),
    )
    assert suggestion.priority == Priority.objects.get()
    assert suggestion.group == "family"
    assert suggestion.source == SuggestionSource.MEMBER


def test_suggestions_only_while_gathering(family):
    round_ = RoundFactory(phase=Phase.VERIFYING)
    with pytest.raises(ValidationError):
        gathering.suggestion_submit(
            round_=round_,
            author=family,
            title="Does skin-to-skin care lower the risk of NEC?",
            description="",
            topic=TopicFactory(),
        )
    assert not Priority.objects.exists()


def test_survey_import_maps_columns_and_groups(staff):
    round_ = RoundFactory()
    mapping = {"text": "Your question", "group": "I am a", "country": "Country"}
    plan = gathering.plan_import(GOOD_CSV.encode(), mapping)
    assert plan.ok and [r.line for r in plan.rows] == [2, 3, 4]
    gathering.survey_import(
        round_=round_, actor=staff, data=GOOD_CSV.encode(), mapping=mapping
    )
    rows = list(Suggestion.objects.values_list("group", "country", "import_line"))
    assert rows == [("family", "GB", 2), ("clinician", "", 3), ("researcher", "DE", 4)]


def test_a_csv_with_broken_rows_reports_each_line_and_imports_nothing(staff):
    round_ = RoundFactory()
    broken = GOOD_CSV + ",parent,GB\nA question?,astronaut,GB\nOk?,parent,XX\nx,y\n"
    mapping = {"text": "Your question", "group": "I am a", "country": "Country"}
    with pytest.raises(ValidationError) as caught:
        gathering.survey_import(
            round_=round_, actor=staff, data=broken.encode(), mapping=mapping
        )
    messages = caught.value.message_dict["file"]
    assert [m.split(":")[0] for m in messages] == [
        "Line 5",
        "Line 6",
        "Line 7",
        "Line 8",
    ]
    assert "empty" in messages[0] and "astronaut" in messages[1]
    assert not Suggestion.objects.exists()


def test_import_refuses_an_unknown_column_a_bad_encoding_and_non_staff(staff, family):
    round_ = RoundFactory()
    with pytest.raises(ValidationError) as caught:
        gathering.plan_import(GOOD_CSV, {"text": "Nope"})
    assert "text" in caught.value.message_dict
    with pytest.raises(ValidationError):
        gathering.plan_import("Q\n".encode("utf-16"), {"text": "Q"})
    with pytest.raises(PermissionDenied):
        gathering.survey_import(
            round_=round_,
            actor=family,
            data=GOOD_CSV,
            mapping={"text": "Your question"},
        )


def test_similar_suggestions_are_proposed_and_merged_into_one_question(staff):
    round_ = RoundFactory(phase=Phase.VERIFYING)
    a = SuggestionFactory(round=round_, text="Does donor breast milk prevent NEC?")
    b = SuggestionFactory(round=round_, text="Can donor breast milk prevent NEC?")
    SuggestionFactory(round=round_, text="When is surgery needed for perforation?")
    groups = verifying.proposals(round_)
    assert [{s.pk for s in group} for group in groups] == [{a.pk, b.pk}]
    question = verifying.question_create(
        round_=round_,
        actor=staff,
        suggestion_ids=[a.pk, b.pk],
        text="Does donor milk, compared with formula, prevent NEC?",
    )
    assert set(question.sources.values_list("pk", flat=True)) == {a.pk, b.pk}
    assert verifying.proposals(round_) == []
    with pytest.raises(ValidationError):
        verifying.question_create(
            round_=round_, actor=staff, suggestion_ids=[a.pk], text="Again?"
        )


def test_rephrasing_keeps_the_history_and_decisions_need_their_reasons(staff):
    round_ = RoundFactory(phase=Phase.VERIFYING)
    s = SuggestionFactory(round=round_)
    q = verifying.question_create(
        round_=round_, actor=staff, suggestion_ids=[s.pk], text="First wording?"
    )
    q = verifying.question_rephrase(question=q, actor=staff, text="Second wording?")
    assert list(QuestionRevision.objects.values_list("text", flat=True)) == [
        "First wording?",
        "Second wording?",
    ]
    with pytest.raises(ValidationError) as caught:
        verifying.question_decide(
            question=q, actor=staff, status=QuestionStatus.OUT_OF_SCOPE
        )
    assert "reason" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        verifying.question_decide(
            question=q,
            actor=staff,
            status=QuestionStatus.ANSWERED,
            evidence_reference="not a doi",
        )
    assert "evidence_reference" in caught.value.message_dict
    q = verifying.question_decide(
        question=q,
        actor=staff,
        status=QuestionStatus.ANSWERED,
        evidence_reference="10.1002/14651858.CD002971",
    )
    assert q.true_uncertainty is False
    assert q.evidence_url.startswith("https://doi.org/10.1002/")
    q = verifying.question_decide(
        question=q, actor=staff, status=QuestionStatus.SHORTLISTED
    )
    assert (q.status, q.true_uncertainty) == (QuestionStatus.SHORTLISTED, True)


def test_only_staff_verify_and_only_while_verifying(family, staff):
    round_ = RoundFactory(phase=Phase.VERIFYING)
    s = SuggestionFactory(round=round_)
    with pytest.raises(PermissionDenied):
        verifying.question_create(
            round_=round_, actor=family, suggestion_ids=[s.pk], text="Q?"
        )
    round_.phase = Phase.RANKING
    round_.save()
    with pytest.raises(ValidationError):
        verifying.question_create(
            round_=round_, actor=staff, suggestion_ids=[s.pk], text="Q?"
        )
