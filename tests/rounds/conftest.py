import pytest

from portal.models import StakeholderGroup
from tests.factories import UserFactory


@pytest.fixture
def staff(db):
    return UserFactory(
        stakeholder_group=StakeholderGroup.OTHER, is_staff=True, is_superuser=True
    )
