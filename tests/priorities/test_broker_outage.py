"""The broker is down: a first vote still counts, and the scores catch up."""

import pytest
from django.core.cache import cache

from portal.models import StakeholderGroup as G
from priorities import voting
from priorities.models import Priority, Vote
from priorities.tasks import recompute_balanced_scores
from tests.factories import UserFactory

from .factories import PriorityFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_groups_first_vote_succeeds_on_the_page_and_the_api(
    client_for, api_client, dead_broker, caplog
):
    a, b = PriorityFactory.create_batch(2)
    family = UserFactory(stakeholder_group=G.FAMILY)
    response = client_for(family).post(
        f"/priorities/{a.pk}/vote/", {"action": "support"}
    )
    assert response.status_code == 302
    assert Vote.objects.filter(user=family, priority=a).exists()
    assert "task_queue_failed" in caplog.text

    clinician = UserFactory(stakeholder_group=G.CLINICIAN)
    api_client.force_authenticate(clinician)
    assert api_client.post(f"/api/v1/priorities/{b.pk}/vote/").status_code == 201
    b.refresh_from_db()
    assert b.supporters_total == 1

    # The recompute could not be queued; the flag it leaves lets the next run
    # (or the hourly forced one) bring every score up to date.
    assert cache.get(voting.SCORES_DIRTY_KEY)
    recompute_balanced_scores.apply()
    a.refresh_from_db()
    assert a.balanced_score == pytest.approx(0.5)  # 1 of 1 families, 0 of 1 clinicians
    assert Priority.objects.get(pk=b.pk).balanced_score == pytest.approx(0.5)
