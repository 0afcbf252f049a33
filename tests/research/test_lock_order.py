"""Publishing and withdrawing one summary at once must not deadlock (PostgreSQL)."""

import threading
import time

import pytest

from research import services
from research.models import EvidenceSummary, Factor, SummaryState, SummaryVersion
from tests.concurrency import outcome_names, run_together
from tests.research.factories import (
    EDITOR_PERMS,
    FindingFactory,
    SummaryFactory,
    staff_with,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_publish_and_withdraw_at_once_neither_deadlock_and_agree(monkeypatch):
    author = staff_with(EDITOR_PERMS)
    reviewer = staff_with([*EDITOR_PERMS, "review_evidencesummary"])
    summary = SummaryFactory()
    FindingFactory(summary=summary)
    services.summary_submit_for_review(by=author, summary=summary, reviewer=reviewer)

    snapshot = services.summary_snapshot
    publishing = threading.Event()

    def slow_snapshot(*args, **kwargs):
        # Publishing holds the summary's row lock here. Withdraw starts now and
        # the pause lets it take its first lock, so two services that took the
        # rows in opposite orders would deadlock every run, not now and then.
        publishing.set()
        time.sleep(0.5)
        return snapshot(*args, **kwargs)

    monkeypatch.setattr(services, "summary_snapshot", slow_snapshot)

    def publish():
        return services.summary_publish(by=reviewer, summary=summary)

    def withdraw():
        assert publishing.wait(timeout=10)
        return services.summary_withdraw(by=reviewer, summary=summary)

    outcomes = run_together(publish, withdraw)

    assert outcome_names(outcomes) == ["ok", "ok"], outcomes
    # Withdraw waited for the publication and then undid it, on both rows.
    assert SummaryVersion.objects.filter(summary=summary).count() == 1
    assert EvidenceSummary.objects.get(pk=summary.pk).state == SummaryState.DRAFT
    assert Factor.objects.get(pk=summary.factor_id).current_version is None
