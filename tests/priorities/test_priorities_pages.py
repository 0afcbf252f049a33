"""The listing, the detail page and proposing, as members see them."""

import pytest

from portal.models import StakeholderGroup as G
from priorities import merging, services, voting
from priorities.models import Priority, Status, Tag, Vote

from .factories import CommentFactory, PriorityFactory, TagFactory, TopicFactory

pytestmark = pytest.mark.django_db

LIST = "/priorities/"
PROPOSE = "/priorities/propose/"


def detail(priority):
    return f"/priorities/{priority.pk}/"


def proposal(the_topic, **overrides):
    data = {
        "title": "Does skin-to-skin care reduce NEC in very preterm babies?",
        "description": "Parents ask this every day and nobody can answer.",
        "topic": the_topic.pk,
        "tags": "Kangaroo care, skin-to-skin",
    }
    data.update(overrides)
    return data


# --- Listing --------------------------------------------------------------------------


def test_listing_shows_public_priorities_only(client, topic):
    shown = PriorityFactory(topic=topic, title="Does donor milk reduce NEC rates?")
    answered = PriorityFactory(topic=topic, status=Status.ANSWERED)
    pending = PriorityFactory(topic=topic, status=Status.PENDING)
    declined = PriorityFactory(topic=topic, status=Status.DECLINED)
    hidden = PriorityFactory(topic=topic, is_hidden=True)
    html = client.get(LIST).content.decode()
    assert shown.title in html and answered.title in html
    for absent in (pending, declined, hidden):
        assert absent.title not in html


def test_staff_see_hidden_priorities_marked(client_for, moderator, topic):
    hidden = PriorityFactory(topic=topic, is_hidden=True)
    html = client_for(moderator).get(LIST).content.decode()
    assert hidden.title in html
    assert "Hidden from the public" in html


def test_search_finds_words_in_title_and_description(client, topic):
    PriorityFactory(topic=topic, title="Probiotic strains and NEC prevention")
    PriorityFactory(
        topic=topic, title="Feeding advances", description="Speed of probiotic feeds"
    )
    PriorityFactory(topic=topic, title="Surgery timing in perforated NEC")
    html = client.get(LIST, {"q": "probiotic"}).content.decode()
    assert "Probiotic strains" in html and "Feeding advances" in html
    assert "Surgery timing" not in html


def test_filters_by_topic_tag_group_and_status(client, topic):
    other_topic = TopicFactory(name="Diagnosis", slug="diagnosis")
    tag = TagFactory(name="donor milk", slug="donor-milk")
    family_author = PriorityFactory(
        topic=topic, author__stakeholder_group=G.FAMILY, title="From a parent?"
    )
    family_author.tags.add(tag)
    PriorityFactory(topic=other_topic, title="Ultrasound for early diagnosis?")
    PriorityFactory(topic=topic, status=Status.ANSWERED, title="Answered already?")
    assert "Ultrasound" in client.get(LIST, {"topic": "diagnosis"}).content.decode()
    assert (
        "From a parent" not in client.get(LIST, {"topic": "diagnosis"}).content.decode()
    )
    html = client.get(LIST, {"tag": "donor-milk"}).content.decode()
    assert "From a parent" in html and "Ultrasound" not in html
    html = client.get(LIST, {"group": "family"}).content.decode()
    assert "From a parent" in html and "Ultrasound" not in html
    html = client.get(LIST, {"status": "answered"}).content.decode()
    assert "Answered already" in html and "From a parent" not in html


def test_unknown_filter_values_give_a_message_not_an_error(client, topic):
    PriorityFactory(topic=topic)
    response = client.get(LIST, {"topic": "no-such-topic", "status": "pending"})
    assert response.status_code == 200
    assert "Some filters could not be used" in response.content.decode()


@pytest.mark.parametrize(
    ("sort", "field"),
    [
        ("balanced", "balanced_score"),
        ("supported", "supporters_total"),
        ("discussed", "comment_count"),
        ("trending", "trending_score"),
    ],
)
def test_sorts_put_the_highest_first(client, topic, sort, field):
    low = PriorityFactory(topic=topic, title="Low one?", **{field: 1})
    high = PriorityFactory(topic=topic, title="High one?", **{field: 5})
    PriorityFactory(topic=topic, title="Zero one?")
    page = list(client.get(LIST, {"sort": sort}).context["page"])
    assert page[:2] == [high, low]


def test_newest_sort(client, topic):
    old, new = PriorityFactory.create_batch(2, topic=topic)
    assert next(iter(client.get(LIST, {"sort": "newest"}).context["page"])) == new
    assert old in client.get(LIST, {"sort": "newest"}).context["page"]


def test_listing_is_paginated(client, topic, settings):
    settings.PRIORITIES_PAGE_SIZE = 5
    PriorityFactory.create_batch(12, topic=topic)
    response = client.get(LIST, {"page": 3})
    assert len(response.context["page"]) == 2
    assert client.get(LIST, {"page": "nonsense"}).status_code == 200


def _queries_for(client, django_assert_max_num_queries, url, limit):
    with django_assert_max_num_queries(limit) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_listing_query_count_does_not_grow(
    client, family, topic, django_assert_max_num_queries, signed_in
):
    if signed_in:
        client.force_login(family)
    first = PriorityFactory(topic=topic)
    first.tags.add(TagFactory())
    voting.vote_cast(user=family, priority=first)
    one = _queries_for(client, django_assert_max_num_queries, LIST, 12)
    for priority in PriorityFactory.create_batch(29, topic=TopicFactory()):
        priority.tags.add(TagFactory(), TagFactory())
        voting.vote_cast(user=family, priority=priority)
    thirty = _queries_for(client, django_assert_max_num_queries, LIST, 12)
    assert thirty == one


def test_detail_query_count_does_not_grow(
    client, family, moderator, topic, django_assert_max_num_queries, make_member
):
    client.force_login(family)
    priority = PriorityFactory(topic=topic)
    voting.vote_cast(user=make_member(G.CLINICIAN), priority=priority)
    CommentFactory(priority=priority)
    one = _queries_for(client, django_assert_max_num_queries, detail(priority), 14)
    for _ in range(29):
        voting.vote_cast(user=make_member(G.RESEARCHER), priority=priority)
        priority.tags.add(TagFactory())
        CommentFactory(priority=priority)
    services.priority_edit(
        priority=priority,
        editor=moderator,
        title="A reworded question about NEC and feeding?",
        description="Reworded.",
    )
    thirty = _queries_for(client, django_assert_max_num_queries, detail(priority), 14)
    assert thirty == one


# --- Detail ---------------------------------------------------------------------------


def test_detail_shows_question_chart_and_score_sentence(client, priority, make_member):
    for group in (G.FAMILY, G.FAMILY, G.CLINICIAN):
        voting.vote_cast(user=make_member(group), priority=priority)
    html = client.get(detail(priority)).content.decode()
    assert priority.title in html
    assert "Families: 2" in html and "Clinicians: 1" in html
    assert "Balanced score" in html
    assert "the share of each group" in html
    assert "<svg" in html and 'style="' not in html


def test_description_is_rendered_as_sanitised_markdown(client, topic):
    priority = PriorityFactory(
        topic=topic, description="**Bold** <script>alert(1)</script>"
    )
    html = client.get(detail(priority)).content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("status", [Status.PENDING, Status.DECLINED, Status.WITHDRAWN])
def test_unpublished_priority_is_visible_to_author_and_staff_only(
    client, client_for, topic, family, moderator, status
):
    priority = PriorityFactory(topic=topic, status=status)
    assert client.get(detail(priority)).status_code == 404
    assert client_for(family).get(detail(priority)).status_code == 404
    assert client_for(priority.author).get(detail(priority)).status_code == 200
    assert client_for(moderator).get(detail(priority)).status_code == 200


def test_unknown_priority_is_404(client):
    assert client.get("/priorities/999999/").status_code == 404


def test_merged_priority_redirects_to_target(client, topic, moderator):
    source, target = PriorityFactory.create_batch(2, topic=topic)
    merging.priority_merge(
        source=source, target=target, actor=moderator, reason="Same question."
    )
    response = client.get(detail(source), follow=True)
    assert response.redirect_chain[0] == (detail(target), 302)
    assert "was merged into this one" in response.content.decode()


def test_timeline_and_edit_history_are_shown(client_for, family, topic):
    priority = services.priority_submit(
        author=family,
        title="Does cup feeding protect against NEC?",
        description="First wording.",
        topic=topic,
    )
    services.priority_edit(
        priority=priority,
        editor=family,
        title="Does cup feeding protect very preterm babies against NEC?",
        description="Second wording.",
    )
    html = client_for(family).get(detail(priority)).content.decode()
    assert "Submitted for review." in html
    assert "Earlier wording" in html and "First wording." in html


# --- Proposing ------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in_to_propose(client):
    response = client.get(PROPOSE)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


@pytest.mark.parametrize("who", ["unverified", "blocked"])
def test_unverified_and_blocked_cannot_propose(client_for, request, topic, who):
    member = request.getfixturevalue(who)
    response = client_for(member).post(PROPOSE, proposal(topic))
    assert response.status_code == 403
    assert not Priority.objects.exists()


def test_first_proposal_waits_for_review(client_for, family, topic):
    response = client_for(family).post(PROPOSE, proposal(topic))
    priority = Priority.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(priority)
    assert priority.status == Status.PENDING
    assert priority.author_group == G.FAMILY
    assert sorted(t.name for t in priority.tags.all()) == [
        "kangaroo care",
        "skin-to-skin",
    ]
    assert priority.follows.filter(user=family).exists()


def test_trusted_member_publishes_directly(client_for, family, topic):
    family.is_trusted = True
    family.save()
    client_for(family).post(PROPOSE, proposal(topic))
    assert Priority.objects.get().status == Status.PUBLISHED


def test_member_with_enough_approved_proposals_publishes_directly(
    client_for, family, topic, settings
):
    settings.PRIORITIES_TRUSTED_AFTER = 2
    PriorityFactory.create_batch(2, topic=topic, author=family)
    client_for(family).post(PROPOSE, proposal(topic))
    assert Priority.objects.order_by("-pk").first().status == Status.PUBLISHED


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "required"),
        ({"title": "x" * 201}, "title", "at most 200"),
        ({"title": "Too short?"}, "title", "at least"),
        ({"description": ""}, "description", "required"),
        ({"topic": 999999}, "topic", "Choose one of the listed topics"),
        ({"tags": "a, b, c, d, e, f, g, h, i"}, "tags", "at most 8"),
        ({"tags": "<style>@import url(x)</style>"}, "tags", "is not a usable tag"),
        ({"tags": "care, javascript:alert(1)"}, "tags", "letters or digits"),
        ({"tags": "a--b"}, "tags", "is not a usable tag"),
        ({"tags": "-lead"}, "tags", "is not a usable tag"),
        ({"tags": "x" * 51}, "tags", "at most 50 characters"),
    ],
)
def test_bad_proposals_get_field_errors_and_store_nothing(
    client_for, family, topic, overrides, field, message
):
    response = client_for(family).post(PROPOSE, proposal(topic, **overrides))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert not Priority.objects.exists()
    assert not Tag.objects.exists()


def test_tags_are_words_of_letters_digits_and_hyphens(client_for, family, topic):
    tags = "Skin-to-skin,  donor   milk, café au lait, covid-19, 2024"
    response = client_for(family).post(PROPOSE, proposal(topic, tags=tags))
    assert response.status_code == 302
    names = [t.name for t in Priority.objects.get().tags.order_by("pk")]
    assert names == ["skin-to-skin", "donor milk", "café au lait", "covid-19", "2024"]


def test_similar_priorities_are_shown_and_must_be_confirmed(client_for, family, topic):
    existing = PriorityFactory(
        topic=topic, title="Does skin-to-skin care reduce NEC in preterm babies?"
    )
    client = client_for(family)
    response = client.post(PROPOSE, proposal(topic))
    assert response.status_code == 200
    assert existing.title in response.content.decode()
    assert Priority.objects.count() == 1
    response = client.post(PROPOSE, proposal(topic, confirm_distinct="on"))
    assert response.status_code == 302
    assert Priority.objects.count() == 2


def test_similar_fragment_while_typing(client, topic):
    PriorityFactory(topic=topic, title="Does donor milk fortifier reduce NEC?")
    PriorityFactory(topic=topic, title="Does surgery timing matter?")
    PriorityFactory(
        topic=topic, title="Donor milk fortifier for pending?", status=Status.PENDING
    )
    html = client.get(
        "/priorities/similar/", {"title": "donor milk fortifier and NEC"}
    ).content.decode()
    assert "Does donor milk fortifier reduce NEC?" in html
    assert "surgery" not in html
    assert "pending" not in html


def test_proposing_is_rate_limited(client_for, family, topic, settings):
    settings.PRIORITY_SUBMIT_RATE = "2/h"
    client = client_for(family)
    for n in range(2):
        client.post(
            PROPOSE,
            proposal(topic, title=f"Question number {n} about NEC care?", tags=""),
        )
    response = client.post(PROPOSE, proposal(topic, title="A third question on NEC?"))
    assert response.status_code == 429
    assert "wait an hour" in response.content.decode()
    assert Priority.objects.count() == 2


# --- Editing --------------------------------------------------------------------------


def test_author_edits_until_first_support(client_for, family, make_member, topic):
    priority = PriorityFactory(topic=topic, author=family)
    client = client_for(family)
    data = proposal(topic, title="A reworded question about NEC?")
    assert client.post(f"/priorities/{priority.pk}/edit/", data).status_code == 302
    priority.refresh_from_db()
    assert priority.title == "A reworded question about NEC?"
    assert priority.revisions.count() == 1
    voting.vote_cast(user=make_member(G.CLINICIAN), priority=priority)
    response = client.post(
        f"/priorities/{priority.pk}/edit/", proposal(topic, title="Changed again, NEC?")
    )
    assert response.status_code == 403
    priority.refresh_from_db()
    assert priority.title == "A reworded question about NEC?"


def test_staff_edit_after_supports_is_logged(client_for, moderator, priority, family):
    voting.vote_cast(user=family, priority=priority)
    response = client_for(moderator).post(
        f"/priorities/{priority.pk}/edit/",
        proposal(priority.topic, title="Corrected spelling of the NEC question?"),
    )
    assert response.status_code == 302
    priority.refresh_from_db()
    assert priority.title.startswith("Corrected")
    from discussion.models import ModerationAction

    assert ModerationAction.objects.filter(action="edit", priority=priority).exists()


def test_others_cannot_edit(client_for, researcher, priority):
    response = client_for(researcher).get(f"/priorities/{priority.pk}/edit/")
    assert response.status_code == 403


# --- Voting through the page ----------------------------------------------------------


def test_vote_without_javascript_redirects_back(client_for, family, priority):
    client = client_for(family)
    response = client.post(f"/priorities/{priority.pk}/vote/", {"action": "support"})
    assert response.status_code == 302 and response["Location"] == detail(priority)
    assert Vote.objects.filter(user=family, priority=priority).exists()
    client.post(f"/priorities/{priority.pk}/vote/", {"action": "withdraw"})
    assert not Vote.objects.exists()


def test_vote_with_htmx_returns_the_button(client_for, family, priority):
    response = client_for(family).post(
        f"/priorities/{priority.pk}/vote/",
        {"action": "support"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-pressed="true"' in html and "<html" not in html
    assert "your support is counted" in html


def test_vote_on_declined_priority_shows_error(client_for, family, topic):
    priority = PriorityFactory(topic=topic, status=Status.ANSWERED)
    response = client_for(family).post(
        f"/priorities/{priority.pk}/vote/", headers={"HX-Request": "true"}
    )
    assert "Support is closed" in response.content.decode()
    assert not Vote.objects.exists()


def test_anonymous_vote_is_sent_to_sign_in(client, priority):
    response = client.post(f"/priorities/{priority.pk}/vote/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert not Vote.objects.exists()


def test_voting_is_rate_limited(client_for, family, topic, settings):
    settings.VOTE_RATE = "3/m"
    priority = PriorityFactory(topic=topic)
    client = client_for(family)
    for action in ("support", "withdraw", "support"):
        client.post(f"/priorities/{priority.pk}/vote/", {"action": action})
    response = client.post(
        f"/priorities/{priority.pk}/vote/", {"action": "withdraw"}, follow=True
    )
    assert "very fast" in response.content.decode()
    assert Vote.objects.filter(user=family).exists()


def test_public_csv_lists_published_priorities_without_personal_data(client, topic):
    shown = PriorityFactory(topic=topic, title="=HYPERLINK(evil) question?")
    PriorityFactory(topic=topic, status=Status.PENDING, title="Not yet public?")
    response = client.get("/priorities/export.csv")
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"] == "text/csv"
    assert "'=HYPERLINK(evil) question?" in body
    assert "Not yet public" not in body
    assert shown.author.email not in body and shown.author.display_name not in body


def test_htmx_vote_on_detail_page_also_refreshes_chart(client_for, family, priority):
    response = client_for(family).post(
        f"/priorities/{priority.pk}/vote/",
        {"action": "support", "from": "detail"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert 'id="priority-score" class="priority-score" hx-swap-oob="true"' in html
    assert "Families: 1" in html
    assert "Balanced score" in html


def test_similar_lookups_are_rate_limited(client, topic, settings):
    settings.PRIORITY_SIMILAR_RATE = "1/m"
    PriorityFactory(topic=topic, title="Does donor milk fortifier reduce NEC?")
    params = {"title": "donor milk fortifier and NEC"}
    assert "donor milk" in client.get("/priorities/similar/", params).content.decode()
    response = client.get("/priorities/similar/", params)
    assert response.status_code == 200
    assert "donor milk" not in response.content.decode()


def test_a_short_list_is_counted_live(client, topic):
    PriorityFactory(topic=topic)
    assert "1 priority" in client.get("/priorities/").content.decode()
    PriorityFactory(topic=topic)
    assert "2 priorities" in client.get("/priorities/").content.decode()


def test_a_long_lists_count_is_kept_for_a_minute(client, topic, settings):
    # Longer than the pages shown: one page of two.
    settings.PRIORITIES_MAX_PAGES, settings.PRIORITIES_PAGE_SIZE = 1, 2
    PriorityFactory.create_batch(2, topic=topic)
    assert "2 priorities" in client.get("/priorities/?sort=newest").content.decode()
    newest = PriorityFactory(topic=topic, title="A question asked just now?")
    page = client.get("/priorities/?sort=newest").content.decode()
    # The cards are live; only the count waits.
    assert "2 priorities" in page and newest.title in page
    # Another filter has its own count.
    searched = client.get(f"/priorities/?topic={topic.slug}").content.decode()
    assert "3 priorities" in searched
