import datetime
import re

import pytest
from django.utils import timezone

from research import services
from research.models import SummaryState
from tests.research.conftest import publish
from tests.research.factories import (
    CitationFactory,
    FindingFactory,
    RecommendationFactory,
    SummaryFactory,
)

pytestmark = pytest.mark.django_db

DRAFT_STRINGS = ["DRAFTONLY", "Secret draft factor", "SECRETROW", "0.111"]


def test_index_groups_published_factors_by_direction(client, published, draft):
    html = client.get("/evidence/").content.decode()
    assert "Linked to a lower risk of NEC" in html
    assert 'href="/evidence/probiotic-drops/"' in html
    assert 'href="/evidence/probiotic-drops/families/"' in html
    for text in DRAFT_STRINGS:
        assert text not in html


def test_no_clear_effect_gets_its_own_honest_group(client, editor, reviewer):
    summary = SummaryFactory(factor__direction="no_clear_effect", factor__name="Fast")
    FindingFactory(summary=summary, estimate="0.88", ci_low="0.68", ci_high="1.16")
    publish(summary, author=editor, reviewer=reviewer)
    html = client.get("/evidence/").content.decode()
    assert "No clear effect in trials" in html
    assert "Often listed as risk factors, but randomised trials found no clear" in html


def test_factor_page_shows_texts_chart_table_and_linked_sources(client, published):
    response = client.get("/evidence/probiotic-drops/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Published clinician text about probiotic drops." in html
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert 'viewBox="0 0 360' in html
    assert "<table" in html and "RR 0.54 (95% CI 0.45 to 0.65)" in html
    citation = published.findings.first().citation
    assert f'href="https://doi.org/{citation.doi}"' in html
    assert f'href="https://pubmed.ncbi.nlm.nih.gov/{citation.pmid}/"' in html
    assert "Reviewed by" not in html  # the phrase used is "reviewed by <name>"
    assert "reviewed by Rita Reviewer" in html


def test_findings_that_need_verification_never_reach_a_page(client, published):
    for path in ("/evidence/probiotic-drops/", "/evidence/probiotic-drops/families/"):
        html = client.get(path).content.decode()
        assert "SECRETROW" not in html
        assert "0.111" not in html
        assert "news report" not in html


@pytest.mark.parametrize("suffix", ["", "families/"])
def test_unpublished_factors_are_not_found(client, draft, suffix):
    assert client.get(f"/evidence/secret-draft/{suffix}").status_code == 404


def test_a_new_draft_of_a_published_summary_stays_private(client, published, editor):
    services.summary_update(
        by=editor, summary=published, plain_summary="DRAFTONLY new plain words."
    )
    for path in (
        "/evidence/",
        "/evidence/probiotic-drops/",
        "/evidence/probiotic-drops/families/",
    ):
        assert "DRAFTONLY" not in client.get(path).content.decode()
    html = client.get("/evidence/?q=DRAFTONLY").content.decode()
    assert "/evidence/probiotic-drops/" not in html
    assert "No published summary matches" in html
    html = client.get("/evidence/probiotic-drops/families/").content.decode()
    assert "Published plain words about probiotic drops." in html


def test_family_page_gives_words_first_and_the_picture_second(client, published):
    html = client.get("/evidence/probiotic-drops/families/").content.decode()
    words = html.index("Published plain words about probiotic drops.")
    picture = html.index("<svg")
    table = html.index("<table")
    assert words < picture < table
    assert "It is not medical advice" in html


def test_pages_have_no_inline_styles_or_scripts(client, published):
    for path in ("/evidence/", "/evidence/probiotic-drops/"):
        html = client.get(path).content.decode()
        assert not re.search(r"\sstyle=", html)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_filter_by_certainty_and_outcome(client, published, editor, reviewer):
    other = SummaryFactory(factor__name="Low one", factor__slug="low-one")
    FindingFactory(summary=other, certainty="low", outcome="death")
    publish(other, author=editor, reviewer=reviewer)
    html = client.get("/evidence/?certainty=low").content.decode()
    assert "/evidence/low-one/" in html and "/evidence/probiotic-drops/" not in html
    html = client.get("/evidence/?outcome=nec").content.decode()
    assert "/evidence/probiotic-drops/" in html and "/evidence/low-one/" not in html
    html = client.get("/evidence/?certainty=not_rated").content.decode()
    assert "No published summary matches" in html


def test_bad_filter_values_get_a_message_not_an_error(client, published):
    response = client.get("/evidence/?certainty=certain")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_search_finds_summary_text_and_citation_authors_but_not_drafts(
    client, published, draft
):
    assert (
        "/evidence/probiotic-drops/"
        in client.get("/evidence/?q=drops").content.decode()
    )
    author = published.findings.first().citation.authors.split(",")[0]
    assert (
        "/evidence/probiotic-drops/"
        in client.get("/evidence/", {"q": author}).content.decode()
    )
    html = client.get("/evidence/?q=DRAFTONLY").content.decode()
    assert "secret-draft" not in html


def _publish_many(n, editor, reviewer):
    for _ in range(n):
        summary = SummaryFactory()
        FindingFactory.create_batch(3, summary=summary)
        publish(summary, author=editor, reviewer=reviewer)


def _count_queries(client, path, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_index_query_count_is_pinned_and_flat(
    client, editor, reviewer, django_assert_max_num_queries
):
    _publish_many(2, editor, reviewer)
    RecommendationFactory(published_at=timezone.now())
    few = _count_queries(client, "/evidence/", django_assert_max_num_queries, 4)
    _publish_many(6, editor, reviewer)
    RecommendationFactory.create_batch(3, published_at=timezone.now())
    many = _count_queries(client, "/evidence/", django_assert_max_num_queries, 4)
    assert few == many


def test_detail_query_count_is_pinned_and_flat(
    client, editor, reviewer, django_assert_max_num_queries
):
    summary = SummaryFactory(factor__slug="counted")
    FindingFactory(summary=summary)
    publish(summary, author=editor, reviewer=reviewer)
    few = _count_queries(client, "/evidence/counted/", django_assert_max_num_queries, 4)
    services.summary_update(by=editor, summary=summary, clinician_summary="v2")
    FindingFactory.create_batch(
        8, summary=summary, citation=factory_citation()
    )  # more rows, shared and new sources
    FindingFactory.create_batch(4, summary=summary)
    publish(summary, author=editor, reviewer=reviewer)
    many = _count_queries(
        client, "/evidence/counted/", django_assert_max_num_queries, 4
    )
    assert few == many
    family = _count_queries(
        client, "/evidence/counted/families/", django_assert_max_num_queries, 4
    )
    # The same, less the version history only the clinician page shows.
    assert family == many - 1


def factory_citation():
    return CitationFactory()


# --- Recommendations ------------------------------------------------------------------


@pytest.fixture
def recommendation(published):
    rec = RecommendationFactory(slug="use-drops", title="Use the drops")
    rec.supporting_findings.set(published.findings.all())  # incl. the unverified one
    return rec


def test_unpublished_recommendations_are_hidden(client, recommendation):
    assert client.get("/evidence/recommendations/use-drops/").status_code == 404
    assert (
        "Use the drops" not in client.get("/evidence/recommendations/").content.decode()
    )


def test_recommendation_shows_only_published_support_with_sources(
    client, recommendation, reviewer
):
    services.recommendation_publish(by=reviewer, recommendation=recommendation)
    html = client.get("/evidence/recommendations/use-drops/").content.decode()
    assert "Published comparison A vs B" in html
    assert "SECRETROW" not in html
    assert "doi.org/" in html


def test_printable_recommendation_is_one_page_with_its_own_print_css(
    client, recommendation, reviewer
):
    services.recommendation_publish(by=reviewer, recommendation=recommendation)
    response = client.get("/evidence/recommendations/use-drops/print/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/research/css/print.css" in html
    assert "/static/portal/css/site.css" not in html  # no site chrome
    assert "Use the drops" in html and "doi.org/" in html
    assert "http://testserver/evidence/recommendations/use-drops/" in html


def test_a_recommendation_without_published_evidence_cannot_be_published(
    draft, reviewer
):
    from django.core.exceptions import ValidationError

    rec = RecommendationFactory()
    rec.supporting_findings.set(draft.findings.all())
    with pytest.raises(ValidationError):
        services.recommendation_publish(by=reviewer, recommendation=rec)
    rec.refresh_from_db()
    assert rec.published_at is None


# --- Staff dashboard and diffs -----------------------------------------------------


@pytest.mark.parametrize(
    "role",
    [
        "user",
        "unverified",
        "family",
        "clinician",
        "researcher",
        "blocked",
        "plain_staff",
    ],
)
def test_staff_pages_are_forbidden_to_everyone_else(
    request, client_for, role, published
):
    member = request.getfixturevalue(role)
    c = client_for(member)
    assert c.get("/evidence/staff/").status_code == 403
    assert c.get("/evidence/staff/probiotic-drops/changes/").status_code == 403


def test_staff_pages_open_with_the_view_permission(
    client_for, group_moderator, published
):
    """The pages show drafts: who may read summaries in the admin may read them."""
    from tests.research.factories import staff_with

    for member in (staff_with(["view_evidencesummary"]), group_moderator):
        c = client_for(member)
        assert c.get("/evidence/staff/").status_code == 200
        assert c.get("/evidence/staff/probiotic-drops/changes/").status_code == 200
        assert "compare the working draft" in c.get("/evidence/probiotic-drops/").text


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/evidence/staff/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_dashboard_flags_summaries_past_their_review_date(
    client_for, editor, published
):
    published.next_review_due = timezone.localdate() - datetime.timedelta(days=1)
    published.save()
    html = client_for(editor).get("/evidence/staff/").content.decode()
    assert 'class="stale-row"' in html
    assert "Probiotic drops" in html
    assert "SECRETROW" in html  # staff see what needs verification


def test_dashboard_shows_nothing_stale_when_dates_are_fine(
    client_for, editor, published
):
    html = client_for(editor).get("/evidence/staff/").content.decode()
    assert 'class="stale-row"' not in html
    assert "Every published summary is within its review date." in html


def test_staff_compare_a_version_with_the_previous_one(
    client_for, editor, other_reviewer, published
):
    services.summary_update(
        by=editor, summary=published, clinician_summary="Completely new wording."
    )
    publish(published, author=editor, reviewer=other_reviewer)
    html = (
        client_for(editor)
        .get("/evidence/staff/probiotic-drops/versions/2/")
        .content.decode()
    )
    assert "<ins>Completely new wording.</ins>" in html
    assert "<del>Published clinician text about probiotic drops.</del>" in html
    assert (
        client_for(editor)
        .get("/evidence/staff/probiotic-drops/versions/9/")
        .status_code
        == 404
    )


def test_staff_see_what_a_draft_would_change(client_for, editor, published):
    services.summary_update(by=editor, summary=published, plain_summary="DRAFTONLY")
    assert published.__class__.objects.get(pk=published.pk).state == SummaryState.DRAFT
    html = (
        client_for(editor)
        .get("/evidence/staff/probiotic-drops/changes/")
        .content.decode()
    )
    assert "<ins>DRAFTONLY</ins>" in html
    assert "Working draft" in html


@pytest.mark.postgres
def test_full_text_search_stems_words_and_has_gin_indexes(client, published):
    from django.db import connection

    # "drop" finds "drops" (English stemming); websearch syntax is accepted.
    html = client.get("/evidence/", {"q": "drop -unrelated"}).content.decode()
    assert "/evidence/probiotic-drops/" in html
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'research_%_gin'"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"research_version_search_gin", "research_citation_search_gin"}


def test_factor_pages_leave_a_block_for_open_priorities(rf, published):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    from research.views import FactorDetailView

    request = rf.get("/evidence/probiotic-drops/")
    request.user = AnonymousUser()
    view = FactorDetailView()
    view.setup(request, slug="probiotic-drops")
    view.object = view.get_object()
    context = view.get_context_data(object=view.object)
    html = Template(
        '{% extends "research/factor_detail.html" %}'
        "{% block open_priorities %}OPEN-PRIORITIES-HERE{% endblock %}"
    ).render(Context({**context, "request": request}))
    assert "OPEN-PRIORITIES-HERE" in html


@pytest.mark.parametrize(
    "role",
    [
        "family",
        "clinician",
        "researcher",
        "unverified",
        "blocked",
        "editor",
        "moderator",
    ],
)
def test_every_role_sees_only_published_content_on_public_pages(
    request, client_for, role, published, draft, editor
):
    services.summary_update(by=editor, summary=published, plain_summary="DRAFTONLY")
    c = client_for(request.getfixturevalue(role))
    for path in (
        "/evidence/",
        "/evidence/probiotic-drops/",
        "/evidence/probiotic-drops/families/",
    ):
        html = c.get(path).content.decode()
        for text in DRAFT_STRINGS:
            assert text not in html, (role, path, text)
    assert c.get("/evidence/secret-draft/").status_code == 404


def test_other_apps_can_list_published_factors_with_the_shared_include(published):
    from django.template.loader import render_to_string

    from research.models import Factor

    html = render_to_string(
        "research/includes/factor_links.html",
        {"factors": Factor.objects.published()},
    )
    assert 'href="/evidence/probiotic-drops/"' in html
    assert 'href="/evidence/probiotic-drops/families/"' in html
