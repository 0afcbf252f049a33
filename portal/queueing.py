"""Queue a Celery task after the current transaction commits, by name, safely.

Services never import tasks (tasks import services), so they name the task:
`run_after_commit("priorities.tasks.recompute_balanced_scores", countdown=5)`.
With a broker the task is published by name; without one (CELERY_BROKER_URL
unset) it runs here, as Celery's eager mode would.

Queueing never fails the request whose rows are already committed: a broker that
is down is logged, and every caller has a periodic task that catches up on what
was not queued (see each call site). Raising instead would show the person an
error page for a change that was saved, and they would make it again.
"""

import logging
from functools import partial

from django.db import transaction
from django.utils.module_loading import import_string

from .celery import app as celery_app

logger = logging.getLogger(__name__)


def run_after_commit(
    task_name: str, *, args: tuple = (), countdown: float | None = None
) -> None:
    """Queue `task_name` with `args` once the current transaction commits."""
    transaction.on_commit(partial(publish, task_name, args=args, countdown=countdown))


def publish(
    task_name: str, *, args: tuple = (), countdown: float | None = None
) -> bool:
    """Queue (or, with no broker, run) the task now; False, logged, if that failed."""
    try:
        if celery_app.conf.task_always_eager:
            import_string(task_name).apply(args=args)
        else:
            celery_app.send_task(task_name, args=args, countdown=countdown)
    except Exception as exc:
        logger.warning(
            "task_queue_failed",
            extra={"task": task_name, "error": f"{type(exc).__name__}: {exc}"[:300]},
        )
        return False
    return True
