"""Evidence pages and API: queries and time per request, on the configured database.

Run by hand after `manage.py seed_demo` (it only reads):
    DEBUG=1 .venv/bin/python bench/research_evidence.py [repeats]
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
# The bench measures the app, not the anonymous API throttle.
os.environ.setdefault("API_ANON_RATE", "100000/min")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from research.models import Factor  # noqa: E402

PATHS = [
    "/evidence/",
    "/evidence/?q=antibiotics",
    "/evidence/?certainty=moderate&outcome=nec",
    "/evidence/{slug}/",
    "/evidence/{slug}/families/",
    "/evidence/recommendations/antibiotic-stewardship/print/",
    "/api/v1/evidence/summaries/",
    "/api/v1/evidence/findings/",
    "/api/v1/evidence/recommendations/",
]


def main(repeats: int) -> None:
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    factor = Factor.objects.published().first()
    if factor is None:
        sys.exit("No published factor: run `manage.py seed_demo` first.")
    client = Client()
    print(f"database: {connection.vendor}; {repeats} requests per path")
    for template in PATHS:
        path = template.format(slug=factor.slug)
        timings = []
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        print(
            f"{path:60} {len(queries.captured_queries):2d} queries  "
            f"median {statistics.median(timings):6.1f} ms  "
            f"max {max(timings):6.1f} ms"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
