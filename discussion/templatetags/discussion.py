"""The discussion section of a priority page (comments, follow and flag buttons).

The tag runs a fixed number of queries whatever the number of comments: all the
priority's comments in one query (with their authors), then the viewer's
reports and follow in one query each; the thread is built in Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django import template
from django.db.models import Q
from django.utils import timezone

from portal.access import has_staff_perm, is_participant

from ..comments import comment_can_edit
from ..forms import CommentForm
from ..models import Comment, Flag, Follow, Notification

register = template.Library()


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


def build_thread(comments: list[Comment], *, viewer, flagged_ids: set[int]) -> list:
    """Arrange comments (ordered by time) into nodes the viewer may see.

    Staff see hidden comments with their reason. Others see a hidden comment as
    a "hidden pending review" placeholder when it has visible replies, and not at
    all otherwise; a comment removed by its author keeps a placeholder.
    """
    staff = has_staff_perm(viewer, "discussion.view_comment")
    participant = is_participant(viewer)
    children: dict[int | None, list[Comment]] = defaultdict(list)
    for comment in comments:
        children[comment.parent_id].append(comment)
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


@register.inclusion_tag("discussion/_discussion.html", takes_context=True)
def discussion_section(context, priority):
    request = context.get("request")
    viewer = getattr(request, "user", None)
    authenticated = bool(viewer and viewer.is_authenticated)
    comments = list(
        Comment.objects.filter(priority=priority)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    flagged_ids: set[int] = set()
    flagged_priority = following = False
    if authenticated:
        for comment_id, priority_id in (
            Flag.objects.filter(user=viewer)
            .filter(Q(priority=priority) | Q(comment__priority=priority))
            .values_list("comment_id", "priority_id")
        ):
            if comment_id:
                flagged_ids.add(comment_id)
            if priority_id:
                flagged_priority = True
        following = Follow.objects.filter(user=viewer, priority=priority).exists()
    participant = is_participant(viewer)
    return {
        "priority": priority,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "viewer": viewer,
        "is_staff": has_staff_perm(viewer, "discussion.change_flag"),
        "participant": participant,
        "authenticated": authenticated,
        "is_open": priority.is_open_for_support,
        "thread": build_thread(comments, viewer=viewer, flagged_ids=flagged_ids),
        "following": following,
        "flagged_priority": flagged_priority,
        "can_flag_priority": participant
        and priority.author_id != viewer.pk
        and not flagged_priority,
        "form": CommentForm(auto_id="id_comment_%s"),
    }


@register.simple_tag(takes_context=True)
def unread_notifications_count(context) -> int:
    """How many unread notifications the signed-in member has (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
