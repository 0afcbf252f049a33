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
