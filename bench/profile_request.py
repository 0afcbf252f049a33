"""Profile one request path in-process: where a page's time goes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nec_bench_small \\
        SECRET_KEY=x bench/profile_request.py /priorities/ [--repeat 50] [--top 30]
    bench/profile_request.py /api/v1/priorities/1/vote/ --method post --as-member

It runs the request once to warm the caches, then `--repeat` times under
cProfile with the test client, and prints the mean wall time per request, the
SQL queries per request, and the functions with the most cumulative and own
time. `--as-member` signs in a verified member first (a different one for each
repeat, so a vote path sees first votes, as under load; a POST is followed
by a DELETE of the same path, so the data ends as it began).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
# As bench/run serves it: plain HTTP on loopback, warnings only in the log.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from plan import session_for  # noqa: E402  (bench/plan.py)

from portal.models import User  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path")
    parser.add_argument("--method", default="get")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--as-member", action="store_true")
    args = parser.parse_args()
    client = Client()
    sessions = [None]
    if args.as_member:
        # Signed in before the profile starts: a different member per request.
        members = User.objects.filter(
            email_verified=True, is_active=True, is_staff=False, deleted_at__isnull=True
        ).order_by("?")[: args.repeat + 2]
        sessions = [session_for(member) for member in members]
    pool = iter(sessions * (args.repeat + 2))

    def one() -> int:
        session = next(pool)
        if session:
            client.cookies[settings.SESSION_COOKIE_NAME] = session
        response = getattr(client, args.method)(args.path)
        if args.method == "post" and args.as_member:
            client.delete(args.path)
        return response.status_code

    print("status", one())
    with CaptureQueriesContext(connection) as captured:
        one()
    print("queries per request:", len(captured.captured_queries))
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for _ in range(args.repeat):
        one()
    profile.disable()
    mean = (time.perf_counter() - started) / args.repeat * 1000
    print(f"mean {mean:.1f} ms per request (under the profiler)")
    stats = pstats.Stats(profile).strip_dirs()
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
