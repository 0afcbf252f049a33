import io

import pytest
from django.core.management import call_command

from rounds.models import Phase, Round

pytestmark = pytest.mark.django_db


def test_seed_demo_has_a_finished_round_and_one_open_for_ranking(client):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # safe to run twice
    phases = dict(Round.objects.values_list("slug", "phase"))
    assert phases == {
        "nec-top-10-demo": Phase.PUBLISHED,
        "feeding-and-nec-demo": Phase.RANKING,
    }
    page = client.get("/rounds/nec-top-10-demo/").content.decode()
    assert "The Top 10" in page and "RPS" in page
    out = io.StringIO()
    call_command("rounds_recompute", stdout=out)
    assert "All stored results are reproducible." in out.getvalue()
