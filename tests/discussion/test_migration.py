"""The discussion's move out of the priorities app keeps every row, both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("priorities", "0003_evidence_links"), ("discussion", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    nodes = [t for t in targets if t[1] is not None]
    return executor.loader.project_state(nodes).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_comments_written_before_the_move_are_read_after_it_and_back():
    old = _migrate(BEFORE)
    User = old.get_model("portal", "User")
    Topic = old.get_model("priorities", "Topic")
    Priority = old.get_model("priorities", "Priority")
    Comment = old.get_model("priorities", "Comment")
    ContentType = old.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="priorities", model="comment")
    author = User.objects.create(email="m@example.org", display_name="M")
    topic = Topic.objects.create(name="Feeding", slug="feeding")
    priority = Priority.objects.create(
        title="Does donor milk prevent NEC?", topic=topic, author=author
    )
    Comment.objects.create(
        priority=priority, author=author, author_group="family", body="Kept"
    )

    new = _migrate(_latest())
    moved = new.get_model("discussion", "Comment")
    assert list(moved.objects.values_list("body", flat=True)) == ["Kept"]
    types = new.get_model("contenttypes", "ContentType").objects
    assert types.filter(app_label="discussion", model="comment").exists()
    assert not types.filter(app_label="priorities", model="comment").exists()

    back = _migrate(BEFORE)
    assert back.get_model("priorities", "Comment").objects.get().body == "Kept"
    types = back.get_model("contenttypes", "ContentType").objects
    assert types.filter(app_label="priorities", model="comment").exists()
    _migrate(_latest())
