"""A partner profile lists the research priorities the researcher proposed and supports.

Only what the public may see is listed (published, shortlisted, answered; not
hidden), whoever looks; the lists are capped and cost one query each.
"""

import pytest

from portal.models import StakeholderGroup as G
from priorities import voting
from priorities.models import Priority, Status
from tests.factories import UserFactory
from tests.priorities.factories import PriorityFactory, TopicFactory

from .factories import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(db):
    return TopicFactory(name="Prevention", slug="prevention")


def _page(client, partner) -> str:
    response = client.get(f"/partners/{partner.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_profile_lists_proposed_and_supported_public_priorities(client, partner, topic):
    mine = PriorityFactory(topic=topic, author=partner.user, title="My own question?")
    answered = PriorityFactory(
        topic=topic,
        author=partner.user,
        title="My answered question?",
        status=Status.ANSWERED,
    )
    theirs = PriorityFactory(topic=topic, title="Someone else's question?")
    voting.vote_cast(user=partner.user, priority=theirs)
    voting.vote_cast(user=UserFactory(stakeholder_group=G.FAMILY), priority=mine)
    html = _page(client, partner)
    assert "Research priorities" in html
    proposed = html[html.index(">Proposed<") : html.index(">Supports<")]
    supported = html[html.index(">Supports<") :]
    assert f'href="{mine.get_absolute_url()}"' in proposed
    assert f'href="{answered.get_absolute_url()}"' in proposed
    assert "1 supporter<" in proposed or "1 supporter\n" in proposed
    assert f'href="{theirs.get_absolute_url()}"' in supported
    assert "Answered by existing evidence" in proposed


@pytest.mark.parametrize(
    "status", [Status.PENDING, Status.DECLINED, Status.WITHDRAWN, Status.MERGED]
)
def test_priorities_the_public_cannot_see_never_show(
    client, client_for, moderator, partner, topic, status
):
    target = PriorityFactory(topic=topic)
    PriorityFactory(
        topic=topic,
        author=partner.user,
        title="Not public proposal?",
        status=status,
        merged_into=target if status == Status.MERGED else None,
    )
    hidden = PriorityFactory(
        topic=topic, author=partner.user, title="Hidden proposal?", is_hidden=False
    )
    voting.vote_cast(user=partner.user, priority=hidden)
    supported_then_hidden = PriorityFactory(topic=topic, title="Hidden supported?")
    voting.vote_cast(user=partner.user, priority=supported_then_hidden)
    Priority.objects.filter(pk__in=[hidden.pk, supported_then_hidden.pk]).update(
        is_hidden=True
    )
    # Not even the owner or staff see them here: it is the public profile.
    for viewer in (client, client_for(partner.user), client_for(moderator)):
        html = _page(viewer, partner)
        assert "Not public proposal?" not in html
        assert "Hidden proposal?" not in html
        assert "Hidden supported?" not in html
        assert 'id="member-priorities-title"' not in html


def test_profile_without_priorities_has_no_section(client, partner):
    assert 'id="member-priorities-title"' not in _page(client, partner)


def test_lists_are_capped_with_a_count(client, partner, topic):
    for priority in PriorityFactory.create_batch(12, topic=topic, author=partner.user):
        voting.vote_cast(user=partner.user, priority=priority)
    for priority in PriorityFactory.create_batch(3, topic=topic):
        voting.vote_cast(user=partner.user, priority=priority)
    html = _page(client, partner)
    assert "The 10 most supported of 12." in html
    assert "The 10 most recent of 15." in html
    section = html[html.index('id="member-priorities-title"') :]
    section = section[: section.index("</section>")]
    assert section.count("<li>") == 20


def test_no_private_details_leak(client, partner, topic):
    PriorityFactory(topic=topic, author=partner.user)
    html = _page(client, partner)
    assert partner.user.email not in html
    assert "ada.quill.private" not in html


def test_profile_query_count_does_not_grow_with_priorities(
    client, partner, topic, django_assert_max_num_queries
):
    first = PriorityFactory(topic=topic, author=partner.user)
    voting.vote_cast(user=partner.user, priority=first)
    url = f"/partners/{partner.pk}/"
    # partner + user + institution, areas, publications, proposed, supported.
    with django_assert_max_num_queries(5) as few:
        assert client.get(url).status_code == 200
    for priority in PriorityFactory.create_batch(15, topic=topic, author=partner.user):
        voting.vote_cast(user=partner.user, priority=priority)
    for priority in PriorityFactory.create_batch(15, topic=topic):
        voting.vote_cast(user=partner.user, priority=priority)
    with django_assert_max_num_queries(5) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_profile_of_another_partner_shows_only_their_own(client, partner, topic):
    other = PartnerFactory()
    PriorityFactory(topic=topic, author=other.user, title="The other partner question?")
    assert "The other partner question?" not in _page(client, partner)
    assert "The other partner question?" in _page(client, other)
