"""Demo rounds (called by `manage.py seed_demo`): one finished, one ranking.

Idempotent: a round that exists (by slug) is left as it is.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from portal.management.commands.seed_demo import demo_user
from portal.models import Profession, StakeholderGroup

from . import ballots, results
from .models import (
    Answer,
    Phase,
    PhaseChange,
    Question,
    QuestionStatus,
    RankingMode,
    Round,
    Score,
    ScorerAssignment,
    SubQuestion,
    Suggestion,
    SuggestionSource,
    WorkshopResult,
)
from .workshop import criteria_ensure_defaults

QUESTIONS = [
    "Does donor human milk, compared with preterm formula, prevent NEC when a "
    "mother's own milk is not available?",
    "Which probiotic strains, doses and timing reduce NEC in very preterm babies?",
    "How quickly can milk feeds be safely increased without raising the risk of NEC?",
    "Can a bedside test detect NEC earlier than X-rays and clinical signs?",
    "When should feeds restart after a baby has had NEC?",
    "Does red blood cell transfusion raise the risk of NEC, and should feeds pause "
    "during it?",
    "Which babies with NEC benefit from surgery rather than medical treatment?",
    "How can parents be best supported while their baby is treated for NEC?",
    "What are the long-term effects of NEC on growth and development?",
    "Does skin-to-skin care reduce the risk of NEC?",
    "Does lactoferrin given with feeds reduce NEC?",
    "How should antibiotics be chosen and how long should they be given for NEC?",
]
OUT_OF_SCOPE = "How can hospitals reduce parking costs for NICU families?"

PEOPLE = [
    ("rounds.family{n}@demo.nec.invalid", "Family member {n}", StakeholderGroup.FAMILY),
    (
        "rounds.clin{n}@demo.nec.invalid",
        "NICU clinician {n}",
        StakeholderGroup.CLINICIAN,
    ),
    ("rounds.res{n}@demo.nec.invalid", "Researcher {n}", StakeholderGroup.RESEARCHER),
]


# The demo rounds' scope and summary in Spanish, for families.
SPANISH = {
    "nec-top-10-demo": {
        "scope": "Preguntas aún sin respuesta sobre cómo prevenir, detectar a tiempo "
        "y tratar la enterocolitis necrosante (ECN) en bebés prematuros.",
        "summary": "Familias, enfermeras, médicos e investigadores propusieron "
        "preguntas, ordenaron la lista corta y acordaron estas 10 prioridades "
        "principales en un taller final.",
    },
    "feeding-and-nec-demo": {
        "scope": "Preguntas sobre cómo se alimenta a los bebés prematuros y su "
        "relación con la enterocolitis necrosante (ECN).",
        "summary": "",
    },
}


def _people(count: int) -> list:
    members = []
    for n in range(1, count + 1):
        for email, name, group in PEOPLE:
            members.append(
                demo_user(
                    email.format(n=n),
                    name.format(n=n),
                    group,
                    Profession.NURSE if group == StakeholderGroup.CLINICIAN else "",
                )
            )
    return members


def _shortlist(round_: Round, texts: list[str]) -> list[Question]:
    questions = []
    for i, text in enumerate(texts):
        question = Question.objects.create(
            round=round_,
            text=text,
            status=QuestionStatus.SHORTLISTED,
            true_uncertainty=True,
        )
        groups = [StakeholderGroup.FAMILY, StakeholderGroup.CLINICIAN]
        for k in range(1 + i % 3):
            Suggestion.objects.create(
                round=round_,
                text=text,
                source=SuggestionSource.SURVEY if k else SuggestionSource.MEMBER,
                group=groups[k % 2],
                country=["GB", "NL", "US", "KE"][(i + k) % 4],
                question=question,
            )
        questions.append(question)
    return questions


def _log(round_: Round, staff, phases: list[str]) -> None:
    previous = Phase.DRAFT
    for phase in phases:
        PhaseChange.objects.create(
            round=round_, from_phase=previous, to_phase=phase, actor=staff
        )
        previous = phase


def _finished(staff, members) -> None:
    round_ = Round.objects.create(
        name="NEC prevention and treatment: Top 10 (demo)",
        slug="nec-top-10-demo",
        scope_en="Unanswered questions about preventing, spotting and treating NEC "
        "in babies born early.",
        scope_es=SPANISH["nec-top-10-demo"]["scope"],
        summary_en="Families, nurses, doctors and researchers suggested questions, "
        "ranked the shortlist and agreed this Top 10 at a final workshop.",
        summary_es=SPANISH["nec-top-10-demo"]["summary"],
        phase=Phase.RANKING,
        uses_expert_scoring=True,
        count_unverified_clinicians=True,
        max_choices=10,
        carry_forward=10,
    )
    questions = _shortlist(round_, QUESTIONS)
    Question.objects.create(
        round=round_,
        text=OUT_OF_SCOPE,
        status=QuestionStatus.OUT_OF_SCOPE,
        out_of_scope_reason="About hospital services, not NEC research.",
    )
    for i, member in enumerate(members):
        order = questions[i % 4 :] + questions[: i % 4]
        if member.stakeholder_group == StakeholderGroup.CLINICIAN:
            order = list(reversed(order))
        ballots.ballot_save(
            round_=round_, member=member, question_ids=[q.pk for q in order[:10]]
        )
    results.results_store(round_=round_, actor=staff)
    forward = results.carried_forward(round_)
    criteria = criteria_ensure_defaults(round_=round_)
    scorers = [m for m in members if m.stakeholder_group == StakeholderGroup.RESEARCHER]
    answers = [Answer.YES, Answer.UNDECIDED, Answer.NO, Answer.UNINFORMED]
    subs = list(SubQuestion.objects.filter(criterion__in=criteria))
    for s, scorer in enumerate(scorers):
        for q, question in enumerate(forward[:5]):
            assignment = ScorerAssignment.objects.create(
                round=round_, scorer=scorer, question=question
            )
            for k, sub in enumerate(subs):
                Score.objects.create(
                    assignment=assignment,
                    sub_question=sub,
                    answer=answers[(s + q + k) % 4 if (q + k) % 3 else 0],
                )
    for position, question in enumerate(forward, start=1):
        WorkshopResult.objects.create(
            round=round_, question=question, position=position
        )
    round_.phase = Phase.PUBLISHED
    round_.workshop_notes = "Agreed by consensus at the demo workshop."
    round_.save(update_fields=["phase", "workshop_notes"])
    _log(
        round_,
        staff,
        [
            Phase.GATHERING,
            Phase.VERIFYING,
            Phase.RANKING,
            Phase.SCORING,
            Phase.WORKSHOP,
            Phase.PUBLISHED,
        ],
    )


def _ranking(staff, members) -> None:
    round_ = Round.objects.create(
        name="Feeding and NEC: interim ranking (demo)",
        slug="feeding-and-nec-demo",
        scope_en="Questions about how babies born early are fed, and NEC.",
        scope_es=SPANISH["feeding-and-nec-demo"]["scope"],
        phase=Phase.RANKING,
        ranking_mode=RankingMode.BALLOT,
        count_unverified_clinicians=True,
        max_choices=10,
        workshop_opens_at=timezone.now() + timedelta(days=30),
    )
    questions = _shortlist(round_, QUESTIONS[:3] + QUESTIONS[9:11] + QUESTIONS[4:5])
    for i, member in enumerate(members[:4]):
        ballots.ballot_save(
            round_=round_,
            member=member,
            question_ids=[q.pk for q in questions[i : i + 3]],
        )
    _log(round_, staff, [Phase.GATHERING, Phase.VERIFYING, Phase.RANKING])


def seed() -> None:
    staff = demo_user(
        "staff@demo.nec.invalid", "Portal staff", StakeholderGroup.OTHER, "", True
    )
    members = _people(4)
    # Written in English; the Spanish goes to the `_es` fields by name.
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        if not Round.objects.filter(slug="nec-top-10-demo").exists():
            _finished(staff, members)
        if not Round.objects.filter(slug="feeding-and-nec-demo").exists():
            _ranking(staff, members)
        _spanish_for_earlier_seeds()


def _spanish_for_earlier_seeds() -> None:
    """Demo rounds seeded before scopes had a Spanish version get it now; what
    staff wrote in the admin is kept."""
    for round_ in Round.objects.filter(slug__in=SPANISH):
        fields = [
            f"{name}_es"
            for name, text in SPANISH[round_.slug].items()
            if text and not getattr(round_, f"{name}_es")
        ]
        for field in fields:
            setattr(round_, field, SPANISH[round_.slug][field.removesuffix("_es")])
        if fields:
            round_.save(update_fields=fields)
