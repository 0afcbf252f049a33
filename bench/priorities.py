"""Benchmark: the priority listing and detail page with many priorities and votes.

Builds N priorities and M votes with bulk inserts (COPY on PostgreSQL), brings the
stored tallies up to date with the same code as `manage.py recompute_tallies`,
then times every listing sort, a search, the API list and the detail page, and
prints query counts and milliseconds. Run it by hand against a scratch database:

    createdb -h 127.0.0.1 -U postgres nec_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/nec_bench DEBUG=1
    python manage.py migrate && python manage.py createcachetable
    python bench/priorities.py --priorities 20000 --votes 1000000

It refuses to add rows to a database that already holds priorities unless
--reuse is given (then it only measures).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from portal.models import StakeholderGroup, User  # noqa: E402
from priorities import voting  # noqa: E402
from priorities.models import Priority, Status, Topic, Vote  # noqa: E402

GROUPS = list(StakeholderGroup.values)
WORDS = [
    "donor",
    "milk",
    "fortifier",
    "probiotic",
    "feeding",
    "antibiotics",
    "ultrasound",
    "biomarker",
    "surgery",
    "drain",
    "bowel",
    "perforation",
    "growth",
    "development",
    "parents",
    "bereavement",
    "nurses",
    "guidelines",
    "transfusion",
    "anaemia",
    "caffeine",
    "lactoferrin",
    "microbiome",
    "sepsis",
    "colostrum",
    "cord",
    "clamping",
    "follow-up",
    "nutrition",
    "stoma",
    "intestinal",
    "failure",
]


def build(n_priorities: int, n_votes: int, rng: random.Random) -> None:
    started = time.perf_counter()
    topics = list(Topic.objects.all())
    if not topics:
        topics = [Topic.objects.create(name="Prevention", slug="prevention")]
    # Enough members that each supports a realistic number of priorities.
    n_users = max(1000, n_votes // 20)
    users = [
        User(
            email=f"bench{n}@bench.invalid",
            display_name=f"Bench member {n}",
            stakeholder_group=rng.choices(GROUPS, weights=[5, 2, 2, 1])[0],
            email_verified=True,
            password="!",  # unusable: nobody signs in as a bench member
        )
        for n in range(n_users)
    ]
    User.objects.bulk_create(users, batch_size=5000)
    users = list(
        User.objects.filter(email__endswith="@bench.invalid").values_list(
            "pk", "stakeholder_group"
        )
    )
    now = timezone.now()
    priorities = []
    for n in range(n_priorities):
        author_id, group = rng.choice(users)
        words = " ".join(rng.sample(WORDS, 4))
        priorities.append(
            Priority(
                title=f"Does {words} change NEC outcomes (question {n})?",
                description=f"Bench question {n} about {words}. " * 4,
                topic=rng.choice(topics),
                author_id=author_id,
                author_group=group,
                status=rng.choices(
                    [
                        Status.PUBLISHED,
                        Status.SHORTLISTED,
                        Status.ANSWERED,
                        Status.PENDING,
                        Status.DECLINED,
                    ],
                    weights=[80, 5, 5, 5, 5],
                )[0],
                created_at=now - timedelta(minutes=n),
                published_at=now - timedelta(minutes=n),
            )
        )
    Priority.objects.bulk_create(priorities, batch_size=5000)
    priority_ids = list(
        Priority.objects.filter(title__contains="(question ").values_list(
            "pk", flat=True
        )
    )
    print(
        f"built {len(users)} members, {len(priority_ids)} priorities "
        f"in {time.perf_counter() - started:.1f}s"
    )

    started = time.perf_counter()
    # Popularity is skewed like real votes: a few priorities get most support.
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(priority_ids))]
    seen: set[tuple[int, int]] = set()
    rows = []
    cutoff = now - timedelta(days=60)
    while len(rows) < n_votes:
        batch = rng.choices(priority_ids, weights=weights, k=50_000)
        for priority_id in batch:
            user_id, group = users[rng.randrange(len(users))]
            if (priority_id, user_id) in seen:
                continue
            seen.add((priority_id, user_id))
            created = cutoff + timedelta(seconds=rng.randrange(60 * 86400))
            rows.append((priority_id, user_id, group, created))
            if len(rows) >= n_votes:
                break
    if connection.vendor == "postgresql":
        sql = (
            'COPY priorities_vote (priority_id, user_id, "group", created_at) '
            "FROM STDIN"
        )
        with (
            transaction.atomic(),
            connection.cursor() as cursor,
            cursor.cursor.copy(sql) as copy,
        ):
            for row in rows:
                copy.write_row(row)
    else:
        Vote.objects.bulk_create(
            (
                Vote(priority_id=p, user_id=u, group=g, created_at=c)
                for p, u, g, c in rows
            ),
            batch_size=10_000,
        )
    print(f"inserted {len(rows)} votes in {time.perf_counter() - started:.1f}s")

    started = time.perf_counter()
    drift = voting.tallies_recompute(fix=True)
    print(
        f"recompute_tallies --fix: {len(drift)} values set "
        f"in {time.perf_counter() - started:.1f}s"
    )
    started = time.perf_counter()
    changed = voting.balanced_scores_recompute()
    print(
        f"balanced_scores_recompute (one UPDATE): {changed} rows "
        f"in {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum would have done by the time anyone browses.
            cursor.execute("VACUUM ANALYZE")


def measure(client: Client, label: str, url: str, repeat: int = 5) -> None:
    timings = []
    queries = 0
    for _ in range(repeat):
        reset_queries()  # the debug query log is capped; start from empty
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
        sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
    print(
        f"{label:<34} {queries:>3} queries  median {statistics.median(timings):7.1f} ms"
        f"  (best {min(timings):.1f}; SQL {sql_ms:.1f} ms)"
    )


def explain_search() -> None:
    if connection.vendor != "postgresql":
        return
    qs = Priority.objects.public().search("donor milk").order_by("-balanced_score")[:20]
    plan = qs.explain()
    used = [name for name in ("prio_search_gin", "prio_list_balanced") if name in plan]
    print(f"search plan uses indexes: {', '.join(used) or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--priorities", type=int, default=20_000)
    parser.add_argument("--votes", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="measure existing rows")
    args = parser.parse_args()
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    print(f"database: {connection.vendor}")
    if not args.reuse:
        if Priority.objects.exists():
            sys.exit(
                "This database already has priorities: use a scratch one, or --reuse."
            )
        build(args.priorities, args.votes, random.Random(1))
    print(f"priorities: {Priority.objects.count()}, votes: {Vote.objects.count()}")
    client = Client()
    for sort in ("balanced", "supported", "newest", "discussed", "trending"):
        measure(client, f"listing ?sort={sort}", f"/priorities/?sort={sort}")
    measure(client, "listing ?sort=balanced&page=50", "/priorities/?page=50")
    measure(client, "listing ?q=donor milk", "/priorities/?q=donor+milk")
    measure(client, "listing ?topic=prevention", "/priorities/?topic=prevention")
    measure(
        client,
        "API list ordering=-balanced_score",
        "/api/v1/priorities/?ordering=-balanced_score",
    )
    top = Priority.objects.public().order_by("-supporters_total").first()
    measure(
        client,
        f"detail (#{top.pk}, {top.supporters_total} votes)",
        f"/priorities/{top.pk}/",
    )
    member = User.objects.filter(email__endswith="@bench.invalid").first()
    client.force_login(member)
    measure(client, "listing signed in", "/priorities/")
    measure(client, "detail signed in", f"/priorities/{top.pk}/")
    explain_search()
    measure_writes(top)


def measure_writes(top: Priority) -> None:
    """A support and a withdrawal on the busiest priority; a full score rewrite."""
    member = (
        User.objects.filter(email__endswith="@bench.invalid")
        .exclude(votes__priority=top)
        .first()
    )
    timings = []
    for action in (voting.vote_cast, voting.vote_withdraw) * 5:
        started = time.perf_counter()
        action(user=member, priority=top)
        timings.append((time.perf_counter() - started) * 1000)
    median = statistics.median(timings)
    print(f"{'support / withdraw (busiest)':<34}      median {median:7.1f} ms")
    # What a change in a group's voter count costs: every score is rewritten.
    from priorities.models import GroupVoterCount

    GroupVoterCount.objects.filter(group="family").update(voters=F("voters") + 1)
    started = time.perf_counter()
    changed = voting.balanced_scores_recompute()
    elapsed = (time.perf_counter() - started) * 1000
    GroupVoterCount.objects.filter(group="family").update(voters=F("voters") - 1)
    voting.balanced_scores_recompute()
    print(f"{'score rewrite, one UPDATE':<34} {changed:>6} rows {elapsed:7.1f} ms")


if __name__ == "__main__":
    main()
