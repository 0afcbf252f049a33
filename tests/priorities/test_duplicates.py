"""The staff page of possible duplicates: merge, or remember "not a duplicate"."""

import pytest

from priorities import duplicates
from priorities.models import DuplicateDismissal, Priority, Status

from .factories import PriorityFactory

pytestmark = pytest.mark.django_db

PAGE = "/priorities/moderation/duplicates/"


@pytest.fixture
def twins(topic):
    original = PriorityFactory(
        topic=topic,
        title="Which probiotic strains prevent NEC in extremely preterm infants?",
        supporters_total=3,
    )
    paraphrase = PriorityFactory(
        topic=topic,
        title="Do probiotics prevent NEC in premature babies?",
        status=Status.PENDING,
    )
    other = PriorityFactory(
        topic=topic, title="When is a peritoneal drain better than laparotomy?"
    )
    return original, paraphrase, other


def test_groups_pair_the_paraphrase_with_its_original(twins):
    original, paraphrase, _other = twins
    groups = duplicates.duplicate_groups()
    assert [g.priorities for g in groups] == [[original, paraphrase]]
    assert 0 < groups[0].score <= 1
    # Only the published one can be a target: the pending one merges into it.
    assert groups[0].merges == [(paraphrase, [original])]


def test_page_lists_groups_and_merge_goes_through_the_service(
    client_for, moderator, twins
):
    original, paraphrase, _other = twins
    client = client_for(moderator)
    html = client.get(PAGE).content.decode()
    assert paraphrase.title in html and original.title in html
    assert "laparotomy" not in html
    response = client.post(
        f"/priorities/{paraphrase.pk}/merge/",
        {
            f"merge-{paraphrase.pk}-target": original.pk,
            f"merge-{paraphrase.pk}-reason": "Same question.",
            "next": PAGE,
        },
    )
    assert response.status_code == 302
    paraphrase.refresh_from_db()
    assert paraphrase.status == Status.MERGED
    assert paraphrase.merged_into == original
    assert "No possible duplicates" in client.get(PAGE).content.decode()


def test_not_a_duplicate_is_remembered(client_for, moderator, twins):
    original, paraphrase, _other = twins
    client = client_for(moderator)
    response = client.post(
        f"{PAGE}dismiss/", {"priority": [paraphrase.pk, original.pk]}
    )
    assert response.status_code == 302
    pair = DuplicateDismissal.objects.get()
    assert (pair.first, pair.second) == (original, paraphrase)
    assert pair.dismissed_by == moderator
    assert duplicates.duplicate_groups() == []
    # Twice is harmless.
    client.post(f"{PAGE}dismiss/", {"priority": [paraphrase.pk, original.pk]})
    assert DuplicateDismissal.objects.count() == 1
    assert Priority.objects.filter(status=Status.MERGED).count() == 0


def test_dismissing_needs_two_priorities(client_for, moderator, twins):
    client = client_for(moderator)
    response = client.post(f"{PAGE}dismiss/", {"priority": [twins[0].pk, "x"]})
    assert response.status_code == 302
    assert not DuplicateDismissal.objects.exists()


def test_merge_form_offers_targets_found_by_search(client_for, moderator, twins):
    original, paraphrase, other = twins
    client = client_for(moderator)
    html = client.get(f"/priorities/{paraphrase.pk}/").content.decode()
    # Without a search: the engine's candidates for this question, as choices.
    assert f'name="merge-{paraphrase.pk}-target" value="{original.pk}"' in html
    html = client.get(
        f"/priorities/{paraphrase.pk}/", {"merge_q": "peritoneal drain laparotomy"}
    ).content.decode()
    assert f'name="merge-{paraphrase.pk}-target" value="{other.pk}"' in html
    assert "Number of the priority" not in html


def test_the_queue_sends_staff_to_the_search(client_for, moderator, twins):
    _original, paraphrase, _other = twins
    html = client_for(moderator).get("/priorities/moderation/").content.decode()
    assert f"/priorities/{paraphrase.pk}/#merge-q" in html
