"""The read-replica router: public reads from the replica, writes and the reads
after a write from the primary."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from portal import db_router
from priorities.models import Priority
from tests.priorities.factories import PriorityFactory

ROOT = Path(__file__).resolve().parents[2]


def _route(method: str, cookies: dict, settings_databases: dict):
    """Which alias the router picks for a read inside a request like this one."""
    seen = {}

    class Request:
        COOKIES = cookies

        def is_secure(self):
            return False

    Request.method = method

    def view(request):
        seen["read"] = db_router.PrimaryReplicaRouter().db_for_read(Priority)
        seen["session"] = db_router.PrimaryReplicaRouter().db_for_read(
            type("M", (), {"_meta": type("O", (), {"app_label": "sessions"})})
        )
        seen["write"] = db_router.PrimaryReplicaRouter().db_for_write(Priority)

        class Response(dict):
            def set_cookie(self, name, value, **kwargs):
                self[name] = (value, kwargs)

        return Response()

    response = db_router.ReplicaPinMiddleware(view)(Request())
    return seen, response


def test_router_sends_public_reads_to_the_replica_and_pins_after_a_write(settings):
    settings.DATABASE_REPLICA_URL = "postgres://replica.invalid/nec"
    settings.REPLICA_PIN_SECONDS = 10
    seen, response = _route("GET", {}, settings.DATABASES)
    assert seen == {"read": "replica", "session": "default", "write": "default"}
    assert db_router.PIN_COOKIE not in response
    seen, response = _route("POST", {}, settings.DATABASES)
    assert seen["read"] == "default"
    assert response[db_router.PIN_COOKIE][1]["max_age"] == 10
    # The next requests of that browser read from the primary too.
    seen, _ = _route("GET", {db_router.PIN_COOKIE: "1"}, settings.DATABASES)
    assert seen["read"] == "default"
    # Outside a request (commands, tasks): the primary.
    assert db_router.PrimaryReplicaRouter().db_for_read(Priority) == "default"


def test_without_a_replica_everything_reads_the_primary(settings):
    assert not settings.DATABASE_REPLICA_URL
    seen, response = _route("GET", {}, settings.DATABASES)
    assert seen["read"] == "default"
    _, response = _route("POST", {}, settings.DATABASES)
    assert db_router.PIN_COOKIE not in response


CHILD = """
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
import django
django.setup()
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

pk = int(os.environ["PRIORITY"])
client = Client()
paths = ["/", "/priorities/", f"/priorities/{pk}/", "/api/v1/priorities/",
         f"/api/v1/priorities/{pk}/", "/partners/", "/evidence/"]
with CaptureQueriesContext(connections["replica"]) as replica, \\
        CaptureQueriesContext(connections["default"]) as primary:
    for path in paths:
        assert client.get(path).status_code == 200, path
priority_reads = [
    q for q in primary.captured_queries if "priorities_priority" in q["sql"]
]
assert replica.captured_queries, "the replica answered nothing"
assert not priority_reads, priority_reads
print("replica", len(replica.captured_queries))
"""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_read_paths_run_on_a_replica_alias_pointing_at_the_same_database():
    priority = PriorityFactory()
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    env = dict(
        os.environ,
        DATABASE_URL=url,
        DATABASE_REPLICA_URL=url,
        PRIORITY=str(priority.pk),
        SECRET_KEY="t" * 60,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
        DEBUG="0",
    )
    env.pop("CACHE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "replica" in result.stdout
    assert settings.DATABASES.keys() == {"default"}
