"""Who may do what in the discussion: every role against every action."""

import pytest

from discussion.models import Comment, Flag, Follow, ModerationAction
from tests.discussion.factories import (
    CommentFactory,
    PriorityFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unverified", "family", "clinician", "researcher", "blocked"]
ROLES += ["moderator"]
MEMBER = {"family", "clinician", "researcher", "moderator"}


def _who(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


def _expect(role, *, allowed, anonymous=401, refused=403):
    if role == "anonymous":
        return anonymous
    return allowed if role in MEMBER else refused


def _api(api_client, user):
    if user is not None:
        api_client.force_authenticate(user)
    return api_client


@pytest.mark.parametrize("role", ROLES)
def test_api_comment(api_client, request, role):
    priority = PriorityFactory()
    response = _api(api_client, _who(request, role)).post(
        "/api/v1/comments/", {"priority": priority.pk, "body": "My view"}
    )
    assert response.status_code == _expect(role, allowed=201)
    assert Comment.objects.count() == (1 if response.status_code == 201 else 0)


@pytest.mark.parametrize("role", ROLES)
def test_api_reply(api_client, request, role):
    parent = CommentFactory()
    response = _api(api_client, _who(request, role)).post(
        "/api/v1/comments/",
        {"priority": parent.priority_id, "parent": parent.pk, "body": "Reply"},
    )
    assert response.status_code == _expect(role, allowed=201)
    if response.status_code == 201:
        assert response.json()["parent"] == parent.pk


@pytest.mark.parametrize("role", ROLES)
def test_api_edit_own_comment(api_client, request, role):
    user = _who(request, role)
    comment = CommentFactory(author=user or UserFactory(), body="Before")
    response = _api(api_client, user).patch(
        f"/api/v1/comments/{comment.pk}/", {"body": "After"}
    )
    assert response.status_code == _expect(role, allowed=200)
    comment.refresh_from_db()
    assert comment.body == ("After" if response.status_code == 200 else "Before")


@pytest.mark.parametrize("role", ROLES)
def test_api_nobody_edits_someone_elses_comment(api_client, request, role):
    comment = CommentFactory(body="Before")
    response = _api(api_client, _who(request, role)).patch(
        f"/api/v1/comments/{comment.pk}/", {"body": "After"}
    )
    assert response.status_code == (401 if role == "anonymous" else 403)
    comment.refresh_from_db()
    assert comment.body == "Before"


@pytest.mark.parametrize("role", ROLES)
def test_api_delete_own_comment(api_client, request, role):
    user = _who(request, role)
    comment = CommentFactory(author=user or UserFactory())
    response = _api(api_client, user).delete(f"/api/v1/comments/{comment.pk}/")
    # Authors may always delete what they wrote, even when blocked or unverified.
    assert response.status_code == (401 if role == "anonymous" else 204)
    comment.refresh_from_db()
    assert comment.is_removed == (response.status_code == 204)


@pytest.mark.parametrize("role", ROLES)
def test_api_nobody_deletes_someone_elses_comment(api_client, request, role):
    comment = CommentFactory()
    response = _api(api_client, _who(request, role)).delete(
        f"/api/v1/comments/{comment.pk}/"
    )
    assert response.status_code == (401 if role == "anonymous" else 403)
    comment.refresh_from_db()
    assert not comment.is_removed


@pytest.mark.parametrize("role", ROLES)
def test_api_flag(api_client, request, role):
    comment = CommentFactory()
    response = _api(api_client, _who(request, role)).post(
        "/api/v1/flags/", {"comment": comment.pk, "reason": "spam"}
    )
    assert response.status_code == _expect(role, allowed=201)
    assert Flag.objects.count() == (1 if response.status_code == 201 else 0)


@pytest.mark.parametrize("role", ROLES)
def test_api_follow(api_client, request, role):
    priority = PriorityFactory()
    response = _api(api_client, _who(request, role)).post(
        "/api/v1/follows/", {"priority": priority.pk}
    )
    assert response.status_code == _expect(role, allowed=201)
    assert Follow.objects.count() == (1 if response.status_code == 201 else 0)


@pytest.mark.parametrize("role", ROLES)
def test_api_moderate(api_client, request, role):
    comment = CommentFactory()
    client = _api(api_client, _who(request, role))
    listing = client.get("/api/v1/moderation/flags/")
    decision = client.post(
        "/api/v1/moderation/actions/",
        {
            "target_type": "comment",
            "target_id": comment.pk,
            "action": "hide",
            "reason": "x",
        },
    )
    staff = role == "moderator"
    assert listing.status_code == (
        200 if staff else 401 if role == "anonymous" else 403
    )
    assert decision.status_code == (
        201 if staff else 401 if role == "anonymous" else 403
    )
    comment.refresh_from_db()
    assert comment.is_hidden == staff


@pytest.mark.parametrize("role", ROLES)
def test_api_block(api_client, request, role):
    target = UserFactory()
    response = _api(api_client, _who(request, role)).post(
        f"/api/v1/moderation/members/{target.pk}/block/", {"reason": "Spam"}
    )
    staff = role == "moderator"
    assert response.status_code == (
        201 if staff else 401 if role == "anonymous" else 403
    )
    target.refresh_from_db()
    assert target.is_blocked == staff


@pytest.mark.parametrize("role", ROLES)
def test_api_export(api_client, request, role):
    CommentFactory()
    response = _api(api_client, _who(request, role)).get("/api/v1/comments/export/")
    staff = role == "moderator"
    assert response.status_code == (
        200 if staff else 401 if role == "anonymous" else 403
    )


@pytest.mark.parametrize("role", ROLES)
def test_api_comment_list_is_public(api_client, request, role):
    CommentFactory()
    assert (
        _api(api_client, _who(request, role)).get("/api/v1/comments/").status_code
        == 200
    )


# --- Pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_page_comment(client, request, role):
    user = _who(request, role)
    if user:
        client.force_login(user)
    priority = PriorityFactory()
    response = client.post(f"/priorities/{priority.pk}/comments/", {"body": "Hi"})
    if role == "anonymous":
        assert response.status_code == 302
        assert "/account/login/" in response["Location"]
    else:
        assert response.status_code == (302 if role in MEMBER else 403)
    assert Comment.objects.count() == (1 if role in MEMBER else 0)


@pytest.mark.parametrize("role", ROLES)
def test_page_flag_and_follow(client, request, role):
    user = _who(request, role)
    if user:
        client.force_login(user)
    comment = CommentFactory()
    flag = client.post(f"/priorities/comments/{comment.pk}/report/", {"reason": "spam"})
    follow = client.post(f"/priorities/{comment.priority_id}/follow/")
    expected = 302 if role in MEMBER or role == "anonymous" else 403
    assert flag.status_code == expected and follow.status_code == expected
    assert Flag.objects.count() == (1 if role in MEMBER else 0)


@pytest.mark.parametrize("role", ROLES)
def test_page_moderation_and_block(client, request, role):
    user = _who(request, role)
    if user:
        client.force_login(user)
    target = UserFactory()
    queue = client.get("/priorities/moderation/flags/")
    audit = client.get("/priorities/moderation/audit/")
    block = client.post(
        f"/priorities/moderation/members/{target.pk}/block/", {"reason": "x"}
    )
    if role == "moderator":
        assert (queue.status_code, audit.status_code, block.status_code) == (
            200,
            200,
            302,
        )
    elif role == "anonymous":
        assert {queue.status_code, audit.status_code, block.status_code} == {302}
    else:
        assert {queue.status_code, audit.status_code, block.status_code} == {403}
    assert ModerationAction.objects.filter(action="block").exists() == (
        role == "moderator"
    )


def test_discussion_section_offers_what_each_role_may_do(
    client, family, unverified, blocked
):
    comment = CommentFactory(body="Hello")
    url = comment.priority.get_absolute_url()
    anonymous = client.get(url).content.decode()
    assert "Sign in" in anonymous and "Post comment" not in anonymous
    client.force_login(unverified)
    page = client.get(url).content.decode()
    assert "Confirm your e-mail address" in page and "Post comment" not in page
    client.force_login(blocked)
    page = client.get(url).content.decode()
    assert "blocked from taking part" in page and '/report/"' not in page
    client.force_login(family)
    page = client.get(url).content.decode()
    assert "Post comment" in page and "Report</a>" in page and "Reply" in page
