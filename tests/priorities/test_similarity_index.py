"""The stored similarity index: kept right by every priority write, rebuilt when
staff change the vocabulary, and giving the scores of scoring every priority."""

import random

import pytest

from portal.models import StakeholderGroup as G
from priorities import merging, services, similarity
from priorities.models import (
    Priority,
    SimilarityDocument,
    SimilarityState,
    SimilarityTerm,
    Status,
    SynonymGroup,
)
from priorities.similarity import store
from priorities.tasks import rebuild_similarity_index

from .factories import PriorityFactory
from .test_similarity import PROBIOTICS

pytestmark = pytest.mark.django_db

QUERY = "Do probiotics prevent NEC in premature babies?"


def found(text: str = QUERY) -> list[Priority]:
    return [p for p, _score in similarity.similar(text)]


@pytest.fixture
def others(topic):
    """Published priorities on other subjects, so the corpus is not trivial."""
    titles = [
        "When is a peritoneal drain better than laparotomy?",
        "How fast should milk feeds be advanced after birth?",
        "Should feeds be stopped during red cell transfusion?",
        "Does donor milk reduce NEC compared with formula?",
        "How should parents be supported after NEC surgery?",
    ]
    return [PriorityFactory(topic=topic, title=t) for t in titles]


def test_a_new_priority_is_found_once_published_and_not_before(
    others, topic, make_member, moderator
):
    assert found() == []  # the index is built here, on the first query
    author = make_member(G.FAMILY)
    pending = services.priority_submit(
        author=author, title=PROBIOTICS, description="Strains differ.", topic=topic
    )
    assert pending.status == Status.PENDING
    assert pending not in found()
    services.priority_transition(
        priority=pending, actor=moderator, to_status=Status.PUBLISHED
    )
    assert found()[0] == pending


def test_a_trusted_members_proposal_is_found_at_once(others, topic, make_member):
    assert found() == []
    author = make_member(G.CLINICIAN, is_trusted=True)
    priority = services.priority_submit(
        author=author,
        title=PROBIOTICS,
        description="Trials used different strains.",
        topic=topic,
    )
    assert priority.status == Status.PUBLISHED
    assert found()[0] == priority


@pytest.mark.parametrize("status", [Status.DECLINED, Status.WITHDRAWN])
def test_a_priority_leaving_the_public_is_not_found(others, topic, moderator, status):
    priority = PriorityFactory(topic=topic, title=PROBIOTICS)
    assert found()[0] == priority
    actor = priority.author if status == Status.WITHDRAWN else moderator
    services.priority_transition(
        priority=priority, actor=actor, to_status=status, reason="Not in scope."
    )
    assert priority not in found()
    assert not SimilarityDocument.objects.filter(priority=priority).exists()


def test_a_merged_priority_is_not_found_and_its_target_is(others, topic, moderator):
    source = PriorityFactory(topic=topic, title=PROBIOTICS)
    target = PriorityFactory(
        topic=topic, title="Do probiotics prevent NEC in preterm infants?"
    )
    assert set(found()[:2]) == {source, target}
    merging.priority_merge(
        source=source, target=target, actor=moderator, reason="Same question."
    )
    assert source not in found()
    assert target in found()


def test_an_edit_changes_what_the_priority_is_found_by(others, topic, moderator):
    priority = PriorityFactory(topic=topic, title="Does caffeine affect NEC?")
    assert priority not in found()
    services.priority_edit(
        priority=priority,
        editor=moderator,
        title=PROBIOTICS,
        description="Strains differ.",
    )
    assert found()[0] == priority
    services.priority_edit(
        priority=priority,
        editor=moderator,
        title="Does caffeine for apnoea affect the bowel?",
        description="Units use it for weeks.",
    )
    assert priority not in found()
    assert found("caffeine for apnoea and the bowel")[0] == priority


def test_document_counts_follow_the_writes(others, topic, moderator):
    found()
    priority = PriorityFactory(topic=topic, title=PROBIOTICS)
    state = SimilarityState.objects.get()
    assert state.documents == Priority.objects.public().count() == 6
    assert SimilarityTerm.objects.get(token="~probiotic").documents == 1
    services.priority_transition(
        priority=priority, actor=moderator, to_status=Status.DECLINED, reason="No."
    )
    state.refresh_from_db()
    assert state.documents == 5
    assert not SimilarityTerm.objects.filter(token="~probiotic").exists()
    # What a rebuild counts is what the writes counted.
    before = dict(SimilarityTerm.objects.values_list("token", "documents"))
    store.rebuild()
    assert dict(SimilarityTerm.objects.values_list("token", "documents")) == before


def test_a_vocabulary_change_in_the_admin_rebuilds_the_index(
    others, topic, client_for, moderator, django_capture_on_commit_callbacks
):
    priority = PriorityFactory(topic=topic, title=PROBIOTICS)
    query = "Do friendly bacteria capsules stop NEC in tiny babies?"
    assert priority not in found(query)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(moderator).post(
            "/staff/priorities/synonymgroup/add/",
            {"words": "probiotic, friendly bacteria", "note": ""},
        )
    assert response.status_code == 302
    assert len(callbacks) == 1  # the rebuild, queued once committed
    assert found(query)[0] == priority
    group = SynonymGroup.objects.get(words__startswith="probiotic, friendly")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(moderator).post(
            f"/staff/priorities/synonymgroup/{group.pk}/delete/", {"post": "yes"}
        )
    assert not SynonymGroup.objects.filter(pk=group.pk).exists()
    assert priority not in found(query)


def test_the_rebuild_task_is_safe_to_run_twice(others):
    assert rebuild_similarity_index() is True  # never built: builds
    version = SimilarityState.objects.get().version
    assert rebuild_similarity_index() is False  # vocabulary unchanged: nothing
    assert SimilarityState.objects.get().version == version
    assert rebuild_similarity_index(force=True) is True
    assert rebuild_similarity_index(force=True) is True
    state = SimilarityState.objects.get()
    assert state.documents == SimilarityDocument.objects.count() == len(others)


def test_scores_equal_those_of_scoring_every_priority(topic):
    """The candidates looked up in SQL lose nothing: the same results and
    scores as the in-memory index over every public priority."""
    rng = random.Random(5)
    subjects = [
        "probiotics",
        "donor milk",
        "skin-to-skin care",
        "ranitidine",
        "red cell transfusion",
        "a peritoneal drain",
        "abdominal ultrasound",
        "caffeine",
        "delayed cord clamping",
        "hand hygiene",
    ]
    outcomes = ["NEC", "sepsis", "growth", "bowel perforation", "parents' stress"]
    for _ in range(80):
        PriorityFactory(
            topic=topic,
            title=f"Does {rng.choice(subjects)} change {rng.choice(outcomes)} "
            f"in {rng.choice(['premature babies', 'twins', 'tiny babies'])}?",
            description=f"Units differ about {rng.choice(subjects)}.",
        )
    PriorityFactory(topic=topic, title="A hidden one about probiotics and NEC")
    Priority.objects.filter(title__startswith="A hidden").update(is_hidden=True)
    store.refresh(Priority.objects.values_list("pk", flat=True))
    rows = Priority.objects.public().values_list("pk", "title", "description")
    index = similarity.Index(rows, similarity.Vocabulary.load())
    queries = [f"Could {s} prevent {o}?" for s in subjects for o in outcomes]
    for text in [*queries, QUERY, "siblings on the unit"]:
        wanted = index.query(text)
        everything = sorted(
            (
                (-score, pk)
                for pk, vector in index.vectors.items()
                if (score := similarity.cosine(wanted, vector))
                >= similarity.DISPLAY_THRESHOLD
            ),
        )[:10]
        expected = [(pk, round(-s, 4)) for s, pk in everything]
        assert [(p.pk, s) for p, s in similarity.similar(text, limit=10)] == expected


def test_pairs_equal_those_of_scoring_every_pair(topic):
    rng = random.Random(7)
    words = [
        "probiotic",
        "donor",
        "milk",
        "drain",
        "caffeine",
        "sepsis",
        "twins",
        "bowel",
        "gut",
        "feeds",
    ]
    items = [
        PriorityFactory.build(
            pk=n + 1,
            title=" ".join(rng.sample(words, 4)) + " NEC",
            description=" ".join(rng.sample(words, 3)),
        )
        for n in range(60)
    ]
    index = similarity.Index(
        ((p.pk, p.title, p.description) for p in items), similarity.Vocabulary.load()
    )
    for threshold in (0.14, 0.3, 0.6):
        every = sorted(
            (
                (-round(score, 4), a.pk, b.pk)
                for i, a in enumerate(items)
                for b in items[i + 1 :]
                if (
                    score := similarity.cosine(index.vectors[a.pk], index.vectors[b.pk])
                )
                >= threshold
            )
        )
        pairs = similarity.pair_scores(items, threshold=threshold)
        assert [(-s, a.pk, b.pk) for s, a, b in pairs] == every


def test_another_processs_write_is_seen(others, topic, moderator):
    """A process keeps the figures only with their version: a write made
    elsewhere (here: behind its back) changes the version it checks."""
    found()
    kept = store._snapshot
    priority = PriorityFactory(topic=topic, title=PROBIOTICS)
    assert store._snapshot is kept  # nothing told this process
    assert found()[0] == priority
    assert store._snapshot is not kept


def test_the_hint_needs_few_queries(
    client, others, topic, django_assert_max_num_queries
):
    PriorityFactory(topic=topic, title=PROBIOTICS)
    found()  # this process has read the figures
    with django_assert_max_num_queries(5):
        assert similarity.similar(QUERY)
    with django_assert_max_num_queries(12):
        response = client.get("/priorities/similar/", {"title": QUERY})
    assert "Which probiotic strains" in response.content.decode()
