"""Small, named data for the journeys: what a visitor needs to find on the site."""

from django.utils import timezone

from portal.models import StakeholderGroup as G
from priorities.models import Status
from tests.factories import UserFactory
from tests.priorities.factories import PriorityFactory, TopicFactory
from tests.research.conftest import publish
from tests.research.factories import (
    EDITOR_PERMS,
    FindingFactory,
    RecommendationFactory,
    SummaryFactory,
    staff_with,
)


def evidence() -> dict:
    """Two published factors (one raises, one lowers the risk) and a recommendation."""
    editor = staff_with(EDITOR_PERMS, display_name="Edna Editor")
    reviewer = staff_with(
        [*EDITOR_PERMS, "review_evidencesummary"], display_name="Rita Reviewer"
    )
    milk = SummaryFactory(
        factor__name="Exclusive human-milk diet",
        factor__slug="human-milk",
        factor__direction="lowers",
        clinician_summary="Human milk lowers the risk of NEC compared with formula.",
        plain_summary="Breast milk, or donor milk, makes NEC less likely.",
    )
    FindingFactory(
        summary=milk, comparison="Human milk vs formula", certainty="moderate"
    )
    probiotics = SummaryFactory(
        factor__name="Probiotics",
        factor__slug="probiotics",
        factor__direction="lowers",
        clinician_summary="Probiotics reduce NEC in very preterm infants.",
        plain_summary="Good bacteria given as drops may make NEC less likely.",
    )
    FindingFactory(
        summary=probiotics,
        comparison="Probiotics vs placebo",
        certainty="low",
        estimate="0.540",
    )
    FindingFactory(
        summary=probiotics,
        comparison="Multi-strain vs single-strain probiotics",
        certainty="very_low",
        estimate="0.800",
        ci_low="0.500",
        ci_high="1.200",
    )
    antibiotics = SummaryFactory(
        factor__name="Long first courses of antibiotics",
        factor__slug="antibiotics",
        factor__direction="raises",
    )
    FindingFactory(summary=antibiotics, comparison="Long vs short course")
    for summary in (milk, probiotics, antibiotics):
        publish(summary, author=editor, reviewer=reviewer)
    recommendation = RecommendationFactory(
        slug="probiotic-policy",
        title="Consider a written probiotic policy",
        summary="Each unit decides whether to give probiotics, and writes it down.",
        published_at=timezone.now(),
    )
    return {"milk": milk.factor, "probiotics": probiotics.factor, "rec": recommendation}


def priorities(count: int = 3) -> list:
    """Published priorities with a few supporters each."""
    topic = TopicFactory(name="Feeding", slug="feeding")
    titles = [
        "Does donor milk lower NEC in babies under 28 weeks?",
        "Which probiotic strains work best against NEC?",
        "Can a stool test find NEC sooner?",
        "How should parents be told about NEC risk?",
    ]
    return [
        PriorityFactory(topic=topic, status=Status.PUBLISHED, title=title)
        for title in titles[:count]
    ]


def member(group=G.FAMILY, **kwargs):
    return UserFactory(stakeholder_group=group, **kwargs)
