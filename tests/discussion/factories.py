"""Factories for the discussion tests (flags, follows, notifications)."""

import factory

from discussion.models import Flag, FlagReason, Follow, Notification
from tests.factories import UserFactory
from tests.priorities.factories import CommentFactory, PriorityFactory

__all__ = [
    "CommentFactory",
    "FlagFactory",
    "FollowFactory",
    "NotificationFactory",
    "PriorityFactory",
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
