from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from priorities.feeds import NewPrioritiesFeed, PriorityStatusFeed
from research.feeds import EvidenceUpdatesFeed

from . import site_files, views
from .api import APIRootView
from .api_docs import SwaggerView
from .sitemaps import SITEMAPS

admin.site.site_header = _("NEC Research Priorities — staff")
admin.site.site_title = _("NEC portal staff")
admin.site.index_title = _("Moderation and content")

api_v1 = [
    path("", APIRootView.as_view(), name="api-root"),
    path("", include("portal.api_urls")),
    path("", include("partners.api_urls")),
    path("", include("priorities.api_urls")),
    path("", include("discussion.api_urls")),
    path("", include("research.api_urls")),
    path("", include("reports.api_urls")),
    path("", include("rounds.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # ReDoc cannot run under the site's CSP (portal/api_docs.py): old links land here.
    path("redoc/", RedirectView.as_view(pattern_name="api-docs"), name="api-redoc"),
]

# Pages families and members read: English at /…, Spanish at /es/… (portal/i18n.py).
pages = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("families/", views.AudienceView.as_view(audience="families"), name="families"),
    path(
        "clinicians/",
        views.AudienceView.as_view(audience="clinicians"),
        name="clinicians",
    ),
    path(
        "researchers/",
        views.AudienceView.as_view(audience="researchers"),
        name="researchers",
    ),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("faq/", views.FAQView.as_view(), name="faq"),
    path("contact/", views.contact, name="contact"),
    path("contact/thanks/", views.ContactThanksView.as_view(), name="contact_thanks"),
    path("webinars/", views.webinar_subscribe, name="webinars"),
    path(
        "webinars/confirm/<str:token>/", views.webinar_confirm, name="webinar_confirm"
    ),
    path(
        "webinars/unsubscribe/<str:token>/",
        views.webinar_unsubscribe,
        name="webinar_unsubscribe",
    ),
    path("account/profile/", views.profile, name="account_profile"),
    path("account/export/", views.account_export, name="account_export"),
    path("account/delete/", views.account_delete, name="account_delete"),
    path("account/", include("allauth.urls")),
    path("partners/", include("partners.urls")),
    path("priorities/", include("priorities.urls")),
    path("priorities/", include("discussion.urls")),
    # Before research.urls, whose <slug>/ would take "feed" for a factor.
    path("evidence/feed/", EvidenceUpdatesFeed(), name="evidence_feed"),
    path("evidence/", include("research.urls")),
    path("reports/", include("reports.urls")),
    path("rounds/", include("rounds.urls")),
    path("priorities/feed/", NewPrioritiesFeed(), name="priorities_feed"),
    path(
        "priorities/<int:pk>/feed/",
        PriorityStatusFeed(),
        name="priority_status_feed",
    ),
]

# Unprefixed: the API answers in the language of Accept-Language, the admin in
# the visitor's chosen language.
urlpatterns = [
    path("health/", views.health, name="health"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("api/v1/", include(api_v1)),
    # The discussion's admin pages lived under the priorities app until it became
    # an app of its own; links to them (in staff mail, bookmarks) still land.
    re_path(
        r"^staff/priorities/(?P<rest>(comment|flag|follow|moderationaction|"
        r"notification|notificationsettings)/.*)$",
        RedirectView.as_view(url="/staff/discussion/%(rest)s", query_string=True),
    ),
    path("staff/", admin.site.urls),
    # What visitors and their tools expect at known addresses (docs/portal.md).
    path("robots.txt", site_files.robots_txt, name="robots_txt"),
    path("favicon.ico", site_files.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    *i18n_patterns(*pages, prefix_default_language=False),
]
