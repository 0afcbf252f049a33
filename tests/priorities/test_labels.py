"""Cards show the same status and group labels as Django's own get_FOO_display."""

import pytest
from django.db.models import Model
from django.utils import translation

from discussion.models import Comment, Stance
from portal.models import StakeholderGroup
from priorities.models import Priority, Status


def _django_label(instance, field: str) -> str:
    # Django's generated method, bypassing the model's faster override.
    return Model._get_FIELD_display(instance, instance._meta.get_field(field))


@pytest.mark.parametrize("status", [*Status.values, "unknown"])
def test_priority_status_label_is_djangos(status):
    priority = Priority(status=status)
    assert priority.get_status_display() == _django_label(priority, "status")


@pytest.mark.parametrize("group", [*StakeholderGroup.values, ""])
def test_group_and_stance_labels_are_djangos(group):
    comment = Comment(author_group=group, stance=Stance.values[0])
    priority = Priority(author_group=group)
    assert comment.get_author_group_display() == _django_label(comment, "author_group")
    assert priority.get_author_group_display() == _django_label(
        priority, "author_group"
    )
    comment.stance = ""
    assert comment.get_stance_display() == _django_label(comment, "stance") == ""


def test_labels_follow_the_active_language():
    priority = Priority(status=Status.values[0])
    with translation.override("es"):
        spanish = priority.get_status_display()
        assert spanish == _django_label(priority, "status")
    assert priority.get_status_display() == _django_label(priority, "status")
