"""Celery tasks of the priorities app (the worker discovers `<app>.tasks`)."""

from celery import shared_task

from .similarity import store as similarity_store
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


@shared_task
def rebuild_similarity_index(force: bool = False) -> bool:
    """Index every public priority again if the synonym vocabulary changed (or
    always, if forced). Queued when staff change a synonym group; also hourly
    (beat), should that queueing have failed. Safe to run twice."""
    if force:
        similarity_store.rebuild()
        return True
    return similarity_store.rebuild_if_stale()
