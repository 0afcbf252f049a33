"""Celery tasks: thin wrappers that take ids and call a service."""

from celery import shared_task

from . import phases


@shared_task
def advance_due_rounds() -> int:
    """Beat: move every round whose next phase's date has come (one step each)."""
    moved = 0
    for round_id in phases.due_round_ids():
        if phases.round_advance_if_due(round_id=round_id) is not None:
            moved += 1
    return moved
