import factory
from django.contrib.auth.models import Permission

from research.models import (
    Citation,
    Direction,
    EvidenceSummary,
    Factor,
    Finding,
    Recommendation,
)
from tests.factories import UserFactory

EDITOR_PERMS = [
    "view_factor",
    "add_factor",
    "change_factor",
    "view_evidencesummary",
    "change_evidencesummary",
    "view_finding",
    "add_finding",
    "change_finding",
    "delete_finding",
    "view_citation",
    "add_citation",
    "change_citation",
    "view_recommendation",
    "add_recommendation",
    "change_recommendation",
    "view_summaryversion",
]


def staff_with(codenames: list[str], **kwargs):
    """A staff member (not a superuser) holding exactly these research perms."""
    user = UserFactory(is_staff=True, **kwargs)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="research", codename__in=codenames
        )
    )
    # Fresh instance: has_perm caches permissions on first use.
    return type(user).objects.get(pk=user.pk)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    authors = factory.Sequence(lambda n: f"Author{n} A, et al.")
    year = 2020
    title = factory.Sequence(lambda n: f"A trial number {n}")
    journal = "J Test Med 2020;1:1-2"
    doi = factory.Sequence(lambda n: f"10.1000/test.{n}")
    pmid = factory.Sequence(lambda n: str(10000000 + n))


class FactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Factor

    name = factory.Sequence(lambda n: f"Factor {n}")
    slug = factory.Sequence(lambda n: f"factor-{n}")
    direction = Direction.LOWERS


class SummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceSummary

    factor = factory.SubFactory(FactorFactory)
    clinician_summary = factory.Sequence(lambda n: f"Clinician text {n}.")
    plain_summary = factory.Sequence(lambda n: f"Plain words {n}.")


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    summary = factory.SubFactory(SummaryFactory)
    outcome = "nec"
    comparison = factory.Sequence(lambda n: f"Intervention {n} vs control")
    effect_measure = "RR"
    estimate = "0.540"
    ci_low = "0.450"
    ci_high = "0.650"
    studies = 5
    participants = 1000
    certainty = "moderate"
    citation = factory.SubFactory(CitationFactory)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    slug = factory.Sequence(lambda n: f"rec-{n}")
    title = factory.Sequence(lambda n: f"Recommendation {n}")
    summary = "Do the right thing."
    body = "**Why**: because of the evidence."
