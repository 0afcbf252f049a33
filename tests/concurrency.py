"""Run service calls at the same moment in real threads (PostgreSQL tests)."""

import threading
from collections.abc import Callable

from django.db import connection


def run_together(*work: Callable[[], object]) -> list:
    """Run each callable in its own thread, released together by a barrier.

    Returns, in order, what each returned or the exception it raised. Every
    thread opens its own database connection and closes it when done, or the
    test database could not be dropped.
    """
    barrier = threading.Barrier(len(work))
    outcomes: list = [None] * len(work)

    def run(index: int, fn: Callable[[], object]) -> None:
        try:
            barrier.wait()
            outcomes[index] = fn()
        except Exception as exc:  # handed back to the test
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def outcome_names(outcomes: list) -> list[str]:
    """Sorted "ok" for each call that returned, the exception's class name else."""
    return sorted(
        type(o).__name__ if isinstance(o, Exception) else "ok" for o in outcomes
    )
