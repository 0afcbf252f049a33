"""Benchmark: render a priority's discussion section with many comments.

Run by hand: `.venv/bin/python bench/discussion.py [comments]`. It builds a
throw-away test database (SQLite unless DATABASE_URL is set), so the dev data is
left alone, and prints the queries and the time per render.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402
from django.template import RequestContext, Template  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)


def main(n: int) -> None:
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from discussion.models import Comment
        from portal.models import User
        from priorities.models import Priority, Topic

        topic = Topic.objects.create(name="Prevention", slug="prevention")
        author = User.objects.create_user(
            email="bench@example.org", display_name="Bench", email_verified=True
        )
        priority = Priority.objects.create(
            title="Bench",
            description="x",
            topic=topic,
            author=author,
            author_group="family",
            status="published",
        )
        members = User.objects.bulk_create(
            User(email=f"m{i}@example.org", display_name=f"M{i}") for i in range(50)
        )
        made: list[Comment] = []
        for i in range(n):
            parent = made[-1] if i % 3 and made else None
            made.append(
                Comment.objects.create(
                    priority=priority,
                    author=members[i % 50],
                    author_group="family",
                    parent=parent,
                    depth=0 if parent is None else parent.depth + 1,
                    body=f"Comment **{i}** with [a link](https://example.org/{i})",
                )
            )
        template = Template("{% load discussion %}{% discussion_section priority %}")
        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        runs = 20
        with CaptureQueriesContext(connection) as ctx:
            template.render(RequestContext(request, {"priority": priority}))
        start = time.perf_counter()
        for _ in range(runs):
            template.render(RequestContext(request, {"priority": priority}))
        per = (time.perf_counter() - start) / runs * 1000
        print(f"{n} comments: {len(ctx.captured_queries)} queries, {per:.1f} ms/render")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
