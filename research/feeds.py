"""Atom feed of updated evidence (Django's syndication framework).

Each published version of a factor's summary and each published practice
recommendation, newest first. Only published material; authors' and reviewers'
accounts never appear (a version names no one here).
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Recommendation, SummaryVersion

FEED_LENGTH = 30


class EvidenceUpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Updated NEC evidence")
    subtitle = gettext_lazy(
        "New and revised evidence summaries and practice recommendations on "
        "necrotizing enterocolitis."
    )

    def link(self) -> str:
        return reverse("research:index")

    def items(self) -> list:
        versions = (
            SummaryVersion.objects.filter(
                summary__factor__current_version__isnull=False
            )
            .select_related("summary__factor")
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )
        recommendations = Recommendation.objects.published().order_by(
            "-updated_at", "-pk"
        )[:FEED_LENGTH]
        found = [*versions, *recommendations]
        found.sort(key=self.item_updateddate, reverse=True)
        return found[:FEED_LENGTH]

    def item_title(self, item) -> str:
        if isinstance(item, Recommendation):
            return _("Recommendation: %(title)s") % {"title": item.title}
        return _("%(factor)s: evidence summary, version %(number)s") % {
            "factor": item.factor_name,
            "number": item.number,
        }

    def item_description(self, item) -> str:
        if isinstance(item, Recommendation):
            return item.summary
        text = item.change_note or item.plain_summary
        return Truncator(text).words(80)

    def item_link(self, item) -> str:
        if isinstance(item, Recommendation):
            return item.get_absolute_url()
        return item.summary.factor.get_absolute_url()

    def item_guid(self, item) -> str:
        # Atom ids must be absolute and stable: a URN per published version.
        if isinstance(item, Recommendation):
            stamp = f"{item.updated_at:%Y%m%dT%H%M%S}"
            return f"urn:nec-portal:recommendation:{item.pk}:{stamp}"
        return f"urn:nec-portal:summary-version:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        if isinstance(item, Recommendation):
            return item.updated_at
        return item.published_at
