"""The demo data: realistic, consistent and safe to load twice."""

import pytest
from django.core.management import call_command

from priorities import voting
from priorities.models import Priority, Status, Topic, Vote


@pytest.mark.django_db
def test_seed_demo_is_consistent_and_idempotent():
    call_command("seed_demo", verbosity=0)
    counts = (Priority.objects.count(), Vote.objects.count())
    assert Topic.objects.count() >= 6
    statuses = set(Priority.objects.values_list("status", flat=True))
    assert {Status.PENDING, Status.PUBLISHED, Status.MERGED, Status.SHORTLISTED} <= (
        statuses
    )
    assert set(Vote.objects.values_list("group", flat=True)) == {
        "family",
        "clinician",
        "researcher",
        "other",
    }
    assert voting.tallies_recompute() == []
    merged = Priority.objects.get(status=Status.MERGED)
    assert merged.merged_into.status == Status.PUBLISHED
    assert Priority.objects.filter(topic__slug="diagnosis").exists()

    call_command("seed_demo", verbosity=0)
    assert (Priority.objects.count(), Vote.objects.count()) == counts
