"""A priority's discussion, one page of threads at a time.

A thread is a top-level comment and its replies (at most two levels below it).
The priority page shows THREADS_PER_PAGE threads, newest or oldest first, and
the first REPLIES_SHOWN replies of each (in time order); a "show more" link
leads to the next threads, or to the whole thread on a page of its own.

Whatever the size of the discussion, a page costs the same queries: one for the
threads' top-level comments, one for their first replies (a window function
numbers each thread's replies and counts them), plus the viewer's reports.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Q, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from portal.access import has_staff_perm, is_participant

from .comments import comment_can_edit
from .models import Comment, Flag

THREADS_PER_PAGE = getattr(settings, "DISCUSSION_THREADS_PER_PAGE", 20)
REPLIES_SHOWN = getattr(settings, "DISCUSSION_REPLIES_SHOWN", 5)
THREAD_REPLIES_PER_PAGE = getattr(settings, "DISCUSSION_THREAD_REPLIES_PER_PAGE", 100)

ORDERS = {
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
}
DEFAULT_ORDER = "newest"


@dataclass
class Node:
    comment: Comment
    replies: list["Node"] = field(default_factory=list)
    # "hidden" or "removed" when the text is replaced by a placeholder.
    placeholder: str = ""
    can_edit: bool = False
    can_delete: bool = False
    can_flag: bool = False
    flagged: bool = False
    # Replies of this thread not shown on this page (top-level nodes only).
    more_replies: int = 0


def build_thread(comments: list[Comment], *, viewer, flagged_ids: set[int]) -> list:
    """Arrange comments (parents before their replies) into nodes the viewer may see.

    Staff see hidden comments with their reason. Others see a hidden comment as
    a "hidden pending review" placeholder when it has visible replies, and not at
    all otherwise; a comment removed by its author keeps a placeholder. A reply
    whose parent is not in `comments` (it is on an earlier page) starts a branch.
    """
    staff = has_staff_perm(viewer, "discussion.view_comment")
    participant = is_participant(viewer)
    present = {c.pk for c in comments}
    children: dict[int | None, list[Comment]] = defaultdict(list)
    for comment in comments:
        parent = comment.parent_id if comment.parent_id in present else None
        children[parent].append(comment)
    now = timezone.now()

    def build(comment: Comment) -> Node | None:
        replies = [n for n in (build(c) for c in children[comment.pk]) if n]
        node = Node(comment=comment, replies=replies)
        if comment.is_hidden and not staff:
            if not replies:
                return None
            node.placeholder = "hidden"
            return node
        if comment.is_removed:
            node.placeholder = "removed"
            return node
        own = viewer is not None and comment.author_id == getattr(viewer, "pk", None)
        node.can_edit = own and comment_can_edit(comment, viewer, now=now)
        node.can_delete = own
        node.flagged = comment.pk in flagged_ids
        node.can_flag = participant and not own and not comment.is_hidden
        return node

    return [n for n in (build(c) for c in children[None]) if n]


def viewer_flags(viewer, comments: list[Comment], priority=None):
    """Which of these comments (and whether the priority) the viewer reported.

    One query; none for an anonymous viewer.
    """
    if not (viewer and viewer.is_authenticated):
        return set(), False
    wanted = Q(comment_id__in=[c.pk for c in comments])
    if priority is not None:
        wanted |= Q(priority=priority)
    ids, priority_flagged = set(), False
    for comment_id, priority_id in Flag.objects.filter(wanted, user=viewer).values_list(
        "comment_id", "priority_id"
    ):
        if comment_id:
            ids.add(comment_id)
        if priority_id:
            priority_flagged = True
    return ids, priority_flagged


def clean_order(value) -> str:
    return value if value in ORDERS else DEFAULT_ORDER


def clean_page(value) -> int:
    try:
        page = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(page, 1), 10_000)


@dataclass
class ThreadPage:
    threads: list[Node]
    page: int
    order: str
    has_next: bool
    priority_flagged: bool = False


def thread_page(priority, *, viewer, page: int = 1, order: str = DEFAULT_ORDER):
    """One page of a priority's threads with their first replies.

    Two queries, and one more for a signed-in viewer's reports.
    """
    order = clean_order(order)
    start = (page - 1) * THREADS_PER_PAGE
    roots = list(
        Comment.objects.filter(priority=priority, parent__isnull=True)
        .select_related("author")
        .order_by(*ORDERS[order])[start : start + THREADS_PER_PAGE + 1]
    )
    has_next = len(roots) > THREADS_PER_PAGE
    roots = roots[:THREADS_PER_PAGE]
    replies = first_replies([c.pk for c in roots]) if roots else []
    totals = {c.thread_id: c.thread_replies for c in replies}
    flagged, priority_flagged = viewer_flags(viewer, roots + replies, priority)
    nodes = build_thread(roots + replies, viewer=viewer, flagged_ids=flagged)
    for node in nodes:
        # Counted from the stored replies, so hidden ones the viewer cannot see
        # may be included; the thread's own page shows what is visible.
        shown = _count(node.replies)
        node.more_replies = max(totals.get(node.comment.pk, 0) - shown, 0)
    return ThreadPage(
        threads=nodes,
        page=page,
        order=order,
        has_next=has_next,
        priority_flagged=priority_flagged,
    )


def _count(nodes: list[Node]) -> int:
    return sum(1 + _count(n.replies) for n in nodes)


def _roots_and_first_replies(root_ids: list[int]):
    """The comments a reply in these threads can answer: the roots and their
    direct replies (depth is at most 2), as a subquery.

    "parent is a root, or parent's parent is a root" written as an OR over the
    join made PostgreSQL read every comment of the site (a sequential scan, 64 ms
    at 200,000 comments); this form is two index look-ups whatever the size.
    """
    return Comment.objects.filter(
        Q(pk__in=root_ids) | Q(parent_id__in=root_ids)
    ).values("pk")


def first_replies(root_ids: list[int], limit: int = REPLIES_SHOWN) -> list[Comment]:
    """The first `limit` replies of each thread, in time order, in one query.

    Each carries `thread_id` (its top-level comment) and `thread_replies` (how
    many replies that thread has in all). A reply is always newer than the
    comment it answers, so the first replies by time never lack their parent.
    """
    thread = Coalesce(F("parent__parent_id"), F("parent_id"))
    return list(
        Comment.objects.filter(parent_id__in=_roots_and_first_replies(root_ids))
        .select_related("author")
        .annotate(
            thread_id=thread,
            position=Window(
                RowNumber(), partition_by=[thread], order_by=["created_at", "pk"]
            ),
            thread_replies=Window(Count("pk"), partition_by=[thread]),
        )
        .filter(position__lte=limit)
        .order_by("created_at", "pk")
    )


def thread_replies_page(root: Comment, *, viewer, page: int = 1):
    """A whole thread, THREAD_REPLIES_PER_PAGE replies a page (3 queries)."""
    start = (page - 1) * THREAD_REPLIES_PER_PAGE
    replies = list(
        Comment.objects.filter(parent_id__in=_roots_and_first_replies([root.pk]))
        .select_related("author")
        .order_by("created_at", "pk")[start : start + THREAD_REPLIES_PER_PAGE + 1]
    )
    has_next = len(replies) > THREAD_REPLIES_PER_PAGE
    replies = replies[:THREAD_REPLIES_PER_PAGE]
    shown = [root, *replies]
    flagged, _ = viewer_flags(viewer, shown)
    nodes = build_thread(shown, viewer=viewer, flagged_ids=flagged)
    return ThreadPage(threads=nodes, page=page, order="oldest", has_next=has_next)
