import pytest

from .factories import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def reporter(db):
    """Staff holding the reports permission, and nothing else."""
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(is_staff=True, display_name="Report reader")
    user.user_permissions.add(Permission.objects.get(codename="view_reports"))
    return user
