"""bench/run's in-process half: which URLs to load, and their SQL queries.

Run by bench/run with the benchmark database's DATABASE_URL:
    plan.py <output.json> <sessions.json>
It picks the busiest priority, one with about 200 comments, a deep API cursor,
and so on; counts each endpoint's queries with the test client; and makes
sessions for many distinct members for the vote run (written to sessions.json).
"""

import json
import os
import random
import sys
from importlib import import_module
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
# The queries counted are those of a page rendered (a member's, or a visitor's
# first); a visitor's copy served from the cache runs none.
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from partners.models import Partner  # noqa: E402
from portal.keyset import KeysetPagination  # noqa: E402
from portal.models import User  # noqa: E402
from priorities.models import Priority, Status, Topic  # noqa: E402
from research.models import Factor  # noqa: E402

VOTERS = 3000


def session_for(user) -> str:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def main(out: str, sessions_out: str) -> None:
    rng = random.Random(16)
    public = Priority.objects.public()
    busiest = public.order_by("-comment_count").first()
    middling = (
        public.filter(comment_count__lte=200).order_by("-comment_count").first()
        or busiest
    )
    topic = Topic.objects.order_by("pk").first()
    api = "/api/v1/priorities/"
    # The cursor after the 2,500th row of the default order: a deep API page.
    deep_row = public.order_by(
        "-balanced_score", "-supporters_total", "-created_at", "-pk"
    )[2500 if public.count() > 2600 else public.count() // 2]
    pager = KeysetPagination()
    pager.keys = ["-balanced_score", "-supporters_total", "-created_at", "-pk"]
    pager.signature = ",".join(pager.keys)
    factor = Factor.objects.published().order_by("pk").first()
    endpoints = [
        ("home", "/"),
        ("list: balanced score", "/priorities/?sort=balanced"),
        ("list: most supported", "/priorities/?sort=supported"),
        ("list: trending", "/priorities/?sort=trending"),
        ("list: newest", "/priorities/?sort=newest"),
        ("list: deep page (50)", "/priorities/?page=50"),
        ("list: topic + full-text search", f"/priorities/?topic={topic.slug}&q=milk"),
        (
            f"busiest priority ({busiest.comment_count} comments)",
            busiest.get_absolute_url(),
        ),
        (
            f"a middling priority ({middling.comment_count} comments)",
            middling.get_absolute_url(),
        ),
        ("busiest: discussion page 2", busiest.get_absolute_url() + "?comments_page=2"),
        ("API list", api),
        ("API deep page (row 2,500)", f"{api}?cursor={pager._write(deep_row)}"),
        ("API detail", f"{api}{busiest.pk}/"),
        ("partner search", "/partners/?q=milk"),
        ("evidence index", "/evidence/"),
    ]
    if factor is not None:
        endpoints.append(("evidence summary", factor.get_absolute_url()))
    client = Client()
    queries = {}
    for name, path in endpoints:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        assert status == 200, (name, path, status)
        queries[name] = len(captured.captured_queries)
    queries["API list (interleaved)"] = queries["API list"]

    open_ids = list(
        public.filter(status__in=[Status.PUBLISHED, Status.SHORTLISTED]).values_list(
            "pk", flat=True
        )
    )
    vote_priorities = rng.sample(open_ids, min(200, len(open_ids)))
    members = list(
        User.objects.filter(
            email_verified=True, is_active=True, is_staff=False, deleted_at__isnull=True
        ).order_by("?")[:VOTERS]
    )
    voter = Client()
    voter.force_login(members[0])
    vote_url = f"{api}{vote_priorities[0]}/vote/"
    with CaptureQueriesContext(connection) as captured:
        voter.post(vote_url)
    queries["vote"] = len(captured.captured_queries)
    voter.delete(vote_url)
    sessions = [[session_for(m), "b" * 32] for m in members]
    # A member reading: pages rendered for them, never the visitors' copy.
    reader = members[-1]
    Path(sessions_out).write_text(json.dumps(sessions))
    staff = (
        User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    )
    exports = [
        ("priorities CSV (page)", "/priorities/export.csv"),
        ("priorities JSON (API)", f"{api}export/?format=json"),
        ("comments JSON (API)", "/api/v1/comments/export/?format=json"),
        ("comments CSV (API)", "/api/v1/comments/export/?format=csv"),
        ("partners CSV (staff)", "/partners/export.csv"),
    ]
    sizes = {
        "members": User.objects.count(),
        "priorities": Priority.objects.count(),
        "votes": sum(public.values_list("supporters_total", flat=True)),
        "comments": sum(Priority.objects.values_list("comment_count", flat=True)),
        "partners": Partner.objects.count(),
    }
    Path(out).write_text(
        json.dumps(
            {
                "endpoints": endpoints,
                "queries": queries,
                "vote_priorities": vote_priorities,
                "staff_session": session_for(staff),
                "member_session": session_for(reader),
                "member_endpoints": [
                    ("list: balanced score, signed in", "/priorities/?sort=balanced"),
                    ("API list, signed in", api),
                    (
                        f"busiest priority, signed in ({busiest.comment_count} "
                        "comments)",
                        busiest.get_absolute_url(),
                    ),
                ],
                "exports": exports,
                "sizes": sizes,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
