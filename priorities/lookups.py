"""The one way to fetch a priority for a member, for every app's pages and API."""

from django.shortcuts import get_object_or_404

from .models import Priority


def visible_priority_or_404(user, pk) -> Priority:
    """The priority `user` may see (Priority.objects.visible_to), else Http404.

    A draft or hidden priority answers 404 to those who may not see it, so its
    existence is not revealed.
    """
    return get_object_or_404(
        Priority.objects.visible_to(user).select_related(
            "topic", "author", "merged_into"
        ),
        pk=pk,
    )
