"""Priorities cite evidence summaries; evidence pages list the priorities about them.

A link to a factor whose summary is not published must never show: not on the
priority page, not in the API. Priorities the public may not see (pending,
declined, withdrawn, hidden) must never show on an evidence page.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from discussion.models import Notification
from portal.models import StakeholderGroup as G
from portal.services import moderator_group
from priorities import evidence, voting
from priorities.models import EvidenceLink, EvidenceRelation, Status
from research import services as research_services
from tests.factories import UserFactory
from tests.research.factories import (
    EDITOR_PERMS,
    FindingFactory,
    SummaryFactory,
    staff_with,
)

from .factories import PriorityFactory, TopicFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/priorities/"
ANSWERS_LABEL = "Already answered by this evidence"
UNCERTAIN_LABEL = "Still uncertain: this evidence does not settle it"


@pytest.fixture
def editor(db):
    return staff_with(EDITOR_PERMS, display_name="Edna Editor")


@pytest.fixture
def reviewer(db):
    return staff_with(
        [*EDITOR_PERMS, "review_evidencesummary"], display_name="Rita Reviewer"
    )


@pytest.fixture
def make_factor(editor, reviewer):
    """make_factor(name, published=True) -> a factor, published through review."""

    def _make(name: str, *, published: bool = True):
        slug = name.lower().replace(" ", "-")
        summary = SummaryFactory(factor__name=name, factor__slug=slug)
        FindingFactory(summary=summary)
        if published:
            research_services.summary_submit_for_review(
                by=editor, summary=summary, reviewer=reviewer
            )
            research_services.summary_publish(by=reviewer, summary=summary)
        summary.factor.refresh_from_db()
        return summary.factor

    return _make


@pytest.fixture
def donor_milk(make_factor):
    return make_factor("Donor milk")


@pytest.fixture
def draft_factor(make_factor):
    return make_factor("Secret draft factor", published=False)


LINK_PERMS = ["add_evidencelink", "change_evidencelink", "delete_evidencelink"]


def linker(codenames=LINK_PERMS):
    """Staff (not a superuser) holding exactly these evidence-link permissions."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="priorities", codename__in=codenames
        )
    )
    return type(user).objects.get(pk=user.pk)


def link(priority, factor, relation=EvidenceRelation.UNCERTAIN, note="", actor=None):
    return evidence.evidence_link_set(
        priority=priority,
        factor=factor,
        relation=relation,
        note=note,
        actor=actor or linker(),
    )


# --- The priority page --------------------------------------------------------------


def test_priority_page_cites_published_evidence_with_relation_and_note(
    client, priority, donor_milk, make_factor
):
    probiotics = make_factor("Probiotics")
    link(priority, donor_milk, EvidenceRelation.UNCERTAIN, "Trials too small so far.")
    link(priority, probiotics, EvidenceRelation.ANSWERS)
    html = client.get(priority.get_absolute_url()).content.decode()
    assert "What the evidence says" in html
    assert f'href="{donor_milk.get_absolute_url()}"' in html
    assert f'href="{donor_milk.get_family_url()}"' in html
    assert f'href="{probiotics.get_absolute_url()}"' in html
    assert UNCERTAIN_LABEL in html
    assert ANSWERS_LABEL in html
    assert "Trials too small so far." in html
    # "Already answered" comes first.
    assert html.index(ANSWERS_LABEL) < html.index(UNCERTAIN_LABEL)


def test_draft_evidence_never_shows_on_the_priority_page(
    client_for, client, priority, draft_factor, moderator
):
    link(priority, draft_factor, note="Draft note")
    for viewer in (client, client_for(moderator)):
        html = viewer.get(priority.get_absolute_url()).content.decode()
        assert "Secret draft factor" not in html
        assert "Draft note" not in html
        assert "What the evidence says" not in html


def test_withdrawn_evidence_leaves_the_priority_page(
    client, priority, donor_milk, reviewer
):
    link(priority, donor_milk)
    assert "Donor milk" in client.get(priority.get_absolute_url()).content.decode()
    research_services.summary_withdraw(by=reviewer, summary=donor_milk.summary)
    assert "Donor milk" not in client.get(priority.get_absolute_url()).content.decode()


def test_priority_page_without_links_has_no_evidence_section(client, priority):
    html = client.get(priority.get_absolute_url()).content.decode()
    assert "What the evidence says" not in html


def test_priority_page_query_count_does_not_grow_with_links(
    client, family, priority, make_factor, django_assert_max_num_queries
):
    client.force_login(family)
    link(priority, make_factor("Factor one"))
    # A member's view: 10 before the links existed, plus the unread-notifications
    # badge in the header and the one query for the cited evidence.
    with django_assert_max_num_queries(12) as one:
        assert client.get(priority.get_absolute_url()).status_code == 200
    for n in range(8):
        link(priority, make_factor(f"Factor more {n}"), EvidenceRelation.ANSWERS)
    link(priority, make_factor("Drafty", published=False))
    with django_assert_max_num_queries(12) as nine:
        response = client.get(priority.get_absolute_url())
    assert len(response.context["evidence"]) == 9
    assert len(nine.captured_queries) == len(one.captured_queries)


# --- The evidence pages ---------------------------------------------------------------


@pytest.mark.parametrize("page", ["get_absolute_url", "get_family_url"])
def test_evidence_pages_list_public_priorities_about_the_factor(
    client, donor_milk, make_member, page
):
    topic = TopicFactory()
    open_one = PriorityFactory(topic=topic, title="Does donor milk help twins?")
    shortlisted = PriorityFactory(
        topic=topic, title="Donor milk banks in rural units?", status=Status.SHORTLISTED
    )
    answered = PriorityFactory(
        topic=topic, title="Is donor milk safer than formula?", status=Status.ANSWERED
    )
    unlinked = PriorityFactory(topic=topic, title="An unrelated question?")
    for member in (make_member(G.FAMILY), make_member(G.CLINICIAN)):
        voting.vote_cast(user=member, priority=open_one)
    link(open_one, donor_milk, EvidenceRelation.UNCERTAIN)
    link(shortlisted, donor_milk, EvidenceRelation.UNCERTAIN)
    link(answered, donor_milk, EvidenceRelation.ANSWERS)
    html = client.get(getattr(donor_milk, page)()).content.decode()
    assert "Research priorities about this evidence" in html
    for priority in (open_one, shortlisted, answered):
        assert f'href="{priority.get_absolute_url()}"' in html
    assert unlinked.title not in html
    assert "2 supporters" in html
    assert "0 supporters" in html
    assert ANSWERS_LABEL in html and UNCERTAIN_LABEL in html
    # Most supported first.
    assert html.index(open_one.title) < html.index(shortlisted.title)


@pytest.mark.parametrize(
    "status", [Status.PENDING, Status.DECLINED, Status.WITHDRAWN, Status.MERGED]
)
def test_priorities_the_public_cannot_see_never_show_on_evidence_pages(
    client, client_for, donor_milk, topic, moderator, status
):
    target = PriorityFactory(topic=topic)
    hidden = PriorityFactory(topic=topic, title="A hidden question?", is_hidden=True)
    other = PriorityFactory(
        topic=topic,
        title="A question not public?",
        status=status,
        merged_into=target if status == Status.MERGED else None,
    )
    link(hidden, donor_milk)
    link(other, donor_milk)
    # Not even staff see them here: the evidence page is a public page.
    for viewer in (client, client_for(moderator)):
        for url in (donor_milk.get_absolute_url(), donor_milk.get_family_url()):
            html = viewer.get(url).content.decode()
            assert "A hidden question?" not in html
            assert "A question not public?" not in html
            assert "Research priorities about this evidence" not in html


def test_evidence_page_query_count_does_not_grow_and_the_list_is_capped(
    client, donor_milk, topic, django_assert_max_num_queries
):
    link(PriorityFactory(topic=topic), donor_milk)
    url = donor_milk.get_absolute_url()
    # The factor with its version, findings, version history, linked priorities.
    with django_assert_max_num_queries(4) as one:
        assert client.get(url).status_code == 200
    for priority in PriorityFactory.create_batch(24, topic=topic):
        link(priority, donor_milk)
    with django_assert_max_num_queries(4) as many:
        response = client.get(url)
    assert len(many.captured_queries) == len(one.captured_queries)
    html = response.content.decode()
    assert html.count('class="badge relation-uncertain"') == 20
    assert "The 20 most supported of 25." in html


# --- The API --------------------------------------------------------------------------


def test_api_detail_lists_published_evidence_only(
    api_client, priority, donor_milk, draft_factor
):
    link(priority, donor_milk, EvidenceRelation.ANSWERS, "A large trial settled it.")
    link(priority, draft_factor)
    body = api_client.get(f"{API}{priority.pk}/").json()
    assert body["evidence"] == [
        {
            "slug": "donor-milk",
            "name": "Donor milk",
            "url": "http://testserver/evidence/donor-milk/",
            "relation": "answers",
            "note": "A large trial settled it.",
        }
    ]


def test_api_list_carries_evidence_without_more_queries(
    api_client, topic, make_factor, django_assert_max_num_queries
):
    first = PriorityFactory(topic=topic)
    link(first, make_factor("Listed factor"))
    # Count, page, tags, evidence (published factors, one prefetch).
    with django_assert_max_num_queries(4) as one:
        response = api_client.get(API)
    assert response.json()["results"][0]["evidence"][0]["slug"] == "listed-factor"
    draft = make_factor("Unlisted draft", published=False)
    for priority in PriorityFactory.create_batch(15, topic=topic):
        link(priority, make_factor(f"Many {priority.pk}"))
        link(priority, draft)
    with django_assert_max_num_queries(4) as many:
        response = api_client.get(API)
    assert len(many.captured_queries) == len(one.captured_queries)
    slugs = {e["slug"] for row in response.json()["results"] for e in row["evidence"]}
    assert "unlisted-draft" not in slugs
    assert len(slugs) == 16


def test_api_detail_without_links_has_an_empty_list(api_client, priority):
    assert api_client.get(f"{API}{priority.pk}/").json()["evidence"] == []


# --- Writing links: the service and the admin -----------------------------------------


def test_only_staff_may_link_evidence(priority, donor_milk, family, researcher):
    for member in (family, researcher, UserFactory(is_staff=True)):
        with pytest.raises(PermissionDenied):
            link(priority, donor_milk, actor=member)
    assert not EvidenceLink.objects.exists()


def test_each_link_change_needs_its_own_permission(priority, donor_milk):
    with pytest.raises(PermissionDenied):
        link(priority, donor_milk, actor=linker(["change_evidencelink"]))
    link(priority, donor_milk, actor=linker(["add_evidencelink"]))
    with pytest.raises(PermissionDenied):
        link(priority, donor_milk, note="Again.", actor=linker(["add_evidencelink"]))
    with pytest.raises(PermissionDenied):
        evidence.evidence_link_remove(
            priority=priority, factor=donor_milk, actor=linker(["add_evidencelink"])
        )
    assert EvidenceLink.objects.count() == 1


def test_bad_relation_or_long_note_is_refused(priority, donor_milk):
    with pytest.raises(ValidationError) as exc:
        link(priority, donor_milk, relation="proves")
    assert "relation" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        link(priority, donor_milk, note="x" * 301)
    assert "note" in exc.value.message_dict
    assert not EvidenceLink.objects.exists()


def test_linking_twice_updates_the_one_link(priority, donor_milk, moderator):
    first = link(priority, donor_milk, EvidenceRelation.UNCERTAIN, actor=moderator)
    again = link(priority, donor_milk, EvidenceRelation.ANSWERS, "Now settled.")
    assert first.pk == again.pk
    stored = EvidenceLink.objects.get()
    assert (stored.relation, stored.note) == ("answers", "Now settled.")
    assert stored.created_by == moderator
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceLink.objects.create(
            priority=priority, factor=donor_milk, relation="answers"
        )


def test_removing_a_link(priority, donor_milk, moderator):
    link(priority, donor_milk)
    assert evidence.evidence_link_remove(
        priority=priority, factor=donor_milk, actor=moderator
    )
    assert not evidence.evidence_link_remove(
        priority=priority, factor=donor_milk, actor=moderator
    )


def _inline_post(priority, factor, **extra) -> dict:
    return {
        "title": priority.title,
        "description": priority.description,
        "topic": priority.topic.pk,
        "status_changes-TOTAL_FORMS": 0,
        "status_changes-INITIAL_FORMS": 0,
        "revisions-TOTAL_FORMS": 0,
        "revisions-INITIAL_FORMS": 0,
        "evidence_links-TOTAL_FORMS": 1,
        "evidence_links-INITIAL_FORMS": 0,
        "evidence_links-0-factor": factor.pk,
        "evidence_links-0-relation": "uncertain",
        "evidence_links-0-note": "Only small trials.",
        **extra,
    }


@pytest.fixture
def group_moderator(db):
    """Staff in the Moderators group only (not a superuser)."""
    staff = UserFactory(is_staff=True)
    staff.groups.add(moderator_group())
    return type(staff).objects.get(pk=staff.pk)


def test_moderators_link_evidence_in_the_priority_admin(
    client_for, group_moderator, priority, donor_milk, draft_factor
):
    client = client_for(group_moderator)
    url = f"/staff/priorities/priority/{priority.pk}/change/"
    page = client.get(url).content.decode()
    assert "evidence_links-TOTAL_FORMS" in page
    # Drafts can be linked ahead of publication, and say so.
    assert "Secret draft factor (draft: shown once published)" in page
    response = client.post(url, _inline_post(priority, donor_milk))
    assert response.status_code == 302
    stored = EvidenceLink.objects.get()
    assert stored.factor == donor_milk
    assert stored.created_by == group_moderator
    assert stored.note == "Only small trials."
    assert client.get("/staff/priorities/evidencelink/").status_code == 200


def test_admin_refuses_a_second_link_to_the_same_factor(
    client_for, moderator, priority, donor_milk
):
    link(priority, donor_milk)
    url = f"/staff/priorities/priority/{priority.pk}/change/"
    existing = EvidenceLink.objects.get()
    data = _inline_post(priority, donor_milk)
    data.update(
        {
            "evidence_links-TOTAL_FORMS": 2,
            "evidence_links-INITIAL_FORMS": 1,
            "evidence_links-0-id": existing.pk,
            "evidence_links-0-priority": priority.pk,
            "evidence_links-1-factor": donor_milk.pk,
            "evidence_links-1-relation": "answers",
        }
    )
    response = client_for(moderator).post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert EvidenceLink.objects.count() == 1


@pytest.mark.parametrize("who", ["anonymous", "family", "researcher", "blocked"])
def test_members_cannot_reach_the_admin_inline(
    client, client_for, request, priority, donor_milk, who
):
    if who != "anonymous":
        client = client_for(request.getfixturevalue(who))
    url = f"/staff/priorities/priority/{priority.pk}/change/"
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    client.post(url, _inline_post(priority, donor_milk))
    assert client.get("/staff/priorities/evidencelink/").status_code == 302
    assert not EvidenceLink.objects.exists()


def test_staff_without_the_permission_cannot_link(client_for, priority, donor_milk):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="priorities",
            codename__in=["view_priority", "change_priority"],
        )
    )
    client = client_for(type(staff).objects.get(pk=staff.pk))
    url = f"/staff/priorities/priority/{priority.pk}/change/"
    assert "evidence_links-TOTAL_FORMS" not in client.get(url).content.decode()
    client.post(url, _inline_post(priority, donor_milk))
    assert not EvidenceLink.objects.exists()
    assert client.get("/staff/priorities/evidencelink/").status_code == 403


# --- The header -----------------------------------------------------------------------


def test_header_shows_unread_notifications_to_members(client, client_for, family):
    assert "/priorities/notifications/" not in client.get("/").content.decode()
    Notification.objects.create(user=family, kind="status", key="a", message="One")
    Notification.objects.create(user=family, kind="status", key="b", message="Two")
    Notification.objects.create(
        user=family, kind="status", key="r", message="Read", read_at=timezone.now()
    )
    Notification.objects.create(
        user=UserFactory(), kind="status", key="c", message="Someone else's"
    )
    html = client_for(family).get("/").content.decode()
    assert 'href="/priorities/notifications/"' in html
    assert (
        '<span class="badge badge-warn">2<span class="visually-hidden"> unread' in html
    )
    assert 'href="/priorities/moderation/"' not in html


def test_header_shows_moderation_to_staff_only(client_for, moderator, researcher):
    assert 'href="/priorities/moderation/"' in (
        client_for(moderator).get("/").content.decode()
    )
    html = client_for(researcher).get("/").content.decode()
    assert 'href="/priorities/moderation/"' not in html
    # No unread notifications: the link, without a count.
    assert ">Notifications</a>" in html


# --- Demo data ------------------------------------------------------------------------


def test_demo_links_are_idempotent_and_withdrawn_summaries_leave_the_page(client):
    from django.core.management import call_command

    from priorities import demo_evidence

    call_command("seed_demo", verbosity=0)
    links = EvidenceLink.objects.count()
    assert links == len(demo_evidence.LINKS)
    demo_evidence.seed()
    assert EvidenceLink.objects.count() == links
    donor = EvidenceLink.objects.get(factor__slug="donor-human-milk")
    assert donor.factor.current_version_id is not None
    html = client.get(donor.priority.get_absolute_url()).content.decode()
    assert "Donor human milk instead of formula" in html
    # A draft stays off the page.
    from research import services
    from research.models import EvidenceSummary

    summary = EvidenceSummary.objects.get(factor=donor.factor)
    reviewer = summary.versions.get().reviewer
    services.summary_withdraw(by=reviewer, summary=summary)
    html = client.get(donor.priority.get_absolute_url()).content.decode()
    assert "Donor human milk instead of formula" not in html
    shown = EvidenceLink.objects.get(factor__slug="probiotics")
    html = client.get(shown.priority.get_absolute_url()).content.decode()
    assert shown.note in html
