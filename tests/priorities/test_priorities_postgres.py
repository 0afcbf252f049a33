"""PostgreSQL-only behaviour: full-text search with stemming, trigram similarity."""

import pytest

from priorities import similarity
from priorities.models import Priority

from .factories import PriorityFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_full_text_search_matches_word_forms(topic):
    fed = PriorityFactory(topic=topic, title="Are slower feeding advances safer?")
    PriorityFactory(topic=topic, title="Is surgery better than a drain?")
    assert list(Priority.objects.search("feeds")) == [fed]
    assert list(Priority.objects.search('"feeding advances" -surgery')) == [fed]


def test_trigram_similarity_finds_reworded_questions(topic):
    existing = PriorityFactory(
        topic=topic, title="Does donor milk fortifier reduce NEC in preterm babies?"
    )
    PriorityFactory(topic=topic, title="When should babies have surgery?")
    found = similarity.similar("donor milk fortifiers reduce NEC?")
    assert [p for p, _score in found] == [existing]
    assert found[0][1] > 0.3
