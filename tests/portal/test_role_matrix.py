"""Every role and every portal action: the exact answer (docs/access.md)."""

import pytest

from tests.factories import FAQFactory
from tests.roles import ADMIN_LOGIN, LOGIN, Action, answers, check, matrix

CONTACT = {
    "name": "Ana",
    "email": "ana@example.org",
    "topic": "family",
    "message": "Where can I find support groups near Lyon?",
}

TABLE = [
    # Public pages and forms.
    Action("home", "GET", "/", answers(200)),
    Action("faq", "GET", "/faq/", answers(200)),
    Action("contact page", "GET", "/contact/", answers(200)),
    Action("contact send", "POST", "/contact/", answers(302), data=CONTACT),
    Action("webinars", "GET", "/webinars/", answers(200)),
    # The member's own pages.
    Action("profile", "GET", "/account/profile/", answers(200, signed_out=LOGIN)),
    Action("data export", "GET", "/account/export/", answers(200, signed_out=LOGIN)),
    # The admin keeps Django's own answer: anyone not staff goes to its sign-in.
    Action(
        "admin index",
        "GET",
        "/staff/",
        answers(ADMIN_LOGIN, moderator=200, staff=200),
    ),
    Action(
        "admin FAQ list",
        "GET",
        "/staff/portal/faq/",
        answers(ADMIN_LOGIN, moderator=200, staff=200),
    ),
    Action(
        "admin reporting tokens",
        "GET",
        "/staff/portal/reportingtoken/",
        answers(ADMIN_LOGIN, moderator=403, staff=200),
    ),
    # API.
    Action("api root", "GET", "/api/v1/", answers(200)),
    Action("api root write", "POST", "/api/v1/", answers(405), data={}),
    Action("api faq list", "GET", "/api/v1/faq/", answers(200)),
    Action("api faq detail", "GET", "/api/v1/faq/{faq.pk}/", answers(200)),
    Action("api faq draft", "GET", "/api/v1/faq/{draft.pk}/", answers(404)),
    Action(
        "api faq write",
        "POST",
        "/api/v1/faq/",
        answers(405),
        data={"question": "x", "answer": "y"},
    ),
]


@pytest.fixture
def world(db, settings):
    settings.CONTACT_RECIPIENTS = ["team@example.org"]
    return {"faq": FAQFactory(), "draft": FAQFactory(is_published=False)}


@pytest.mark.parametrize("action, role", matrix(TABLE))
def test_role_matrix(roles, world, action, role):
    check(roles, action, role, world)
