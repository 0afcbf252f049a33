"""Full-text search and races, on PostgreSQL only."""

import pytest
from django.db import connection

from partners import services
from partners.models import Partner
from partners.services import partner_refresh_search
from tests.concurrency import outcome_names, run_together

from .factories import PartnerFactory

pytestmark = pytest.mark.postgres


def _listed(text):
    return [p.display_name for p in Partner.objects.listed().search(text)]


@pytest.mark.django_db
def test_search_stems_words_and_ranks_name_matches_first():
    a = PartnerFactory(display_name="Dr Probiotic Smith", bio="Cardiology.")
    b = PartnerFactory(display_name="Dr Jones", bio="Trials of probiotics in NICUs.")
    c = PartnerFactory(display_name="Dr Unrelated", bio="Bone growth.")
    partner_refresh_search(partner_ids=[a.pk, b.pk, c.pk])
    assert _listed("probiotics") == ["Dr Probiotic Smith", "Dr Jones"]
    # websearch syntax: quoted phrases and minus work as people expect.
    assert _listed("probiotics -cardiology") == ["Dr Jones"]


@pytest.mark.django_db
def test_search_uses_the_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        sql, params = (
            Partner.objects.search("milk").values("pk").query.sql_with_params()
        )
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "partner_search_vector_gin" in plan


@pytest.mark.django_db(transaction=True)
def test_two_quick_submissions_create_one_profile(researcher, profile_data):
    profile_data["orcid"] = ""

    def submit():
        return services.partner_create(user=researcher, data=profile_data)

    assert outcome_names(run_together(submit, submit)) == ["ValidationError", "ok"]
    assert Partner.objects.filter(user=researcher).count() == 1


@pytest.mark.django_db
def test_reindex_command_rebuilds_vectors():
    from django.core.management import call_command

    p = PartnerFactory(display_name="Dr Reindexed", bio="Lactoferrin trials.")
    Partner.objects.filter(pk=p.pk).update(search_vector=None)
    assert _listed("lactoferrin") == []
    call_command("partners_reindex")
    assert _listed("lactoferrin") == ["Dr Reindexed"]
