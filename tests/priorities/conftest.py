import pytest

from portal.models import StakeholderGroup
from tests.factories import UserFactory

from .factories import PriorityFactory, TopicFactory


@pytest.fixture
def topic(db):
    return TopicFactory(name="Prevention", slug="prevention")


@pytest.fixture
def priority(db, topic):
    return PriorityFactory(topic=topic)


@pytest.fixture
def make_member(db):
    """make_member("family") -> a new verified member of that group."""

    def _make(group: str = StakeholderGroup.FAMILY, **kwargs):
        return UserFactory(stakeholder_group=group, **kwargs)

    return _make


@pytest.fixture(autouse=True)
def _real_anon_throttle_rate(monkeypatch):
    """Undo a low anonymous API rate another app's test may leave on the class.

    tests/portal/test_api_base.py restores AnonRateThrottle.THROTTLE_RATES while
    its settings override is still active, so it restores "3/min".
    """
    from django.conf import settings
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(
        AnonRateThrottle,
        "THROTTLE_RATES",
        dict(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]),
    )
