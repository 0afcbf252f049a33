"""Demo comment threads, flags and follows."""


def seed() -> None:
    """Filled in with the discussion."""
