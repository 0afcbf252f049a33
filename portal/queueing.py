"""Queue a Celery task by name, safely; call it from a `transaction.on_commit`
callback, so the task sees the committed rows.

Services never import tasks (tasks import services), so they name the task:
`publish("priorities.tasks.recompute_balanced_scores", countdown=5)`.
With a broker the task is published by name; without one (CELERY_BROKER_URL
unset) it runs here, as Celery's eager mode would.

Queueing never fails the request whose rows are already committed: a broker that
is down is logged, and every caller has a periodic task that catches up on what
was not queued (see each call site). Raising instead would show the person an
error page for a change that was saved, and they would make it again.
"""

import logging

from django.utils.module_loading import import_string

from .celery import app as celery_app

logger = logging.getLogger(__name__)


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
