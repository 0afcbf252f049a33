"""Many members at once: the stored counts equal the rows (PostgreSQL row locks)."""

import pytest
from django.core.exceptions import ValidationError

from discussion.comments import comment_create, comment_delete, discussion_counts
from discussion.models import Comment, Flag, ModerationAction
from discussion.moderation import flag_create
from priorities.models import Priority
from tests.concurrency import run_together
from tests.discussion.factories import (
    PriorityFactory,
)
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

THREADS = 12


def _run_all(work):
    """Start every worker together and wait; none may fail."""
    assert [o for o in run_together(*work) if isinstance(o, Exception)] == []


def test_concurrent_comments_keep_counts_equal_to_rows():
    priority = PriorityFactory()
    members = UserFactory.create_batch(THREADS)
    stances = ["favour", "neutral", "against", ""]

    def post(i):
        return lambda: [
            comment_create(
                author=members[i],
                priority=priority,
                body=f"Comment {i}-{n}",
                stance=stances[(i + n) % 4],
            )
            for n in range(3)
        ]

    _run_all([post(i) for i in range(THREADS)])
    priority = Priority.objects.get(pk=priority.pk)
    assert Comment.objects.filter(priority=priority).count() == THREADS * 3
    real = discussion_counts(priority)
    assert priority.comment_count == real["comment_count"] == THREADS * 3
    assert priority.stance_favour == real["stance_favour"]
    assert priority.stance_neutral == real["stance_neutral"]
    assert priority.stance_against == real["stance_against"]


def test_concurrent_comments_and_deletes_keep_counts_equal_to_rows():
    priority = PriorityFactory()
    members = UserFactory.create_batch(THREADS)
    existing = [
        comment_create(author=m, priority=priority, body="Old", stance="favour")
        for m in members
    ]

    def churn(i):
        def work():
            comment_create(author=members[i], priority=priority, body="New")
            comment_delete(comment=existing[i], user=members[i])

        return work

    _run_all([churn(i) for i in range(THREADS)])
    priority = Priority.objects.get(pk=priority.pk)
    assert priority.comment_count == discussion_counts(priority)["comment_count"]
    assert priority.comment_count == THREADS
    assert priority.stance_favour == 0


def test_concurrent_flags_hide_once(settings):
    settings.FLAG_HIDE_THRESHOLD = 3
    priority = PriorityFactory()
    comment = comment_create(author=UserFactory(), priority=priority, body="Spam")
    reporters = UserFactory.create_batch(THREADS)
    results = []

    def report(member):
        def work():
            try:
                flag_create(user=member, comment=comment, reason="spam")
                results.append("ok")
            except ValidationError:
                # Once hidden, the comment is no longer shown: nothing to report.
                results.append("refused")

        return work

    _run_all([report(m) for m in reporters])
    comment.refresh_from_db()
    assert comment.is_hidden
    assert results.count("ok") == 3 and results.count("refused") == THREADS - 3
    assert comment.flag_count == Flag.objects.filter(comment=comment).count() == 3
    assert ModerationAction.objects.filter(action="auto_hide").count() == 1
    assert Priority.objects.get(pk=priority.pk).comment_count == 0


def test_the_same_member_flagging_twice_at_once_gets_one_flag():
    comment = comment_create(
        author=UserFactory(), priority=PriorityFactory(), body="Hm"
    )
    member = UserFactory()
    results = []

    def flag():
        try:
            flag_create(user=member, comment=comment, reason="spam")
            results.append("ok")
        except Exception as exc:
            results.append(type(exc).__name__)

    _run_all([flag for _ in range(4)])
    assert sorted(results) == ["ValidationError"] * 3 + ["ok"]
    comment.refresh_from_db()
    assert comment.flag_count == 1
