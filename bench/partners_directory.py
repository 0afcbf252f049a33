"""Benchmark the partner directory: page and API timings and query counts.

Run by hand, from the project root:

    .venv/bin/python bench/partners_directory.py --partners 2000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nec_dev \\
        .venv/bin/python bench/partners_directory.py --partners 5000
    .venv/bin/python bench/partners_directory.py --dev-db --partners 500

By default it builds a throwaway test database (SQLite in memory, or
test_<name> on PostgreSQL) and drops it afterwards. With --dev-db it adds rows
to the configured database and removes them again at the end (unless --keep).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_test_environment,
)
from django.utils import timezone  # noqa: E402

BENCH_DOMAIN = "bench.nec.invalid"
AREAS = ["microbiome", "probiotics", "imaging", "surgery", "epidemiology"]
COUNTRIES = ["GB", "US", "DE", "NL", "IN", "BR", "ZA", "JP", "AU", "CA"]
WORDS = [
    "lactoferrin",
    "donor",
    "milk",
    "fortifier",
    "ultrasound",
    "drain",
    "cohort",
    "registry",
]


def populate(n: int) -> None:
    from partners.models import Institution, Partner, Publication, ResearchArea
    from partners.services import partner_refresh_search
    from portal.models import User

    areas = list(ResearchArea.objects.filter(slug__in=AREAS))
    institutions = [
        Institution.objects.get_or_create(
            name=f"Bench Institute {i}",
            country=COUNTRIES[i % len(COUNTRIES)],
            defaults={"type": "institute", "is_confirmed": True, "city": "Bench"},
        )[0]
        for i in range(max(10, n // 20))
    ]
    users = User.objects.bulk_create(
        User(
            email=f"p{i}@{BENCH_DOMAIN}",
            display_name=f"Bench {i}",
            stakeholder_group="researcher",
            email_verified=True,
        )
        for i in range(n)
    )
    now = timezone.now()
    partners = Partner.objects.bulk_create(
        Partner(
            user=u,
            display_name=f"Dr Bench Person {i}",
            institution=institutions[i % len(institutions)],
            country=institutions[i % len(institutions)].country,
            keywords=", ".join(WORDS[i % len(WORDS) :][:3]),
            bio=f"Bench profile {i} on {WORDS[i % len(WORDS)]} in preterm infants.",
            status="verified" if i % 10 else "pending",
            verified_at=now,
            submitted_at=now,
            open_to_collaboration=bool(i % 2),
        )
        for i, u in enumerate(users)
    )
    through = Partner.research_areas.through
    through.objects.bulk_create(
        through(partner_id=p.pk, researcharea_id=areas[i % len(areas)].pk)
        for i, p in enumerate(partners)
    )
    Publication.objects.bulk_create(
        Publication(partner=p, kind="doi", identifier=f"10.5555/bench-{p.pk}-{j}")
        for p in partners
        for j in range(3)
    )
    partner_refresh_search(partner_ids=[p.pk for p in partners])


def cleanup() -> None:
    from partners.models import Institution, Partner
    from portal.models import User

    Partner.objects.filter(user__email__endswith=BENCH_DOMAIN).delete()
    User.objects.filter(email__endswith=BENCH_DOMAIN).delete()
    Institution.objects.filter(name__startswith="Bench Institute").delete()


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int]:
    client.get(url)  # warm caches (templates, connection)
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), max(timings), len(ctx)


def run(n: int, repeat: int) -> None:
    from partners.models import Partner

    t0 = time.perf_counter()
    populate(n)
    print(
        f"created {n} partners in {time.perf_counter() - t0:.1f}s "
        f"({'PostgreSQL' if settings.USING_POSTGRES else 'SQLite'})"
    )
    sample = Partner.objects.listed().filter(user__email__endswith=BENCH_DOMAIN).first()
    urls = [
        "/partners/",
        "/partners/?page=10",
        "/partners/?q=lactoferrin",
        "/partners/?q=Bench+Person+12",
        "/partners/?area=microbiome&country=DE&sort=recent",
        "/partners/places/",
        f"/partners/{sample.pk}/",
        "/api/v1/partners/",
        "/api/v1/partners/?q=donor+milk&open_to=collaboration",
        f"/api/v1/partners/{sample.pk}/",
        "/api/v1/institutions/?q=bench",
    ]
    client = Client()
    print(f"{'URL':58} {'median ms':>9} {'max ms':>8} {'queries':>7}")
    for url in urls:
        median, worst, queries = measure(client, url, repeat)
        print(f"{url:58} {median:9.1f} {worst:8.1f} {queries:7d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dev-db", action="store_true", help="use the configured DB")
    parser.add_argument("--keep", action="store_true", help="keep rows (--dev-db)")
    args = parser.parse_args()

    setup_test_environment()
    quiet = override_settings(
        SECURE_SSL_REDIRECT=False,
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        },
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []},
    )
    with quiet:
        if args.dev_db:
            try:
                run(args.partners, args.repeat)
            finally:
                if not args.keep:
                    cleanup()
            return
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            run(args.partners, args.repeat)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
