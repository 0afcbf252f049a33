"""Research priorities shown on other apps' pages: evidence and partner profiles.

Each tag runs one query per list, whatever the number of rows: the list is
capped and its full size comes from a window function in the same query. Only
what the public may see is listed (public statuses, not hidden), whoever looks.
"""

from django import template
from django.db.models import Count, Window

from ..models import PUBLIC_STATUSES, EvidenceLink, Priority, Vote

register = template.Library()

FACTOR_LIMIT = 20
MEMBER_LIMIT = 10


def _with_total(queryset, limit: int) -> tuple[list, int]:
    """The first `limit` rows and the number of all rows, in one query."""
    rows = list(queryset.annotate(_total=Window(Count("pk")))[:limit])
    return rows, (rows[0]._total if rows else 0)


@register.inclusion_tag("priorities/_factor_priorities.html")
def priorities_for_factor(factor) -> dict:
    """The public priorities that cite this factor's evidence, most supported first."""
    links, total = _with_total(
        EvidenceLink.objects.filter(factor=factor)
        .to_public_priorities()
        .select_related("priority")
        .order_by("-priority__supporters_total", "-priority__created_at"),
        FACTOR_LIMIT,
    )
    return {"factor": factor, "links": links, "total": total}


@register.inclusion_tag("priorities/_member_priorities.html")
def member_priorities(member) -> dict:
    """Public priorities a member proposed and those they support (two queries)."""
    if member is None or getattr(member, "deleted_at", None):
        return {"proposed": [], "supported": [], "member": member}
    proposed, proposed_total = _with_total(
        Priority.objects.public()
        .filter(author=member)
        .order_by("-supporters_total", "-created_at"),
        MEMBER_LIMIT,
    )
    supported, supported_total = _with_total(
        Vote.objects.filter(
            user=member,
            priority__status__in=PUBLIC_STATUSES,
            priority__is_hidden=False,
        )
        .select_related("priority")
        .order_by("-created_at"),
        MEMBER_LIMIT,
    )
    return {
        "member": member,
        "proposed": proposed,
        "proposed_total": proposed_total,
        "supported": [vote.priority for vote in supported],
        "supported_total": supported_total,
    }
