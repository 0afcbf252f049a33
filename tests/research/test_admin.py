import pytest

from research.models import Citation, SummaryState, SummaryVersion
from tests.research.factories import FindingFactory, SummaryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(db):
    summary = SummaryFactory(factor__slug="ready-one")
    FindingFactory(summary=summary)
    return summary


@pytest.mark.parametrize(
    "path",
    [
        "/staff/research/factor/",
        "/staff/research/evidencesummary/",
        "/staff/research/finding/",
        "/staff/research/citation/",
        "/staff/research/recommendation/",
        "/staff/research/summaryversion/",
        "/staff/research/evidencesummary/?review=stale",
        "/staff/research/finding/?needs_verification__exact=1",
    ],
)
def test_editors_reach_every_research_admin_list(client_for, editor, published, path):
    assert client_for(editor).get(path).status_code == 200


def test_staff_without_research_permissions_are_kept_out(client_for, plain_staff):
    assert (
        client_for(plain_staff).get("/staff/research/evidencesummary/").status_code
        == 403
    )


def test_the_reviewer_list_offers_only_staff_who_may_publish(
    client_for, editor, reviewer, plain_staff, ready
):
    url = f"/staff/research/evidencesummary/{ready.pk}/workflow/"
    choices = client_for(editor).get(url).context["form"].fields["reviewer"].queryset
    assert list(choices) == [reviewer]  # not the author, nor staff who cannot review
    bad = client_for(editor).post(url, {"action": "submit", "reviewer": plain_staff.pk})
    assert bad.status_code == 200
    assert "reviewer" in bad.context["form"].errors
    ready.refresh_from_db()
    assert ready.state == SummaryState.DRAFT


def test_workflow_through_the_admin(client_for, editor, reviewer, ready):
    url = f"/staff/research/evidencesummary/{ready.pk}/workflow/"
    c = client_for(editor)
    assert c.get(url).status_code == 200
    response = c.post(url, {"action": "submit", "reviewer": reviewer.pk})
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.state == SummaryState.IN_REVIEW
    # The author (an editor, not a reviewer) cannot publish: an error, nothing saved.
    response = c.post(url, {"action": "publish"}, follow=True)
    assert "Only staff reviewers may review summaries." in response.content.decode()
    assert not SummaryVersion.objects.exists()
    c = client_for(reviewer)
    c.post(url, {"action": "publish"})
    ready.refresh_from_db()
    assert ready.state == SummaryState.PUBLISHED
    assert SummaryVersion.objects.get().reviewer == reviewer


def test_submitting_without_a_reviewer_is_a_form_error(client_for, editor, ready):
    url = f"/staff/research/evidencesummary/{ready.pk}/workflow/"
    response = client_for(editor).post(url, {"action": "submit"})
    assert response.status_code == 200
    assert "Choose a reviewer." in response.content.decode()
    ready.refresh_from_db()
    assert ready.state == SummaryState.DRAFT


def test_admin_refuses_a_bad_doi_with_a_message_and_stores_nothing(client_for, editor):
    response = client_for(editor).post(
        "/staff/research/citation/add/",
        {"title": "X", "journal": "J", "doi": "doi: 99/nope", "pmid": ""},
    )
    assert response.status_code == 200
    assert "is not a DOI" in response.content.decode()
    assert not Citation.objects.exists()


def test_admin_stores_a_normalised_citation(client_for, editor):
    client_for(editor).post(
        "/staff/research/citation/add/",
        {
            "title": "X",
            "journal": "J",
            "doi": "https://doi.org/10.1093/advances/nmaa039",
            "pmid": "PMID: 32277813",
        },
    )
    citation = Citation.objects.get()
    assert (citation.doi, citation.pmid) == ("10.1093/advances/nmaa039", "32277813")


def test_published_versions_cannot_be_changed_in_the_admin(
    client_for, moderator, published
):
    version = published.factor.current_version
    c = client_for(moderator)
    url = f"/staff/research/summaryversion/{version.pk}/change/"
    assert c.get(url).status_code == 200  # view only
    c.post(url, {"clinician_summary": "Tampered"})
    version.refresh_from_db()
    assert version.clinician_summary != "Tampered"


def test_only_reviewers_change_a_live_recommendation(client_for, editor, reviewer):
    from django.utils import timezone

    from tests.research.factories import RecommendationFactory

    rec = RecommendationFactory(published_at=timezone.now())
    url = f"/staff/research/recommendation/{rec.pk}/change/"
    client_for(editor).post(url, {"title_en": "Changed live", "slug": rec.slug})
    rec.refresh_from_db()
    assert rec.title != "Changed live"
    # The title in English and in Spanish (research/translation.py).
    assert 'name="title_en"' in client_for(reviewer).get(url).content.decode()


def test_a_factor_cannot_take_a_reserved_address(client_for, editor):
    from research.models import Factor

    response = client_for(editor).post(
        "/staff/research/factor/add/",
        {"name": "Staff", "slug": "staff", "direction": "raises", "position": 0},
    )
    assert "This address is used by another page" in response.content.decode()
    assert not Factor.objects.exists()


def test_summary_page_shows_the_plain_language_check(client_for, editor, published):
    html = (
        client_for(editor)
        .get(f"/staff/research/evidencesummary/{published.pk}/change/")
        .content.decode()
    )
    assert "words per sentence" in html
    assert "Within the target." in html
    assert "/workflow/" in html
