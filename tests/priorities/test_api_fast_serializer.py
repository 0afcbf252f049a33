"""The hand-written priority representation equals DRF's generic one."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from priorities.models import Priority, Status
from priorities.serializers import PrioritySerializer
from tests.factories import UserFactory

from .factories import PriorityFactory

pytestmark = pytest.mark.django_db


def _generic(instance, context):
    # What ModelSerializer builds from the declared fields.
    return serializers.ModelSerializer.to_representation(
        PrioritySerializer(context=context), instance
    )


def test_fast_representation_matches_drf_for_varied_priorities():
    a = PriorityFactory(status=Status.PUBLISHED, description="**bold** <b>x</b>")
    b = PriorityFactory(status=Status.SHORTLISTED)
    Priority.objects.filter(pk=b.pk).update(
        published_at=timezone.now() - timedelta(days=3),
        edited_at=timezone.now(),
        balanced_score=0.125,
        supporters_family=3,
        supporters_total=3,
        stance_against=2,
        is_hidden=True,
    )
    merged = PriorityFactory(author=UserFactory(display_name=""))
    Priority.objects.filter(pk=merged.pk).update(status=Status.MERGED, merged_into=a)
    request = APIRequestFactory().get("/api/v1/priorities/")
    context = {"request": request}
    rows = Priority.objects.with_related().with_evidence().order_by("pk")
    for priority in rows:
        fast = PrioritySerializer(priority, context=context).data
        assert fast == _generic(priority, context)
    # And without a request (as in merge results), paths rather than URLs.
    priority = rows.get(pk=a.pk)
    assert PrioritySerializer(priority).data == _generic(priority, {})
