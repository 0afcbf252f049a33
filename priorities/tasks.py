"""Celery tasks of the priorities app (the worker discovers `<app>.tasks`)."""

from celery import shared_task

from .voting import (
    balanced_scores_recompute,
    balanced_scores_recompute_if_dirty,
    trending_scores_refresh,
)


@shared_task
def recompute_balanced_scores(force: bool = False) -> int:
    """Queued after a vote changes a group's voter count; safe to run any time.

    Runs only if some vote asked for it since the last run, unless forced (the
    periodic safety net).
    """
    if force:
        return balanced_scores_recompute()
    return balanced_scores_recompute_if_dirty()


@shared_task
def refresh_trending_scores() -> int:
    """Beat task: supports in the last 14 days, as votes age out of the window."""
    return trending_scores_refresh()
