"""Who may do what on the web pages: one row per role, one test per action."""

import pytest

from priorities.models import Priority, Status, Vote

from .factories import PriorityFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unverified", "family", "clinician", "researcher", "blocked"]
PARTICIPANTS = {"family", "clinician", "researcher", "moderator"}


def client_as(client, client_for, request, role):
    if role == "anonymous":
        return client, None
    member = request.getfixturevalue(role)
    return client_for(member), member


@pytest.mark.parametrize("role", [*ROLES, "moderator"])
def test_support(client, client_for, request, priority, role):
    browser, _member = client_as(client, client_for, request, role)
    browser.post(f"/priorities/{priority.pk}/vote/", {"action": "support"})
    priority.refresh_from_db()
    assert priority.supporters_total == (1 if role in PARTICIPANTS else 0)


@pytest.mark.parametrize("role", [*ROLES, "moderator"])
def test_withdraw(client, client_for, request, priority, role):
    browser, member = client_as(client, client_for, request, role)
    if member is not None:
        # Supports cast before the member was blocked or lost verification.
        Vote.objects.create(priority=priority, user=member, group="other")
        Priority.objects.filter(pk=priority.pk).update(
            supporters_other=1, supporters_total=1
        )
    response = browser.post(f"/priorities/{priority.pk}/vote/", {"action": "withdraw"})
    if member is None:
        assert "/account/login/" in response["Location"]
        return
    # Any signed-in member may take back a support they gave, even once blocked.
    assert not Vote.objects.filter(priority=priority).exists()
    priority.refresh_from_db()
    assert priority.supporters_total == 0


@pytest.mark.parametrize("role", [*ROLES, "moderator", "author"])
def test_edit(client, client_for, request, topic, role):
    priority = PriorityFactory(topic=topic)
    if role == "author":
        browser = client_for(priority.author)
    else:
        browser, _member = client_as(client, client_for, request, role)
    response = browser.post(
        f"/priorities/{priority.pk}/edit/",
        {
            "title": "A new wording of this NEC question?",
            "description": "Changed.",
            "topic": topic.pk,
            "tags": "",
        },
    )
    priority.refresh_from_db()
    allowed = role in {"moderator", "author"}
    assert (priority.title == "A new wording of this NEC question?") is allowed
    if not allowed:
        # Signed out: to the sign-in page; signed in: the "cannot edit" page.
        assert response.status_code == (302 if role == "anonymous" else 403)


@pytest.mark.parametrize("role", [*ROLES, "moderator"])
def test_transition(client, client_for, request, priority, role):
    browser, _member = client_as(client, client_for, request, role)
    browser.post(f"/priorities/{priority.pk}/status/", {"to_status": "shortlisted"})
    priority.refresh_from_db()
    expected = Status.SHORTLISTED if role == "moderator" else Status.PUBLISHED
    assert priority.status == expected


@pytest.mark.parametrize("role", [*ROLES, "moderator"])
def test_merge(client, client_for, request, topic, role):
    source, target = PriorityFactory.create_batch(2, topic=topic)
    browser, _member = client_as(client, client_for, request, role)
    browser.post(
        f"/priorities/{source.pk}/merge/",
        {f"merge-{source.pk}-target": target.pk, f"merge-{source.pk}-reason": "Dup."},
    )
    source.refresh_from_db()
    assert (source.status == Status.MERGED) is (role == "moderator")


@pytest.mark.parametrize("role", [*ROLES, "moderator"])
def test_public_csv_is_open_to_everyone(client, client_for, request, priority, role):
    browser, _member = client_as(client, client_for, request, role)
    assert browser.get("/priorities/export.csv").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_only_participants_can_open_the_proposal_form(
    client, client_for, request, role
):
    browser, _member = client_as(client, client_for, request, role)
    expected = {"anonymous": 302, "unverified": 403, "blocked": 403}.get(role, 200)
    assert browser.get("/priorities/propose/").status_code == expected
