"""Demo priorities, topics and votes."""


def seed() -> None:
    """Filled in with the priorities themselves."""
