"""Every role and every discussion action: the exact answer.

The answers are those docs/access.md describes. The comment in the world is
someone else's, so nobody in the matrix may edit or delete it.
"""

import pytest

from discussion.models import FlagReason
from tests.factories import UserFactory
from tests.priorities.factories import CommentFactory, PriorityFactory
from tests.roles import LOGIN, Action, answers, check, matrix

from .factories import FlagFactory

SIGNED_IN = answers(200, signed_out=LOGIN)
PARTICIPANTS = answers(200, signed_out=LOGIN, unverified=403)
STAFF_PAGE = answers(403, signed_out=LOGIN, moderator=200, staff=200)
API_MEMBERS = answers(200, anonymous=401, token=403)
API_PARTICIPANTS = answers(201, anonymous=401, token=403, unverified=403)
API_STAFF = answers(403, anonymous=401, moderator=200, staff=200)

TABLE = [
    # Pages.
    Action(
        "comment",
        "POST",
        "/priorities/{priority.pk}/comments/",
        answers(302, signed_out=LOGIN, unverified=403),
        data={"body": "We saw the same in our unit."},
    ),
    Action(
        "edit someone's comment",
        "GET",
        "/priorities/comments/{comment.pk}/edit/",
        answers(403, signed_out=LOGIN),
    ),
    Action(
        "delete someone's comment",
        "GET",
        "/priorities/comments/{comment.pk}/delete/",
        answers(403, signed_out=LOGIN),
    ),
    Action(
        "report a comment",
        "GET",
        "/priorities/comments/{comment.pk}/report/",
        PARTICIPANTS,
    ),
    Action(
        "report a priority", "GET", "/priorities/{priority.pk}/report/", PARTICIPANTS
    ),
    Action(
        "follow",
        "POST",
        "/priorities/{priority.pk}/follow/",
        answers(302, signed_out=LOGIN, unverified=403),
    ),
    Action("notifications", "GET", "/priorities/notifications/", SIGNED_IN),
    Action(
        "mark notifications read",
        "POST",
        "/priorities/notifications/read/",
        answers(302, signed_out=LOGIN),
        data={"all": "1"},
    ),
    Action(
        "notification settings", "GET", "/priorities/notifications/settings/", SIGNED_IN
    ),
    Action("reports queue", "GET", "/priorities/moderation/flags/", STAFF_PAGE),
    Action(
        "dismiss reports",
        "POST",
        "/priorities/moderation/flags/comment/{comment.pk}/dismiss/",
        answers(403, signed_out=LOGIN, moderator=302, staff=302),
        data={"reason": ""},
    ),
    Action("moderation log", "GET", "/priorities/moderation/audit/", STAFF_PAGE),
    Action(
        "block page",
        "GET",
        "/priorities/moderation/members/{member.pk}/block/",
        STAFF_PAGE,
    ),
    Action(
        "unblock page",
        "GET",
        "/priorities/moderation/members/{member.pk}/unblock/",
        STAFF_PAGE,
    ),
    # API.
    Action("api comments", "GET", "/api/v1/comments/", answers(200)),
    Action("api comment", "GET", "/api/v1/comments/{comment.pk}/", answers(200)),
    Action(
        "api post a comment",
        "POST",
        "/api/v1/comments/",
        API_PARTICIPANTS,
        data=lambda world: {"priority": world["priority"].pk, "body": "Same here."},
    ),
    Action(
        "api edit someone's comment",
        "PATCH",
        "/api/v1/comments/{comment.pk}/",
        answers(403, anonymous=401),
        data={"body": "Changed."},
    ),
    Action(
        "api delete someone's comment",
        "DELETE",
        "/api/v1/comments/{comment.pk}/",
        answers(403, anonymous=401),
    ),
    Action(
        "api comments export",
        "GET",
        "/api/v1/comments/export/",
        answers(403, anonymous=401, token=200, moderator=200, staff=200),
    ),
    Action(
        "api report",
        "POST",
        "/api/v1/flags/",
        API_PARTICIPANTS,
        data=lambda world: {"comment": world["comment"].pk, "reason": FlagReason.SPAM},
    ),
    Action("api follows", "GET", "/api/v1/follows/", API_MEMBERS),
    Action(
        "api follow",
        "POST",
        "/api/v1/follows/",
        API_PARTICIPANTS,
        data=lambda world: {"priority": world["priority"].pk},
    ),
    Action("api notifications", "GET", "/api/v1/notifications/", API_MEMBERS),
    Action("api reports queue", "GET", "/api/v1/moderation/flags/", API_STAFF),
    Action("api moderation log", "GET", "/api/v1/moderation/actions/", API_STAFF),
    Action(
        "api dismiss reports",
        "POST",
        "/api/v1/moderation/actions/",
        answers(403, anonymous=401, moderator=201, staff=201),
        data=lambda world: {
            "target_type": "comment",
            "target_id": world["comment"].pk,
            "action": "dismiss",
        },
    ),
    Action(
        "api block",
        "POST",
        "/api/v1/moderation/members/{member.pk}/block/",
        answers(403, anonymous=401, moderator=201, staff=201),
        data={"reason": "Spam."},
    ),
]


@pytest.fixture
def world(db):
    priority = PriorityFactory()
    comment = CommentFactory(priority=priority)
    FlagFactory(comment=comment)
    return {"priority": priority, "comment": comment, "member": UserFactory()}


@pytest.mark.parametrize("action, role", matrix(TABLE))
def test_role_matrix(roles, world, action, role):
    check(roles, action, role, world)
