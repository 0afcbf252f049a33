"""Benchmark: every report at the issue's scale, live and from the summary tables.

Run by hand: `.venv/bin/python bench/reports.py [--scale 1.0]`. Scale 1 is
200,000 members and 1,000,000 supports (with 2,000 priorities, 100,000
comments and 1,000 partners); `--scale 0.05` is a quick look. It builds a
throw-away test database (SQLite unless DATABASE_URL is set) with bulk inserts,
then prints, per report, the time and queries computed live, the time of the
nightly refresh, and the time and queries read from the summary tables.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

BATCH = 5000
START = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
DAYS = 700  # about two years of activity


def moment(rng: random.Random, after: datetime.datetime | None = None):
    first = after or START
    span = max((START + datetime.timedelta(days=DAYS) - first).total_seconds(), 1)
    return first + datetime.timedelta(seconds=rng.random() * span)


def fill(scale: float) -> None:
    from discussion.models import Comment
    from partners.models import Institution, Partner
    from portal.models import User
    from priorities.models import Priority, Topic, Vote

    rng = random.Random(13)
    n_members = int(200_000 * scale)
    n_priorities = max(int(2_000 * scale), 20)
    n_votes = int(1_000_000 * scale)
    groups = ["family"] * 10 + ["clinician"] * 6 + ["researcher"] * 3 + ["other"]
    started = time.perf_counter()
    User.objects.bulk_create(
        (
            User(
                email=f"bench{i}@example.org",
                display_name=f"Bench {i}",
                stakeholder_group=rng.choice(groups),
                email_verified=True,
                password="!",
                date_joined=moment(rng),
            )
            for i in range(n_members)
        ),
        batch_size=BATCH,
    )
    people = list(User.objects.values_list("pk", "stakeholder_group", "date_joined"))
    topics = Topic.objects.bulk_create(
        Topic(name=f"Topic {i}", slug=f"topic-{i}") for i in range(8)
    )
    Priority.objects.bulk_create(
        (
            Priority(
                title=f"Bench question {i}",
                description="x",
                topic=rng.choice(topics),
                author_id=people[i][0],
                author_group=people[i][1],
                status="published",
                created_at=START,
            )
            for i in range(n_priorities)
        ),
        batch_size=BATCH,
    )
    priorities = list(Priority.objects.values_list("pk", flat=True))
    seen: set[tuple[int, int]] = set()
    votes = []
    while len(seen) < n_votes:
        user_id, group, joined = rng.choice(people)
        # Popular priorities get more support, as they do in life.
        priority_id = priorities[int(len(priorities) * rng.random() ** 2)]
        if (user_id, priority_id) in seen:
            continue
        seen.add((user_id, priority_id))
        votes.append(
            Vote(
                priority_id=priority_id,
                user_id=user_id,
                group=group,
                created_at=moment(rng, joined),
            )
        )
        if len(votes) == BATCH:
            Vote.objects.bulk_create(votes)
            votes = []
    Vote.objects.bulk_create(votes)
    Comment.objects.bulk_create(
        (
            Comment(
                priority_id=rng.choice(priorities),
                author_id=person[0],
                author_group=person[1],
                body="x",
                created_at=moment(rng, person[2]),
            )
            for person in (rng.choice(people) for _ in range(int(100_000 * scale)))
        ),
        batch_size=BATCH,
    )
    countries = ["GB", "FR", "DE", "NL", "ES", "US", "CA", "AU"]
    institutions = Institution.objects.bulk_create(
        Institution(name=f"Institute {c}", country=c, type="hospital")
        for c in countries
    )
    Partner.objects.bulk_create(
        (
            Partner(
                user_id=people[i][0],
                display_name=f"Bench partner {i}",
                institution=institutions[i % len(countries)],
                country=countries[i % len(countries)],
                status="verified" if i % 5 else "pending",
                submitted_at=START,
                created_at=moment(rng),
            )
            for i in range(min(int(1_000 * max(scale, 0.05)), n_members))
        ),
        batch_size=BATCH,
    )
    print(
        f"filled {n_members} members, {n_priorities} priorities, {n_votes} supports "
        f"in {time.perf_counter() - started:.1f} s"
    )


def timed(function, *args):
    reset_queries()  # the fill's queries would fill the log and hide the count
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = function(*args)
        elapsed = time.perf_counter() - started
    return result, elapsed, len(queries)


def main(scale: float) -> None:
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        fill(scale)
        from reports import summaries
        from reports.params import parse_params
        from reports.registry import all_reports, run_report

        params = parse_params({"from": "2026-01-01", "to": "2026-03-31"})
        live = {}
        with summaries.live():
            for report in all_reports():
                _r, seconds, queries = timed(run_report, report.name, params)
                live[report.name] = (seconds, queries)
        run, seconds, _q = timed(summaries.summaries_refresh)
        print(
            f"nightly refresh: {seconds:.1f} s ({run.participation_rows} "
            f"participation, {run.support_rows} support, {run.voter_rows} voter rows)"
        )
        print(f"{'report':24} {'live s':>8} {'q':>3} {'summary s':>10} {'q':>3}")
        total = 0.0
        for report in all_reports():
            _r, seconds, queries = timed(run_report, report.name, params)
            total += seconds
            live_seconds, live_queries = live[report.name]
            print(
                f"{report.name:24} {live_seconds:8.3f} {live_queries:3d} "
                f"{seconds:10.3f} {queries:3d}"
            )
        print(f"all reports from the summary tables: {total:.3f} s")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    main(parser.parse_args().scale)
