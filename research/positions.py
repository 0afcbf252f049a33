"""The organisation's position on each factor, and what disagreement between
sources means, kept apart from the evidence (shared/FACTS.md, "What it does").

These are advocacy, in the organisation's voice, and carry no figures: the
figures are in the findings, with their sources. `fill_blank` writes them on
factors that have none, so an editor's text is never replaced.
"""

from .models import Factor

POSITIONS = {
    "exclusive-human-milk-diet": """\
We campaign for every premature baby to be fed only human milk: the mother's own
milk first, donor milk when there is not enough, and a fortifier made from human
milk. We ask every NICU to make this its standard practice.
""",
    "human-milk-fortifier": """\
We believe milk for premature babies should be fortified with nutrients made from
human milk rather than cow's milk, as part of an exclusive human-milk diet.
""",
    "donor-human-milk": """\
We campaign for every NICU to be able to give donor milk when a mother's own milk
is not enough, so that no premature baby needs formula for want of it.
""",
    "probiotics": """\
We raise awareness of probiotics as one of the things that may lower the risk of
NEC, and we want families to be able to ask their unit whether it uses them, and
why.
""",
    "prolonged-antibiotics": """\
We warn about antibiotics given for longer than a baby needs. We ask NICUs to
review every course early and to stop antibiotics when tests show no infection.
""",
    "acid-suppression": """\
We warn about acid-suppressing medicines given to premature babies without a clear
reason, and we ask units to use them only when they are needed.
""",
    "feed-advancement": """\
We have long warned against advancing feeds too quickly. The trials have not
found a clear effect on NEC, and we say so. We still ask units to follow a written
feeding plan, so that every baby's feeds are started and increased with care.
""",
}

DISAGREEMENTS = {
    "probiotics": """\
**What this means for your family.** Experts have weighed the same research and
come to different views. The Cochrane review finds that probiotics may lower the
risk of NEC, but it is not sure. The American Academy of Pediatrics, finding the
research on their safety and benefit conflicting, does not support giving them
to every premature baby as a matter of routine. Both views are shown here. You can
ask your baby's team whether the unit gives probiotics, which product, and why.

**What this means for a unit.** A unit that gives probiotics should decide, in a
written policy, which infants are eligible, which product and dose it uses and
how it checks the product's quality, and explain that choice to families. A unit
that does not should be able to say why, given the review's findings.
""",
}


def fill_blank() -> int:
    """Write the shipped texts on factors whose fields are empty; returns how many
    factors changed."""
    changed = 0
    for factor in Factor.objects.filter(slug__in={*POSITIONS, *DISAGREEMENTS}):
        fields = []
        if not factor.our_position and factor.slug in POSITIONS:
            factor.our_position = POSITIONS[factor.slug]
            fields.append("our_position")
        if not factor.sources_disagree and factor.slug in DISAGREEMENTS:
            factor.sources_disagree = DISAGREEMENTS[factor.slug]
            fields.append("sources_disagree")
        if fields:
            factor.save(update_fields=fields)
            changed += 1
    return changed
