"""The public partner listing leaves out inactive and deleted members without
joining every member row."""

import pytest
from django.db import connection
from django.utils import timezone

from partners.models import Partner, PartnerStatus

from .factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_listed_keeps_verified_profiles_of_active_members_only():
    shown = PartnerFactory()
    inactive = PartnerFactory(user__is_active=False)
    deleted = PartnerFactory(user__deleted_at=timezone.now())
    pending = PartnerFactory(status=PartnerStatus.PENDING)
    listed = set(Partner.objects.listed())
    assert shown in listed
    assert not listed & {inactive, deleted, pending}


def test_listed_does_not_join_the_user_table():
    sql = str(Partner.objects.listed().query)
    assert "JOIN" not in sql.upper()


@pytest.mark.postgres
def test_the_inactive_members_index_exists():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = "
            "'user_inactive_or_deleted'"
        )
        (definition,) = cursor.fetchone()
    assert "deleted_at IS NOT NULL" in definition
