import factory

from rounds.models import Phase, Question, QuestionStatus, Round, Suggestion


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    name = factory.Sequence(lambda n: f"Round {n}")
    slug = factory.Sequence(lambda n: f"round-{n}")
    scope = "Questions about preventing and treating NEC."
    phase = Phase.GATHERING
    min_choices = 1
    max_choices = 3
    count_unverified_clinicians = True


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    round = factory.SubFactory(RoundFactory)
    text = factory.Sequence(lambda n: f"Does feeding plan {n} prevent NEC?")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    round = factory.SubFactory(RoundFactory)
    text = factory.Sequence(lambda n: f"Does intervention {n} reduce NEC?")
    status = QuestionStatus.SHORTLISTED
    true_uncertainty = True


def ranking_round(n_questions: int = 4, **fields) -> tuple[Round, list[Question]]:
    """A round open for ranking with `n_questions` on its shortlist."""
    fields.setdefault("phase", Phase.RANKING)
    round_ = RoundFactory(**fields)
    return round_, [QuestionFactory(round=round_) for _ in range(n_questions)]
