"""Every Celery task of the project's apps is run by a real worker in some test.

Eager mode runs a task in-process with the caller's arguments as Python
objects; only a real worker proves that it is registered under the name the
caller publishes and that its arguments survive JSON. The worker tests are the
tests/<app>/test_celery_worker.py files (marked `redis`).
"""

import re
from pathlib import Path

from django.conf import settings

from portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]

# Registered tasks no worker test runs yet. Keep it empty: the test below fails on
# an entry that has one, or that no longer exists, so the list cannot go stale.
NOT_YET_ON_A_WORKER: set[str] = set()


def project_tasks() -> set[str]:
    celery_app.loader.import_default_modules()  # what a worker imports at start
    apps = {"portal", *settings.PORTAL_APPS}
    return {name for name in celery_app.tasks if name.split(".")[0] in apps}


def run_by_a_worker_test(name: str) -> bool:
    """A worker test queues the task: `<function>.delay(` or `.apply_async(`."""
    function = name.rsplit(".", 1)[1]
    queued = re.compile(rf"\b{re.escape(function)}\.(delay|apply_async)\(")
    return any(
        queued.search(path.read_text())
        for path in ROOT.glob("tests/**/test_celery_worker.py")
    )


def test_every_project_task_runs_on_a_real_worker():
    tasks = project_tasks()
    assert "portal.tasks.send_outgoing_mail" in tasks  # discovery itself works
    missing = {name for name in tasks if not run_by_a_worker_test(name)}
    assert missing - NOT_YET_ON_A_WORKER == set(), "add a worker test for these"
    assert NOT_YET_ON_A_WORKER - missing == set(), "remove these from the set"
