import pytest

from discussion.models import ModerationAction
from discussion.moderation import item_hide, member_block
from tests.discussion.factories import (
    CommentFactory,
)

pytestmark = pytest.mark.django_db


def test_audit_lists_every_decision_with_actor_and_reason(
    client_for, moderator, family
):
    comment = CommentFactory(author=family)
    item_hide(actor=moderator, comment=comment, reason="Insulting another parent.")
    member_block(actor=moderator, member=family, reason="Second warning ignored.")
    html = client_for(moderator).get("/priorities/moderation/audit/").content.decode()
    assert "Insulting another parent." in html
    assert "Second warning ignored." in html
    assert "Member blocked" in html and "Hidden" in html
    assert moderator.public_name in html
    assert "@example.org" not in html


def test_audit_filters_by_action_and_member(client_for, moderator, family, clinician):
    item_hide(actor=moderator, comment=CommentFactory(author=family), reason="A-reason")
    item_hide(
        actor=moderator, comment=CommentFactory(author=clinician), reason="B-reason"
    )
    member_block(actor=moderator, member=clinician, reason="C-reason")
    client = client_for(moderator)
    html = client.get("/priorities/moderation/audit/?action=block").content.decode()
    assert "C-reason" in html and "A-reason" not in html
    html = client.get(
        f"/priorities/moderation/audit/?member={clinician.pk}"
    ).content.decode()
    assert "B-reason" in html and "C-reason" in html and "A-reason" not in html
    # A bad filter value shows everything rather than failing.
    response = client.get("/priorities/moderation/audit/?member=abc&action=zzz")
    assert response.status_code == 200


def test_audit_is_paginated(client_for, moderator):
    ModerationAction.objects.bulk_create(
        [
            ModerationAction(actor=moderator, action="hide", reason=f"r{n:03d}")
            for n in range(60)
        ]
    )
    client = client_for(moderator)
    first = client.get("/priorities/moderation/audit/").content.decode()
    assert "Page 1 of 2" in first
    second = client.get("/priorities/moderation/audit/?page=2").content.decode()
    assert "Page 2 of 2" in second


def test_audit_query_count_does_not_grow(
    client_for, moderator, django_assert_max_num_queries
):
    client = client_for(moderator)
    for n in range(3):
        item_hide(actor=moderator, comment=CommentFactory(), reason=f"x{n}")
    with django_assert_max_num_queries(8):
        client.get("/priorities/moderation/audit/")
    for n in range(20):
        item_hide(actor=moderator, comment=CommentFactory(), reason=f"y{n}")
    with django_assert_max_num_queries(8):
        client.get("/priorities/moderation/audit/")


@pytest.mark.parametrize("who", ["family", "clinician", "researcher", "blocked"])
def test_audit_is_staff_only(client_for, request, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get("/priorities/moderation/audit/").status_code == 403


def test_api_audit_list_and_filters(api_client, moderator, family):
    item_hide(actor=moderator, comment=CommentFactory(author=family), reason="R1")
    member_block(actor=moderator, member=family, reason="R2")
    api_client.force_authenticate(moderator)
    data = api_client.get("/api/v1/moderation/actions/").json()
    assert data["count"] == 2
    only = api_client.get("/api/v1/moderation/actions/?action=block").json()
    assert [row["reason"] for row in only["results"]] == ["R2"]
    assert "@" not in str(data)


def test_audit_admin_is_read_only(client_for, moderator):
    action = ModerationAction.objects.create(actor=moderator, action="hide")
    client = client_for(moderator)
    assert client.get("/staff/discussion/moderationaction/").status_code == 200
    assert client.get("/staff/discussion/moderationaction/add/").status_code == 403
    response = client.post(
        f"/staff/discussion/moderationaction/{action.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert ModerationAction.objects.filter(pk=action.pk).exists()
