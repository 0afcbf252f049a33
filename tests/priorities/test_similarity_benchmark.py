"""The engine against the labelled paraphrase set, on the database under test."""

import pytest

from portal.models import StakeholderGroup
from tests.factories import UserFactory

from . import labelled_set

pytestmark = pytest.mark.django_db


def test_paraphrases_are_found_and_unrelated_questions_are_not(topic):
    data = labelled_set.load()
    assert len(data["pairs"]) >= 60 and len(data["unrelated"]) >= 30
    author = UserFactory(stakeholder_group=StakeholderGroup.RESEARCHER)
    priorities = labelled_set.create_priorities(data, topic=topic, author=author)
    figures = labelled_set.measure(data, priorities)
    assert figures.recall_at_5 >= 0.85, figures.misses
    assert figures.false_match_rate <= 0.05, figures.false_matches
