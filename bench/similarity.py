"""Benchmark: how well the similar-priorities engine finds a question asked in
other words, and how often it matches a question it should not.

Reads tests/priorities/data/paraphrases.json (pairs of an existing question and
its paraphrase, and unrelated questions), adds the existing questions as
published priorities inside a transaction, asks the engine for every
paraphrase and every unrelated question, prints the figures, and rolls the
transaction back, so the database is left as it was. Public priorities already
in the database stay in the corpus (they make the test harder). Run it by hand
on a migrated database (the synonym vocabulary comes from migration 0005):

    export DATABASE_URL=sqlite:////tmp/nec_bench.sqlite3 DEBUG=1
    python manage.py migrate && python bench/similarity.py   # SQLite
    createdb -h 127.0.0.1 -U postgres nec_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/nec_bench DEBUG=1
    python manage.py migrate && python bench/similarity.py

Figures: recall@1 (the paraphrase's question is the first result), recall@5
(among the first five results shown, i.e. scoring at least the display
threshold), false-match rate (share of unrelated questions with any result).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from portal.models import StakeholderGroup, User  # noqa: E402
from priorities import similarity  # noqa: E402
from priorities.models import Priority, Topic  # noqa: E402
from tests.priorities import labelled_set  # noqa: E402


class Rollback(Exception):
    pass


def main() -> None:
    data = labelled_set.load()
    try:
        with transaction.atomic():
            topic = Topic.objects.create(name="Bench similarity", slug="bench-sim")
            author = User.objects.create_user(
                email="bench-similarity@example.org",
                password=None,
                stakeholder_group=StakeholderGroup.RESEARCHER,
            )
            priorities = labelled_set.create_priorities(
                data, topic=topic, author=author
            )
            started = time.perf_counter()
            figures = labelled_set.measure(data, priorities)
            elapsed = time.perf_counter() - started
            corpus = Priority.objects.public().count()
            raise Rollback
    except Rollback:
        pass
    queries = figures.pairs + figures.unrelated
    print(f"database          {connection.vendor}")
    print(f"public priorities {corpus}")
    print(f"display threshold {similarity.DISPLAY_THRESHOLD}")
    print(f"pairs / unrelated {figures.pairs} / {figures.unrelated}")
    print(f"recall@1          {figures.recall_at_1:.3f}")
    print(f"recall@5          {figures.recall_at_5:.3f}")
    print(f"false-match rate  {figures.false_match_rate:.3f}")
    print(f"time per query    {elapsed / queries * 1000:.1f} ms")
    for text in figures.misses:
        print(f"  missed: {text}")
    for text in figures.false_matches:
        print(f"  false match: {text}")


if __name__ == "__main__":
    main()
