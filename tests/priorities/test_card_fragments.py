"""The list's cards share their main part between readers (the cache tag in
templates/priorities/_priority_card.html) and are never stale."""

import re

import pytest

from priorities.models import Status

from .factories import PriorityFactory, TagFactory

pytestmark = pytest.mark.django_db


def card(html: str, pk: int) -> str:
    match = re.search(rf'<article[^>]*id="priority-{pk}".*?</article>', html, re.S)
    assert match, f"no card for {pk}"
    return match.group(0)


def test_a_second_reader_gets_the_shared_part_with_their_own_button(
    client_for, topic, family, clinician, django_assert_max_num_queries
):
    priority = PriorityFactory(topic=topic)
    client_for(family).post(f"/priorities/{priority.pk}/vote/", {"action": "support"})
    first = card(client_for(family).get("/priorities/").content.decode(), priority.pk)
    assert "Supported · withdraw" in first
    second = card(
        client_for(clinician).get("/priorities/").content.decode(), priority.pk
    )
    assert "Supported · withdraw" not in second and ">Support<" in second
    # The shared part is the same for both.
    shared = re.compile(r'<div class="priority-card-main">.*?</div>', re.S)
    assert shared.search(first).group(0) == shared.search(second).group(0)


def test_new_counts_show_at_once(client_for, topic, family, clinician):
    priority = PriorityFactory(topic=topic)
    reader = client_for(clinician)
    before = card(reader.get("/priorities/").content.decode(), priority.pk)
    assert "families 0" in before
    client_for(family).post(f"/priorities/{priority.pk}/vote/", {"action": "support"})
    after = card(
        client_for(clinician).get("/priorities/").content.decode(), priority.pk
    )
    assert "families 1" in after


def test_a_new_title_tag_or_status_shows_at_once(client, topic):
    priority = PriorityFactory(topic=topic, title="Old wording of the question?")
    client.get("/priorities/")
    priority.title = "New wording of the question?"
    priority.save()
    assert "New wording of the question?" in client.get("/priorities/").content.decode()
    priority.tags.add(TagFactory(name="donor milk", slug="donor-milk"))
    assert "donor milk" in card(
        client.get("/priorities/").content.decode(), priority.pk
    )
    priority.status = Status.SHORTLISTED
    priority.save()
    assert "Shortlisted" in card(
        client.get("/priorities/").content.decode(), priority.pk
    )


def test_each_language_has_its_own_fragment(client, topic):
    priority = PriorityFactory(topic=topic)
    client.get("/priorities/")
    spanish = card(client.get("/es/priorities/").content.decode(), priority.pk)
    assert "familias" in spanish and "families" not in spanish
