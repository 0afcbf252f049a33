"""Directory, profile and API query counts do not grow with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import PartnerFactory, PublicationFactory


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


@pytest.fixture
def many(db, microbiome):
    def make(n):
        for _ in range(n):
            p = PartnerFactory(areas=[microbiome])
            PublicationFactory(partner=p)

    return make


@pytest.mark.parametrize(
    "url",
    [
        "/partners/",
        "/partners/?q=partner&sort=recent",
        "/partners/?area=microbiome&country=GB",
        "/partners/places/",
        "/api/v1/partners/",
        "/api/v1/partners/?q=partner&open_to=collaboration",
        "/api/v1/institutions/",
    ],
)
def test_list_queries_do_not_grow_with_partners(client, many, url):
    many(2)
    few = _count(client, url)
    many(15)
    assert _count(client, url) == few


def test_pinned_counts(client, many, django_assert_max_num_queries):
    many(20)
    # count, page, areas prefetch, country list, filter form's area and
    # institution choices.
    with django_assert_max_num_queries(7):
        client.get("/partners/")
    with django_assert_max_num_queries(4):
        client.get("/api/v1/partners/")


def test_profile_queries_do_not_grow_with_publications(
    client, partner, django_assert_max_num_queries
):
    PublicationFactory(partner=partner)
    url = f"/partners/{partner.pk}/"
    few = _count(client, url)
    for _ in range(20):
        PublicationFactory(partner=partner)
    assert _count(client, url) == few
    # partner + user + institution in one, areas, publications, then the
    # research priorities the member proposed and those they support (one each).
    with django_assert_max_num_queries(5):
        client.get(url)
    with django_assert_max_num_queries(3):
        client.get(f"/api/v1/partners/{partner.pk}/")
