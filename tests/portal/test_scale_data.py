"""`seed_demo --scale` data: the promised shape, and tallies with no drift."""

import pytest
from django.core.management import call_command

from discussion.models import Comment
from partners.models import Partner
from portal import scale_data
from portal.models import User
from priorities import voting
from priorities.models import Priority, Vote

pytestmark = pytest.mark.django_db(transaction=True)


def test_small_scale_is_consistent_with_the_stored_tallies(monkeypatch):
    tiny = {
        "members": 400,
        "priorities": 60,
        "votes": 2000,
        "comments": 500,
        "partners": 20,
    }
    monkeypatch.setitem(scale_data.SCALES, "tiny", tiny)
    users_before = User.objects.count()
    scale_data.seed_scale("tiny", log=lambda message: None)
    assert User.objects.count() - users_before == 400
    assert Priority.objects.count() >= 60
    assert Vote.objects.count() == 2000
    assert Comment.objects.count() == 500
    assert Partner.objects.count() == 20
    assert voting.tallies_recompute() == []
    # Skewed: the busiest priority has far more than the average.
    busiest = Priority.objects.order_by("-supporters_total").first()
    assert busiest.supporters_total > 5 * 2000 / 60
    # New rows after the seeded ones get fresh ids (sequences were moved on).
    User.objects.create_user(email="after@example.org", display_name="After")


def test_seed_demo_rejects_an_unknown_scale():
    with pytest.raises(Exception, match="invalid choice"):
        call_command("seed_demo", "--scale", "huge")
