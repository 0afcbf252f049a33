"""API for comments, flags, follows, notifications and flag moderation."""


def register(router) -> None:
    """Add this module's viewsets to the app's router."""
