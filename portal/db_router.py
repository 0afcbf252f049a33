"""Reads from a replica, writes (and the reads that follow them) on the primary.

Active when DATABASE_REPLICA_URL is set (settings add the "replica" alias and
this router). Public reads (GET and HEAD) go to the replica. A request that
may write (POST, PUT, PATCH, DELETE) runs wholly on the primary, and so do the
next REPLICA_PIN_SECONDS of that browser's requests (a cookie), so a member who
just voted or commented sees their change even while the replica lags.
"""

import contextvars

from django.conf import settings

REPLICA = "replica"
PIN_COOKIE = "nec_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Read where they are written, always: the database cache (rate-limit counters)
# and sessions, which a lagging replica would turn stale.
PRIMARY_ONLY_APPS = frozenset({"django_cache", "sessions"})

_use_primary: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "use_primary", default=True
)


def replica_configured() -> bool:
    return bool(settings.DATABASE_REPLICA_URL)


def reads_from_replica() -> bool:
    return replica_configured() and not _use_primary.get()


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return "default"
        return REPLICA if reads_from_replica() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The same data on both aliases.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaPinMiddleware:
    """Chooses the database for the request's reads (see the module docstring).

    Outside a request (commands, Celery tasks, tests) every read goes to the
    primary.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        writes = request.method not in SAFE_METHODS
        primary = writes or PIN_COOKIE in request.COOKIES
        token = _use_primary.set(primary)
        try:
            response = self.get_response(request)
        finally:
            _use_primary.reset(token)
        if writes and replica_configured():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
