"""Demo data for the priorities app (called by `manage.py seed_demo`)."""

from . import demo_evidence, demo_priorities


def seed() -> None:
    demo_priorities.seed()
    demo_evidence.seed()
