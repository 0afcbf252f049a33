"""The staff queue of pending priorities."""

import pytest

from discussion.models import ModerationAction, Notification
from priorities.models import Status

from .factories import PriorityFactory

pytestmark = pytest.mark.django_db

QUEUE = "/priorities/moderation/"


@pytest.mark.parametrize(
    "role", ["anonymous", "unverified", "family", "clinician", "researcher", "blocked"]
)
def test_queue_is_staff_only(client, client_for, request, role):
    if role != "anonymous":
        client = client_for(request.getfixturevalue(role))
    # Signed out: to the sign-in page; signed in without the right: 403.
    assert client.get(QUEUE).status_code == (302 if role == "anonymous" else 403)


def test_queue_lists_pending_with_nav_links(client_for, moderator, topic):
    pending = PriorityFactory(topic=topic, status=Status.PENDING)
    published = PriorityFactory(topic=topic)
    html = client_for(moderator).get(QUEUE).content.decode()
    assert pending.title in html and published.title not in html
    for link in (
        QUEUE,
        "/priorities/moderation/flags/",
        "/priorities/moderation/audit/",
    ):
        assert f'href="{link}"' in html


def test_approve_from_queue_logs_and_notifies(client_for, moderator, topic):
    pending = PriorityFactory(topic=topic, status=Status.PENDING)
    response = client_for(moderator).post(
        f"/priorities/{pending.pk}/status/",
        {"to_status": "published", "reason": "", "next": QUEUE},
    )
    assert response.status_code == 302 and response["Location"] == QUEUE
    pending.refresh_from_db()
    assert pending.status == Status.PUBLISHED
    action = ModerationAction.objects.get(priority=pending)
    assert (action.action, action.actor) == ("approve", moderator)
    assert Notification.objects.filter(user=pending.author).exists()


def test_decline_without_reason_is_refused_with_message(client_for, moderator, topic):
    pending = PriorityFactory(topic=topic, status=Status.PENDING)
    response = client_for(moderator).post(
        f"/priorities/{pending.pk}/status/",
        {"to_status": "declined", "reason": "", "next": QUEUE},
        follow=True,
    )
    assert "Give a reason" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_offsite_next_is_ignored(client_for, moderator, topic):
    pending = PriorityFactory(topic=topic, status=Status.PENDING)
    response = client_for(moderator).post(
        f"/priorities/{pending.pk}/status/",
        {"to_status": "published", "next": "https://evil.example/"},
    )
    assert response["Location"] == f"/priorities/{pending.pk}/"


def test_member_cannot_change_status_through_the_page(client_for, family, priority):
    client_for(family).post(
        f"/priorities/{priority.pk}/status/", {"to_status": "shortlisted"}
    )
    priority.refresh_from_db()
    assert priority.status == Status.PUBLISHED


def test_trust_from_queue(client_for, moderator, family):
    response = client_for(moderator).post(
        f"/priorities/moderation/members/{family.pk}/trust/", {"next": QUEUE}
    )
    assert response.status_code == 302
    family.refresh_from_db()
    assert family.is_trusted


def test_member_cannot_trust(client_for, family, clinician):
    response = client_for(clinician).post(
        f"/priorities/moderation/members/{family.pk}/trust/"
    )
    assert response.status_code == 403
    family.refresh_from_db()
    assert not family.is_trusted


def test_queue_query_count_is_bounded(
    client_for, moderator, topic, django_assert_max_num_queries
):
    client = client_for(moderator)
    PriorityFactory(topic=topic, status=Status.PENDING)
    with django_assert_max_num_queries(8) as one:
        assert client.get(QUEUE).status_code == 200
    PriorityFactory.create_batch(29, topic=topic, status=Status.PENDING)
    with django_assert_max_num_queries(8) as thirty:
        assert client.get(QUEUE).status_code == 200
    assert len(thirty.captured_queries) == len(one.captured_queries)


def test_staff_see_merge_candidates_on_a_pending_priority(client_for, moderator, topic):
    existing = PriorityFactory(
        topic=topic, title="Does donor milk fortifier reduce NEC in preterm babies?"
    )
    pending = PriorityFactory(
        topic=topic,
        status=Status.PENDING,
        title="Does donor milk fortifier reduce NEC in preterm infants?",
    )
    html = client_for(moderator).get(f"/priorities/{pending.pk}/").content.decode()
    assert "Possibly the same question" in html
    assert f"#{existing.pk}" in html
