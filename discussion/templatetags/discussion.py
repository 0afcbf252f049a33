"""The discussion section of a priority page (comments, follow and flag buttons).

The tag runs a fixed number of queries whatever the number of comments: one
page of threads (see threads.py), then the viewer's reports and follow; the
threads are built in Python.
"""

from django import template

from portal.access import has_staff_perm, is_participant

from ..forms import CommentForm
from ..models import Follow, Notification
from ..threads import clean_order, clean_page, thread_page

register = template.Library()


@register.inclusion_tag("discussion/_discussion.html", takes_context=True)
def discussion_section(context, priority):
    request = context.get("request")
    viewer = getattr(request, "user", None)
    authenticated = bool(viewer and viewer.is_authenticated)
    params = getattr(request, "GET", {})
    page = thread_page(
        priority,
        viewer=viewer,
        page=clean_page(params.get("comments_page")),
        order=clean_order(params.get("comments_order")),
    )
    flagged_priority = following = False
    if authenticated:
        flagged_priority = page.priority_flagged
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
        "thread": page.threads,
        "thread_page": page,
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
