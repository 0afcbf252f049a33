"""The API answers as its OpenAPI schema says, for every operation and role.

Schemathesis generates requests from the schema the app serves and sends them to
the app in-process (WSGI): anonymously, as a verified member, as staff and with a
reporting token. Each answer must be no server error, have a status code the
operation documents, and a body that matches the schema for that code.

PostgreSQL only: it is the slowest test in the suite, and CI's SQLite pass stays
fast. Examples are few per operation and derandomized, so a run is reproducible.
"""

import pytest
import schemathesis
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

MAX_EXAMPLES = 15
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
# A CSRF secret sent both as the cookie and the header, so a signed-in member's
# writes get past Django's CSRF check and reach the endpoint itself.
CSRF_SECRET = "a" * 32


@pytest.fixture
def api_schema(db, settings):
    """The schema the app serves, loaded through its WSGI handler.

    As Django's test client does, requests do not close the database connection
    when they end: it holds the test's transaction.
    """
    from django.core import signals
    from django.db import close_old_connections

    from portal.wsgi import application

    # Schemathesis' WSGI client sends `Host: localhost`.
    settings.ALLOWED_HOSTS = ["localhost"]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, monkeypatch):
    """The demo data (every role, priorities, comments, evidence), throttles off.

    DRF's global throttles would answer 429 after a few dozen requests and hide
    the rest of the run; the per-action rate limits stay on.
    """
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {"anon": "100000/min", "user": "100000/min"},
    )
    call_command("seed_demo", verbosity=0)


def _session_cookies(email: str) -> dict[str, str]:
    from portal.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {
        settings.SESSION_COOKIE_NAME: session,
        settings.CSRF_COOKIE_NAME: CSRF_SECRET,
    }


@pytest.fixture
def credentials(request, world):
    """(headers, cookies) for the test's `role`."""
    role = request.getfixturevalue("role")
    if role == "anonymous":
        return {}, {}
    if role == "token":
        from portal.models import ReportingToken

        _, key = ReportingToken.issue(name="schemathesis")
        return {"Authorization": f"Token {key}"}, {}
    email = {"member": "family@demo.nec.invalid", "staff": "staff@demo.nec.invalid"}
    return {"X-CSRFToken": CSRF_SECRET}, _session_cookies(email[role])


@pytest.mark.parametrize("role", ["anonymous", "member", "staff", "token"])
def test_api_answers_as_its_schema_says(role, api_schema, credentials):
    headers, cookies = credentials
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            # No shrinking: the first failing example is reported as it is.
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # Each request in a savepoint: what it writes, or a database error
            # that aborts PostgreSQL's transaction, does not reach the next one.
            savepoint = transaction.savepoint()
            try:
                case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)
            finally:
                transaction.savepoint_rollback(savepoint)

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:  # every failing operation
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
