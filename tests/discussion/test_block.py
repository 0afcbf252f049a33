import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from discussion.comments import comment_create
from discussion.models import ModerationAction, Notification
from discussion.moderation import member_block, member_unblock
from tests.discussion.factories import (
    PriorityFactory,
)

pytestmark = pytest.mark.django_db


def test_block_stops_participation_logs_and_tells_the_member_in_site_only(
    moderator, family, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        action = member_block(actor=moderator, member=family, reason="Repeated spam.")
    family.refresh_from_db()
    assert family.is_blocked and not family.can_participate
    assert family.participation_blocked_reason == "Repeated spam."
    assert (action.action, action.member, action.actor) == ("block", family, moderator)
    note = Notification.objects.get(user=family)
    assert "Repeated spam." in note.message
    assert mail.outbox == []  # blocked members are never e-mailed
    with pytest.raises(PermissionDenied):
        comment_create(author=family, priority=PriorityFactory(), body="Still here?")


def test_block_needs_a_reason_and_refuses_staff_and_repeats(moderator, family):
    with pytest.raises(ValidationError):
        member_block(actor=moderator, member=family, reason="")
    with pytest.raises(ValidationError):
        member_block(actor=moderator, member=moderator, reason="Oops")
    member_block(actor=moderator, member=family, reason="Spam")
    with pytest.raises(ValidationError):
        member_block(actor=moderator, member=family, reason="Again")
    assert ModerationAction.objects.filter(action="block").count() == 1


def test_unblock_restores_participation(moderator, blocked):
    member_unblock(actor=moderator, member=blocked, reason="Appeal accepted.")
    blocked.refresh_from_db()
    assert blocked.can_participate
    assert blocked.participation_blocked_reason == ""
    with pytest.raises(ValidationError):
        member_unblock(actor=moderator, member=blocked)


def test_block_page_round_trip(client_for, moderator, family):
    client = client_for(moderator)
    page = client.get(f"/priorities/moderation/members/{family.pk}/block/")
    assert page.status_code == 200
    html = page.content.decode()
    assert family.public_name in html
    assert family.email not in html
    empty = client.post(f"/priorities/moderation/members/{family.pk}/block/", {})
    assert empty.status_code == 400
    response = client.post(
        f"/priorities/moderation/members/{family.pk}/block/", {"reason": "Abuse."}
    )
    assert response.status_code == 302
    family.refresh_from_db()
    assert family.is_blocked
    response = client.post(f"/priorities/moderation/members/{family.pk}/unblock/", {})
    assert response.status_code == 302
    family.refresh_from_db()
    assert not family.is_blocked


def test_blocked_member_sees_why_when_trying_to_comment(client_for, blocked):
    priority = PriorityFactory()
    response = client_for(blocked).post(
        f"/priorities/{priority.pk}/comments/", {"body": "Let me in"}
    )
    assert response.status_code == 403
    assert "Repeated spam." in response.content.decode()


@pytest.mark.parametrize("who", ["family", "clinician", "researcher", "unverified"])
def test_block_pages_are_staff_only(client_for, request, who, researcher):
    client = client_for(request.getfixturevalue(who))
    url = f"/priorities/moderation/members/{researcher.pk}/block/"
    assert client.post(url, {"reason": "x"}).status_code == 403
    researcher.refresh_from_db()
    assert not researcher.is_blocked


def test_block_unknown_member_is_404(client_for, moderator):
    client = client_for(moderator)
    assert client.get("/priorities/moderation/members/999999/block/").status_code == 404


def test_api_block_and_unblock(api_client, moderator, family):
    api_client.force_authenticate(moderator)
    url = f"/api/v1/moderation/members/{family.pk}/"
    bad = api_client.post(url + "block/", {})
    assert bad.status_code == 400 and "reason" in bad.json()["errors"]
    assert api_client.post(url + "block/", {"reason": "Spam"}).status_code == 201
    family.refresh_from_db()
    assert family.is_blocked
    assert api_client.post(url + "unblock/", {}).status_code == 201
    assert (
        api_client.post("/api/v1/moderation/members/999999/block/", {}).status_code
        == 404
    )


def test_api_block_is_staff_only(api_client, family, clinician):
    api_client.force_authenticate(family)
    url = f"/api/v1/moderation/members/{clinician.pk}/block/"
    assert api_client.post(url, {"reason": "x"}).status_code == 403
