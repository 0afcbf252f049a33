"""Every role and every research-priorities action: the exact answer.

The answers are those docs/access.md describes.
"""

import pytest

from priorities.models import Status
from tests.factories import UserFactory
from tests.roles import LOGIN, Action, answers, check, matrix

from .factories import PriorityFactory, TopicFactory


def _proposal(world) -> dict:
    return {
        "title": "Does skin-to-skin care reduce NEC in very preterm babies?",
        "description": "Parents ask this every day and nobody can answer.",
        "topic": world["topic"].pk,
        "tags": "",
    }


def _api_proposal(world) -> dict:
    return {**_proposal(world), "topic": world["topic"].slug, "tags": []}


def _merge_form(world) -> dict:
    pk = world["priority"].pk
    return {f"merge-{pk}-target": world["target"].pk, f"merge-{pk}-reason": "Dup."}


STAFF_ONLY = answers(403, signed_out=LOGIN, moderator=302, staff=302)

TABLE = [
    # Pages.
    Action("list", "GET", "/priorities/", answers(200)),
    Action("similar", "GET", "/priorities/similar/?title=skin", answers(200)),
    Action("csv", "GET", "/priorities/export.csv", answers(200)),
    Action("detail", "GET", "/priorities/{priority.pk}/", answers(200)),
    # Pending: only its author and staff who may review know it exists.
    Action(
        "pending detail",
        "GET",
        "/priorities/{pending.pk}/",
        answers(404, moderator=200, staff=200),
    ),
    Action(
        "propose form",
        "GET",
        "/priorities/propose/",
        answers(200, signed_out=LOGIN, unverified=403),
    ),
    Action(
        "propose",
        "POST",
        "/priorities/propose/",
        answers(302, signed_out=LOGIN, unverified=403),
        data=_proposal,
    ),
    # Not the author: the page says it cannot be edited (403); staff may.
    Action(
        "edit form",
        "GET",
        "/priorities/{priority.pk}/edit/",
        answers(403, signed_out=LOGIN, moderator=200, staff=200),
    ),
    # The sign-in page leads back to the priority (the vote address is POST only),
    # so this is a plain 302 and not LOGIN.
    Action(
        "vote",
        "POST",
        "/priorities/{priority.pk}/vote/",
        answers(302, unverified=403),
        data={"action": "support"},
    ),
    Action(
        "change status",
        "POST",
        "/priorities/{priority.pk}/status/",
        STAFF_ONLY,
        data={"to_status": Status.SHORTLISTED},
    ),
    Action(
        "merge",
        "POST",
        "/priorities/{priority.pk}/merge/",
        STAFF_ONLY,
        data=_merge_form,
    ),
    Action(
        "moderation queue",
        "GET",
        "/priorities/moderation/",
        answers(403, signed_out=LOGIN, moderator=200, staff=200),
    ),
    Action(
        "possible duplicates",
        "GET",
        "/priorities/moderation/duplicates/",
        answers(403, signed_out=LOGIN, moderator=200, staff=200),
    ),
    Action(
        "not a duplicate",
        "POST",
        "/priorities/moderation/duplicates/dismiss/",
        STAFF_ONLY,
        data=lambda world: {"priority": [world["priority"].pk, world["target"].pk]},
    ),
    Action(
        "trust a member",
        "POST",
        "/priorities/moderation/members/{member.pk}/trust/",
        STAFF_ONLY,
    ),
    # API.
    Action("api list", "GET", "/api/v1/priorities/", answers(200)),
    Action("api detail", "GET", "/api/v1/priorities/{priority.pk}/", answers(200)),
    Action(
        "api pending",
        "GET",
        "/api/v1/priorities/{pending.pk}/",
        answers(404, moderator=200, staff=200),
    ),
    Action(
        "api propose",
        "POST",
        "/api/v1/priorities/",
        answers(201, anonymous=401, token=403, unverified=403),
        data=_api_proposal,
    ),
    Action(
        "api support",
        "POST",
        "/api/v1/priorities/{priority.pk}/vote/",
        answers(201, anonymous=401, token=403, unverified=403),
    ),
    # Taking back a support needs no right beyond being signed in.
    Action(
        "api withdraw",
        "DELETE",
        "/api/v1/priorities/{priority.pk}/vote/",
        answers(204, anonymous=401, token=403),
    ),
    Action(
        "api change status",
        "POST",
        "/api/v1/priorities/{priority.pk}/transition/",
        answers(403, anonymous=401, moderator=200, staff=200),
        data={"to_status": Status.SHORTLISTED},
    ),
    Action(
        "api merge",
        "POST",
        "/api/v1/priorities/{priority.pk}/merge/",
        answers(403, anonymous=401, moderator=200, staff=200),
        data=lambda world: {"target": world["target"].pk, "reason": "Dup."},
    ),
    Action(
        "api export",
        "GET",
        "/api/v1/priorities/export/",
        answers(403, anonymous=401, token=200, moderator=200, staff=200),
    ),
    Action("api topics", "GET", "/api/v1/priority-topics/", answers(200)),
    Action(
        "api similar",
        "GET",
        "/api/v1/priorities/similar/?q=does+intervention+reduce+NEC",
        answers(200),
    ),
    Action(
        "api topics write",
        "POST",
        "/api/v1/priority-topics/",
        answers(405),
        data={"name": "x"},
    ),
]


@pytest.fixture
def world(db):
    topic = TopicFactory()
    return {
        "topic": topic,
        "priority": PriorityFactory(topic=topic),
        "target": PriorityFactory(topic=topic),
        "pending": PriorityFactory(topic=topic, status=Status.PENDING),
        "member": UserFactory(),
    }


@pytest.mark.parametrize("action, role", matrix(TABLE))
def test_role_matrix(roles, world, action, role):
    check(roles, action, role, world)
