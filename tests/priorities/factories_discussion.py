"""Factories and fixtures for the discussion tests.

`detail_url` makes `priorities:detail` resolvable while the priority pages (the
other half of the app) are not in this branch: when the real URL exists it does
nothing, otherwise it installs a stand-in page that renders the discussion
section, so redirects and links can be followed end to end.
"""

import factory
import pytest
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import NoReverseMatch, clear_url_caches, include, path, reverse

from priorities.models import Flag, FlagReason, Follow, Notification, Priority
from tests.factories import UserFactory
from tests.priorities.factories import CommentFactory, PriorityFactory

__all__ = [
    "CommentFactory",
    "FlagFactory",
    "FollowFactory",
    "NotificationFactory",
    "PriorityFactory",
    "detail_url",
]


class FlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Flag

    user = factory.SubFactory(UserFactory)
    comment = factory.SubFactory(CommentFactory)
    reason = FlagReason.SPAM


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)
    priority = factory.SubFactory(PriorityFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "comment"
    key = factory.Sequence(lambda n: f"test:{n}")
    message = "Someone commented on a priority you follow"


_PAGE = Template(
    "{% load discussion %}<h1>{{ priority.title }}</h1>"
    "{% discussion_section priority %}"
)


def _stand_in_detail(request, pk):
    priority = Priority.objects.get(pk=pk)
    return HttpResponse(_PAGE.render(RequestContext(request, {"priority": priority})))


def _stand_in_urlconf():
    import types

    from portal import urls as portal_urls
    from priorities import urls as priority_urls

    module = types.ModuleType("discussion_test_urls")
    module.urlpatterns = [
        path(
            "priorities/",
            include(
                (
                    [
                        path("<int:pk>/", _stand_in_detail, name="detail"),
                        *priority_urls.urlpatterns,
                    ],
                    "priorities",
                ),
                namespace="priorities",
            ),
        ),
        *[
            p
            for p in portal_urls.urlpatterns
            if getattr(p, "namespace", None) != "priorities"
        ],
    ]
    return module


@pytest.fixture
def detail_url(settings):
    try:
        reverse("priorities:detail", args=[1])
    except NoReverseMatch:
        import sys

        module = _stand_in_urlconf()
        sys.modules[module.__name__] = module
        settings.ROOT_URLCONF = module.__name__
        clear_url_caches()
        yield
        clear_url_caches()
        return
    yield
