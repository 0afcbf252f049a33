"""Every role and every partner-directory action: the exact answer (docs/access.md)."""

import pytest

from partners.models import PartnerStatus
from tests.roles import LOGIN, Action, answers, check, matrix

from .factories import PartnerFactory

MESSAGE = {
    "subject": "Donor milk study",
    "message": "Could our unit join your donor milk study next year?",
    "consent": "on",
}


def _profile(world) -> dict:
    return {
        "display_name": "Dr Matrix",
        "institution": world["institution"].pk,
        "research_areas": ["microbiome"],
    }


TABLE = [
    # Pages.
    Action("directory", "GET", "/partners/", answers(200)),
    Action("places", "GET", "/partners/places/", answers(200)),
    Action(
        "institution options",
        "GET",
        "/partners/institutions/options/?q=north",
        answers(200),
    ),
    Action("listed profile", "GET", "/partners/{listed.pk}/", answers(200)),
    # Not listed: not there, except for staff who may review profiles.
    Action(
        "pending profile",
        "GET",
        "/partners/{pending.pk}/",
        answers(404, moderator=200, staff=200),
    ),
    Action("my profile", "GET", "/partners/me/", answers(200, signed_out=LOGIN)),
    # Profiles are for researchers; the page tells the others why (403).
    Action(
        "edit my profile",
        "GET",
        "/partners/me/edit/",
        answers(403, signed_out=LOGIN, researcher=200),
    ),
    Action(
        "contact a partner",
        "POST",
        "/partners/{listed.pk}/contact/",
        answers(302, signed_out=LOGIN, unverified=403),
        data=MESSAGE,
    ),
    Action(
        "csv export",
        "GET",
        "/partners/export.csv",
        answers(403, signed_out=LOGIN, moderator=200, staff=200),
    ),
    # API.
    Action("api list", "GET", "/api/v1/partners/", answers(200)),
    Action("api listed", "GET", "/api/v1/partners/{listed.pk}/", answers(200)),
    Action("api pending", "GET", "/api/v1/partners/{pending.pk}/", answers(404)),
    Action("api write", "POST", "/api/v1/partners/", answers(405), data={}),
    Action("api institutions", "GET", "/api/v1/institutions/", answers(200)),
    Action("api research areas", "GET", "/api/v1/research-areas/", answers(200)),
    # me/: nobody in the matrix has a profile yet, so reads and deletes are 404.
    Action(
        "api my profile",
        "GET",
        "/api/v1/partners/me/",
        answers(404, anonymous=401, token=403),
    ),
    Action(
        "api create my profile",
        "PUT",
        "/api/v1/partners/me/",
        answers(403, anonymous=401, researcher=201),
        data=_profile,
    ),
    Action(
        "api change my profile",
        "PATCH",
        "/api/v1/partners/me/",
        answers(404, anonymous=401, token=403, unverified=403),
        data={"bio": "New words."},
    ),
    Action(
        "api delete my profile",
        "DELETE",
        "/api/v1/partners/me/",
        answers(404, anonymous=401, token=403),
    ),
]


@pytest.fixture
def world(partner, institution):
    return {
        "listed": partner,
        "pending": PartnerFactory(status=PartnerStatus.PENDING),
        "institution": institution,
    }


@pytest.mark.parametrize("action, role", matrix(TABLE))
def test_role_matrix(roles, world, action, role):
    check(roles, action, role, world)
