"""Moderators edit members' accounts, not superusers' or other staff members'."""

import pytest
from django.contrib.auth.models import Group

from portal.models import StakeholderGroup, User
from tests.factories import UserFactory

LOGIN = "/staff/login/"
REFUSAL = (
    "Only a superuser can change the account of a superuser or of another staff member."
)


def _change_url(member) -> str:
    return f"/staff/portal/user/{member.pk}/change/"


def _state(member) -> tuple:
    fresh = User.objects.get(pk=member.pk)
    return (
        fresh.display_name,
        fresh.email_verified,
        fresh.is_trusted,
        fresh.stakeholder_group,
    )


def _edits() -> dict:
    """What a moderator would post to rename, unverify and trust the account."""
    return {
        "display_name": "Renamed by a moderator",
        "stakeholder_group": StakeholderGroup.RESEARCHER,
        "profession": "",
        "is_trusted": "on",
        # email_verified left out: the box unticked.
    }


def _moderator():
    member = UserFactory(is_staff=True)
    member.groups.add(Group.objects.get(name="Moderators"))
    return member


@pytest.fixture
def group_moderator(db):
    """Staff who are not superusers: rights only from the Moderators group."""
    return _moderator()


@pytest.fixture
def superuser(db):
    return UserFactory(
        is_staff=True, is_superuser=True, display_name="Root", is_trusted=False
    )


@pytest.fixture
def another_superuser(db):
    return UserFactory(is_staff=True, is_superuser=True, is_trusted=False)


@pytest.fixture
def other_moderator(db):
    return _moderator()


@pytest.fixture
def plain_staff(db):
    """Staff without any permission (e.g. someone waiting for a group)."""
    return UserFactory(is_staff=True, is_trusted=False)


@pytest.mark.parametrize("target", ["superuser", "other_moderator", "plain_staff"])
def test_moderator_sees_a_staff_account_read_only_with_a_reason(
    client_for, group_moderator, request, target
):
    account = request.getfixturevalue(target)
    page = client_for(group_moderator).get(_change_url(account))
    assert page.status_code == 200
    html = page.content.decode()
    assert REFUSAL in html
    assert 'name="display_name"' not in html
    assert 'name="email_verified"' not in html
    assert 'name="is_trusted"' not in html
    assert 'name="_save"' not in html
    assert account.display_name in html


@pytest.mark.parametrize("target", ["superuser", "other_moderator", "plain_staff"])
def test_moderator_cannot_change_a_staff_account(
    client_for, group_moderator, request, target
):
    account = request.getfixturevalue(target)
    before = _state(account)
    response = client_for(group_moderator).post(_change_url(account), _edits())
    assert response.status_code == 403
    assert _state(account) == before


def test_moderator_still_verifies_and_trusts_members(client_for, group_moderator):
    member = UserFactory(stakeholder_group=StakeholderGroup.FAMILY, is_trusted=False)
    client = client_for(group_moderator)
    page = client.get(_change_url(member))
    assert 'name="display_name"' in page.content.decode()
    assert REFUSAL not in page.content.decode()
    response = client.post(_change_url(member), _edits())
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert _state(member) == (
        "Renamed by a moderator",
        False,
        True,
        StakeholderGroup.RESEARCHER,
    )


def test_moderator_edits_their_own_public_profile(client_for, group_moderator):
    response = client_for(group_moderator).post(_change_url(group_moderator), _edits())
    assert response.status_code == 302
    assert _state(group_moderator)[0] == "Renamed by a moderator"


@pytest.mark.parametrize("target", ["another_superuser", "other_moderator"])
def test_superuser_changes_staff_accounts(client_for, superuser, request, target):
    account = request.getfixturevalue(target)
    client = client_for(superuser)
    page = client.get(_change_url(account))
    assert page.status_code == 200
    assert REFUSAL not in page.content.decode()
    data = {
        **_edits(),
        "email": account.email,
        "is_active": "on",
        "is_staff": "on",
    }
    if account.is_superuser:
        data["is_superuser"] = "on"
    else:
        data["groups"] = [Group.objects.get(name="Moderators").pk]
    response = client.post(_change_url(account), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert _state(account) == (
        "Renamed by a moderator",
        False,
        True,
        StakeholderGroup.RESEARCHER,
    )
    fresh = User.objects.get(pk=account.pk)
    assert fresh.is_staff and fresh.is_superuser == account.is_superuser


@pytest.mark.parametrize("role", [None, "family"])
def test_anonymous_and_members_are_sent_to_the_admin_login(
    client, client_for, request, role, superuser
):
    if role:
        client_for(request.getfixturevalue(role))
    url = _change_url(superuser)
    before = _state(superuser)
    for response in (client.get(url), client.post(url, _edits())):
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN}?next={url}"
    assert _state(superuser) == before
