"""The round's public pages read a fixed number of queries, whatever the size."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_published_round_page_query_count(client, django_assert_max_num_queries):
    call_command("seed_demo", stdout=io.StringIO())
    with django_assert_max_num_queries(30):
        response = client.get("/rounds/nec-top-10-demo/")
    assert response.status_code == 200


def test_round_list_query_count(client, django_assert_max_num_queries):
    call_command("seed_demo", stdout=io.StringIO())
    with django_assert_max_num_queries(8):
        assert client.get("/rounds/").status_code == 200
