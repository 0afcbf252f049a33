import pytest

from discussion.models import Follow
from discussion.notifications import follow_priority
from priorities.models import Status
from tests.discussion.factories import (
    FollowFactory,
    PriorityFactory,
)

pytestmark = pytest.mark.django_db


def test_follow_priority_is_idempotent(family):
    priority = PriorityFactory()
    first = follow_priority(user=family, priority=priority)
    second = follow_priority(user=family, priority=priority)
    assert first.pk == second.pk
    assert Follow.objects.count() == 1


def test_follow_and_unfollow_buttons(client_for, family):
    priority = PriorityFactory()
    client = client_for(family)
    page = client.get(priority.get_absolute_url()).content.decode()
    assert "Follow this priority" in page
    response = client.post(f"/priorities/{priority.pk}/follow/", {"action": "follow"})
    assert response.status_code == 302
    assert response["Location"].endswith("#discussion")
    assert Follow.objects.filter(user=family, priority=priority).exists()
    page = client.get(priority.get_absolute_url()).content.decode()
    assert "Stop following" in page
    client.post(f"/priorities/{priority.pk}/follow/", {"action": "unfollow"})
    assert not Follow.objects.filter(user=family).exists()


def test_follow_refuses_an_outside_redirect(client_for, family):
    priority = PriorityFactory()
    response = client_for(family).post(
        f"/priorities/{priority.pk}/follow/", {"next": "https://evil.example/"}
    )
    assert "evil.example" not in response["Location"]


def test_cannot_follow_a_pending_priority(client_for, family):
    priority = PriorityFactory(status=Status.PENDING)
    response = client_for(family).post(f"/priorities/{priority.pk}/follow/")
    assert response.status_code == 404
    assert not Follow.objects.exists()


def test_api_follows_list_create_delete(api_client, family):
    mine = PriorityFactory()
    FollowFactory()  # someone else's
    api_client.force_authenticate(family)
    response = api_client.post("/api/v1/follows/", {"priority": mine.pk})
    assert response.status_code == 201
    again = api_client.post("/api/v1/follows/", {"priority": mine.pk})
    assert again.status_code == 200
    data = api_client.get("/api/v1/follows/").json()
    assert [row["priority"] for row in data["results"]] == [mine.pk]
    assert api_client.delete(f"/api/v1/follows/{mine.pk}/").status_code == 204
    assert api_client.delete(f"/api/v1/follows/{mine.pk}/").status_code == 204
    assert not Follow.objects.filter(user=family).exists()


@pytest.mark.parametrize(
    ("payload", "status"),
    [({}, 400), ({"priority": "x"}, 400), ({"priority": 999999}, 404)],
)
def test_api_follow_bad_input(api_client, family, payload, status):
    api_client.force_authenticate(family)
    assert api_client.post("/api/v1/follows/", payload).status_code == status
    assert not Follow.objects.exists()
