"""sitemap.xml (Django's sitemaps framework): public pages only, each in English
and Spanish with hreflang alternates (portal.i18n.BilingualSitemap).

Static pages, then what anyone may read: public priorities, listed partners,
published evidence and recommendations. Staff, account, API and moderation
pages are left out (robots.txt disallows them too).
"""

from django.urls import reverse

from partners.models import Partner
from priorities.models import Priority
from research.models import Factor, Recommendation

from .i18n import BilingualSitemap

PUBLIC_PAGES = [
    "home",
    "about",
    "families",
    "clinicians",
    "researchers",
    "faq",
    "webinars",
    "contact",
    "privacy",
    "priorities:list",
    "partners:directory",
    "research:index",
    "research:recommendations",
]


class PublicPagesSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return PUBLIC_PAGES

    def location(self, item: str) -> str:
        return reverse(item)


class PrioritySitemap(BilingualSitemap):
    changefreq = "daily"

    def items(self):
        return Priority.objects.public().order_by("pk")

    def lastmod(self, item: Priority):
        return item.last_activity_at


class PartnerSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return Partner.objects.listed().order_by("pk")

    def lastmod(self, item: Partner):
        return item.updated_at


class FactorSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return Factor.objects.published().order_by("pk")

    def lastmod(self, item: Factor):
        return item.current_version.published_at


class RecommendationSitemap(BilingualSitemap):
    changefreq = "monthly"

    def items(self):
        return Recommendation.objects.published().order_by("pk")

    def lastmod(self, item: Recommendation):
        return item.updated_at


SITEMAPS = {
    "pages": PublicPagesSitemap,
    "priorities": PrioritySitemap,
    "partners": PartnerSitemap,
    "evidence": FactorSitemap,
    "recommendations": RecommendationSitemap,
}
