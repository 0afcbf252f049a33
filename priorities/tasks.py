"""Celery tasks of the priorities app (the worker discovers `<app>.tasks`)."""

from celery import shared_task

from . import tasks_discussion  # noqa: F401  (registers the discussion tasks)


@shared_task
def recompute_balanced_scores() -> int:
    """Queued after a vote changes a group's voter count; safe to run any time."""
    from .services import balanced_scores_recompute

    return balanced_scores_recompute()


@shared_task
def refresh_trending_scores() -> int:
    """Beat task: supports in the last 14 days, as votes age out of the window."""
    from .services import trending_scores_refresh

    return trending_scores_refresh()
