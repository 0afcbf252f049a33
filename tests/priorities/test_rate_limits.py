"""One rate limit per action: the page and the API count against one limit."""

import pytest

from priorities.models import Vote

from .factories import PriorityFactory

pytestmark = pytest.mark.django_db


def test_votes_through_the_page_use_up_the_api_limit(
    client_for, family, topic, settings
):
    settings.VOTE_RATE = "2/m"
    priority = PriorityFactory(topic=topic)
    client = client_for(family)
    for action in ("support", "withdraw"):
        response = client.post(f"/priorities/{priority.pk}/vote/", {"action": action})
        assert response.status_code == 302
    response = client.post(f"/api/v1/priorities/{priority.pk}/vote/")
    assert response.status_code == 429
    assert "very fast" in response.json()["detail"]
    assert not Vote.objects.exists()


def test_votes_through_the_api_use_up_the_page_limit(
    client_for, family, topic, settings
):
    settings.VOTE_RATE = "2/m"
    priority = PriorityFactory(topic=topic)
    client = client_for(family)
    # Supporting and withdrawing count alike.
    assert client.post(f"/api/v1/priorities/{priority.pk}/vote/").status_code == 201
    assert client.delete(f"/api/v1/priorities/{priority.pk}/vote/").status_code == 204
    response = client.post(
        f"/priorities/{priority.pk}/vote/", {"action": "support"}, follow=True
    )
    assert "very fast" in response.content.decode()
    assert not Vote.objects.exists()


def test_each_member_has_their_own_limit(
    client_for, family, clinician, topic, settings
):
    settings.VOTE_RATE = "1/m"
    priority = PriorityFactory(topic=topic)
    url = f"/api/v1/priorities/{priority.pk}/vote/"
    assert client_for(family).post(url).status_code == 201
    assert client_for(clinician).post(url).status_code == 201


def test_proposals_share_one_limit(client_for, family, topic, settings):
    settings.PRIORITY_SUBMIT_RATE = "1/h"
    client = client_for(family)
    data = {
        "title": "Does donor milk lower the risk of NEC in preterm babies?",
        "description": "Families keep asking and nobody can answer them yet.",
        "topic": topic.pk,
        "tags": "",
        "confirm_distinct": "on",
    }
    assert client.post("/priorities/propose/", data).status_code == 302
    response = client.post("/api/v1/priorities/", data, content_type="application/json")
    assert response.status_code == 429
    assert response.json()["detail"]


def test_a_caller_without_an_address_is_counted_not_refused_with_an_error(
    api_client, db, settings
):
    """A bare WSGI caller sends no REMOTE_ADDR: it shares one anonymous counter."""
    settings.PRIORITY_SIMILAR_RATE = "2/m"
    statuses = [
        api_client.get(
            "/api/v1/priorities/similar/", {"q": "donor milk"}, REMOTE_ADDR=""
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
