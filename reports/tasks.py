from celery import shared_task

from . import summaries


@shared_task
def refresh_report_summaries() -> int:
    """Nightly: rebuild the reports' summary tables; returns the run's id."""
    return summaries.summaries_refresh().pk
