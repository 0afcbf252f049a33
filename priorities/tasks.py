"""Celery tasks of the priorities app (the worker discovers `<app>.tasks`)."""

from . import tasks_discussion  # noqa: F401  (registers the discussion tasks)
