"""The role matrix: the exact answer every role gets for every action.

docs/access.md says what each answer means. An app's matrix is a table of
`Action` rows, each with the status for every role:

    TABLE = [
        Action("directory", "GET", "/partners/", answers(200)),
        Action("csv export", "GET", "/partners/export.csv",
               answers(403, signed_out=LOGIN, moderator=200, staff=200)),
    ]

    @pytest.mark.parametrize("action, role", matrix(TABLE))
    def test_role_matrix(roles, world, action, role):
        check(roles, action, role, world)

`world` is the module's fixture: a dict of the objects the paths name
("/partners/{pending.pk}/"). `roles` is the fixture in tests/conftest.py.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from rest_framework.test import APIClient

from portal.models import Profession, StakeholderGroup

ROLES = (
    "anonymous",
    "unverified",  # signed in, e-mail address not confirmed
    "family",
    "clinician",
    "researcher",
    "moderator",  # staff with only the Moderators group's rights
    "staff",  # superuser
    "token",  # a reporting client: API key, no member behind it
)
# Shorthands for answers(): members who are not staff, and callers with no
# session (a reporting token is no sign-in on HTML pages).
MEMBERS = ("unverified", "family", "clinician", "researcher")
SIGNED_OUT = ("anonymous", "token")

# Expected answers besides a plain status code.
LOGIN = "login"  # 302 to the sign-in page, with ?next= back to the path
ADMIN_LOGIN = "admin login"  # 302 to the admin's own sign-in page (/staff/ only)

Expected = int | str


def answers(
    default: Expected,
    *,
    members: Expected | None = None,
    signed_out: Expected | None = None,
    **by_role: Expected,
) -> dict[str, Expected]:
    """The answer for every role: `default`, then the groups, then single roles."""
    unknown = set(by_role) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    result = dict.fromkeys(ROLES, default)
    for group, value in ((MEMBERS, members), (SIGNED_OUT, signed_out)):
        if value is not None:
            result.update(dict.fromkeys(group, value))
    result.update(by_role)
    return result


@dataclass(frozen=True)
class Action:
    name: str
    method: str
    path: str  # str.format()-ed with the world: "/partners/{pending.pk}/"
    expect: Mapping[str, Expected]
    data: Callable[[dict], dict] | dict | None = None

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")


def matrix(table: list[Action]) -> list:
    """One pytest param per action and role, named "action-role"."""
    names = [action.name for action in table]
    assert len(names) == len(set(names)), "action names must be unique"
    for action in table:
        assert set(action.expect) == set(ROLES), action.name
    return [
        pytest.param(action, role, id=f"{action.name}-{role}")
        for action in table
        for role in ROLES
    ]


class Roles:
    """A member (and a signed-in client) for each role, made on first use."""

    def __init__(self):
        self._users: dict[str, Any] = {}

    def user(self, role: str):
        """The member acting in `role`; None for anonymous and token callers."""
        from tests.factories import UserFactory

        if role in SIGNED_OUT:
            return None
        if role not in self._users:
            fields = {
                "unverified": {"email_verified": False},
                "family": {"stakeholder_group": StakeholderGroup.FAMILY},
                "clinician": {
                    "stakeholder_group": StakeholderGroup.CLINICIAN,
                    "profession": Profession.NEONATOLOGIST,
                },
                "researcher": {"stakeholder_group": StakeholderGroup.RESEARCHER},
                "moderator": {
                    "stakeholder_group": StakeholderGroup.OTHER,
                    "is_staff": True,
                },
                "staff": {
                    "stakeholder_group": StakeholderGroup.OTHER,
                    "is_staff": True,
                    "is_superuser": True,
                },
            }[role]
            member = UserFactory(display_name=f"The {role}", **fields)
            if role == "moderator":
                from portal.services import moderator_group

                member.groups.add(moderator_group())
            self._users[role] = member
        return self._users[role]

    def client(self, role: str) -> APIClient:
        """A client acting as `role`: signed in (session), a token, or neither."""
        from portal.models import ReportingToken

        client = APIClient()
        if role == "token":
            _token, key = ReportingToken.issue(name="Role matrix")
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        elif role != "anonymous":
            client.force_login(self.user(role))
        return client


def check(roles: Roles, action: Action, role: str, world: dict) -> None:
    """Make the request as `role`; assert the exact answer and its shape."""
    path = action.path.format(**world)
    data = action.data(world) if callable(action.data) else action.data
    client = roles.client(role)
    send = getattr(client, action.method.lower())
    if action.is_api:
        response = send(path, data, format="json")
    else:
        response = send(path, data or {}, format="multipart")
    expected = action.expect[role]
    status = {LOGIN: 302, ADMIN_LOGIN: 302}.get(expected, expected)
    assert response.status_code == status, (
        f"{action.name} as {role}: {response.status_code}, expected {expected}"
    )
    if expected in (LOGIN, ADMIN_LOGIN):
        location = urlsplit(response["Location"])
        sign_in = "/account/login/" if expected == LOGIN else "/staff/login/"
        assert location.path == sign_in
        assert parse_qs(location.query)["next"] == [path]
    elif action.is_api and status >= 400:
        assert "detail" in response.json()
        if status == 401:
            assert response["WWW-Authenticate"].startswith("Token")
    elif not action.is_api and status in (403, 404):
        assert response["Content-Type"].startswith("text/html")
