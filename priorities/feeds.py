"""Atom feeds of research priorities (Django's syndication framework).

Only what the public listing shows: published, shortlisted or answered and not
hidden (Priority.objects.public()). No author, e-mail address or staff note
goes out: a status change carries its new status and the public reason that the
priority's timeline shows.
"""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Priority, StatusChange

FEED_LENGTH = 30


class NewPrioritiesFeed(Feed):
    """The newest public priorities, most recently published first."""

    feed_type = Atom1Feed
    title = gettext_lazy("New research priorities on NEC")
    subtitle = gettext_lazy(
        "Research questions about necrotizing enterocolitis proposed by families, "
        "clinicians and researchers, as they are published."
    )

    def link(self) -> str:
        return reverse("priorities:list")

    def items(self):
        return (
            Priority.objects.public()
            .select_related("topic")
            .order_by(F("published_at").desc(nulls_last=True), "-created_at", "-pk")[
                :FEED_LENGTH
            ]
        )

    def item_title(self, item: Priority) -> str:
        return item.title

    def item_description(self, item: Priority) -> str:
        return Truncator(item.description).words(80)

    def item_pubdate(self, item: Priority):
        return item.published_at or item.created_at

    def item_updateddate(self, item: Priority):
        return item.status_changed_at

    def item_categories(self, item: Priority) -> list[str]:
        return [item.topic.name]


class PriorityStatusFeed(Feed):
    """The status changes of one public priority: its timeline as a feed."""

    feed_type = Atom1Feed

    def get_object(self, request, pk: int) -> Priority:
        return get_object_or_404(Priority.objects.public(), pk=pk)

    def title(self, obj: Priority) -> str:
        return _("Status of “%(title)s”") % {"title": obj.title}

    def subtitle(self, obj: Priority) -> str:
        return _("Each change in the status of this research priority.")

    def link(self, obj: Priority) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Priority):
        return StatusChange.objects.filter(priority=obj).order_by("-created_at", "-pk")[
            :FEED_LENGTH
        ]

    def item_title(self, item: StatusChange) -> str:
        return _("Now: %(status)s") % {"status": item.get_to_status_display()}

    def item_description(self, item: StatusChange) -> str:
        return item.reason or item.get_to_status_display()

    def item_link(self, item: StatusChange) -> str:
        return f"{item.priority.get_absolute_url()}#timeline-title"

    def item_guid(self, item: StatusChange) -> str:
        # Atom ids must be absolute and stable: a URN per status change.
        return f"urn:nec-portal:status-change:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: StatusChange):
        return item.created_at
