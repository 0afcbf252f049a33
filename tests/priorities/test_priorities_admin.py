"""The staff admin for priorities: pages load, edits keep history, votes stay put."""

import pytest

from priorities import voting
from priorities.models import Status, Vote

from .factories import PriorityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/staff/priorities/priority/",
        "/staff/priorities/topic/",
        "/staff/priorities/tag/",
        "/staff/priorities/vote/",
        "/staff/priorities/groupvotercount/",
        "/staff/priorities/statuschange/",
        "/staff/priorities/priorityrevision/",
        "/staff/priorities/evidencelink/",
    ],
)
def test_admin_lists_load(client_for, moderator, priority, family, url):
    voting.vote_cast(user=family, priority=priority)
    response = client_for(moderator).get(
        url, {"q": "NEC"} if "priority/" in url else {}
    )
    assert response.status_code == 200


def test_admin_change_page_and_edit_keeps_revision(client_for, moderator, priority):
    client = client_for(moderator)
    url = f"/staff/priorities/priority/{priority.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "A corrected research question about NEC?",
            "description": priority.description,
            "topic": priority.topic.pk,
            "status_changes-TOTAL_FORMS": 0,
            "status_changes-INITIAL_FORMS": 0,
            "revisions-TOTAL_FORMS": 0,
            "revisions-INITIAL_FORMS": 0,
            "evidence_links-TOTAL_FORMS": 0,
            "evidence_links-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    priority.refresh_from_db()
    assert priority.title == "A corrected research question about NEC?"
    assert priority.revisions.count() == 1


def test_admin_approve_action_uses_the_lifecycle(client_for, moderator, topic):
    pending = PriorityFactory(topic=topic, status=Status.PENDING)
    answered = PriorityFactory(topic=topic, status=Status.ANSWERED)
    client_for(moderator).post(
        "/staff/priorities/priority/",
        {"action": "make_published", "_selected_action": [pending.pk, answered.pk]},
    )
    pending.refresh_from_db()
    answered.refresh_from_db()
    assert pending.status == Status.PUBLISHED
    assert answered.status == Status.ANSWERED  # refused, left alone
    assert pending.status_changes.filter(actor=moderator).exists()


def test_votes_cannot_be_deleted_in_admin(client_for, moderator, priority, family):
    voting.vote_cast(user=family, priority=priority)
    vote = Vote.objects.get()
    response = client_for(moderator).get(f"/staff/priorities/vote/{vote.pk}/delete/")
    assert response.status_code == 403


def test_admin_edit_with_too_short_title_shows_error(client_for, moderator, priority):
    response = client_for(moderator).post(
        f"/staff/priorities/priority/{priority.pk}/change/",
        {
            "title": "Short?",
            "description": priority.description,
            "topic": priority.topic.pk,
            "status_changes-TOTAL_FORMS": 0,
            "status_changes-INITIAL_FORMS": 0,
            "revisions-TOTAL_FORMS": 0,
            "revisions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "at least" in response.content.decode()
    priority.refresh_from_db()
    assert priority.title != "Short?"
