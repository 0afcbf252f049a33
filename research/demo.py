"""Demo evidence: the shipped content, written by one staff editor and published
by another (the reviewer is never the author).

The demo staff are invented, so the published versions carry no byline: a
public page names only real editors and reviewers."""

from portal.management.commands.seed_demo import demo_user
from portal.models import StakeholderGroup

from .models import SummaryVersion
from .positions import fill_blank
from .seed.loader import fill_spanish, load


def seed() -> None:
    editor = demo_user(
        "editor@demo.nec.invalid", "Evidence editor", StakeholderGroup.OTHER, "", True
    )
    reviewer = demo_user(
        "reviewer@demo.nec.invalid",
        "Evidence reviewer",
        StakeholderGroup.OTHER,
        "",
        True,
    )
    load(author=editor, reviewer=reviewer)
    SummaryVersion.objects.filter(author=editor, reviewer=reviewer).update(
        author_name="", reviewer_name=""
    )
    fill_blank()
    fill_spanish()
