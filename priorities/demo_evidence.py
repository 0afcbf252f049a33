"""Demo links between priorities and evidence summaries.

The judgments are the demo editors' reading of the shipped summaries, in words
only (no figures). Idempotent: `evidence_link_set` keeps one link per pair.
"""

from portal.models import User

from . import evidence
from .demo_priorities import PRIORITIES, STAFF
from .models import EvidenceRelation, Priority

UNCERTAIN = EvidenceRelation.UNCERTAIN

# (priority key in demo_priorities, factor slug, relation, note)
LINKS = [
    (
        "human-milk",
        "exclusive-human-milk-diet",
        UNCERTAIN,
        "One industry-funded trial suggests this diet may lower the risk; one "
        "trial cannot settle it.",
    ),
    (
        "human-milk",
        "human-milk-fortifier",
        UNCERTAIN,
        "The trials of human-milk-based fortifier give low to very low certainty.",
    ),
    (
        "probiotic-strains",
        "probiotics",
        UNCERTAIN,
        "Probiotics as a group are linked to less NEC; which strain and dose work "
        "best is still open.",
    ),
    (
        "feed-advance",
        "feed-advancement",
        UNCERTAIN,
        "Trials found no clear effect of faster advancement on NEC.",
    ),
    (
        "antibiotics",
        "prolonged-antibiotics",
        UNCERTAIN,
        "The link comes from observational studies, which cannot show cause.",
    ),
    (
        # Donor milk's summary is published in words only (its figures wait for
        # checking), so the link shows on the priority page.
        "milk-banks",
        "donor-human-milk",
        UNCERTAIN,
        "",
    ),
]


def seed() -> None:
    from research import demo as research_demo
    from research.models import Factor

    # The evidence app seeds after this one; its seed is idempotent, so run it
    # here to have the factors to link.
    research_demo.seed()
    staff = User.objects.filter(email=STAFF).first()
    if staff is None:
        return
    titles = {row[0]: row[3] for row in PRIORITIES}
    factors = {f.slug: f for f in Factor.objects.filter(slug__in=[r[1] for r in LINKS])}
    for key, slug, relation, note in LINKS:
        priority = Priority.objects.filter(title=titles[key]).first()
        factor = factors.get(slug)
        if priority is None or factor is None:
            continue
        evidence.evidence_link_set(
            priority=priority, factor=factor, relation=relation, note=note, actor=staff
        )
