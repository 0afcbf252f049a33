import pytest

from research import privacy
from research.models import SummaryVersion
from tests.research.factories import FindingFactory, SummaryFactory

pytestmark = pytest.mark.django_db


def test_export_lists_what_a_staff_member_wrote_or_reviewed(
    published, editor, reviewer
):
    [row] = [r for r in privacy.export_user_data(editor) if "version" in r]
    assert row == {
        "factor": "Probiotic drops",
        "version": 1,
        "published_at": row["published_at"],
        "role": "author",
    }
    assert any(r["role"] == "reviewer" for r in privacy.export_user_data(reviewer))


def test_erasure_removes_the_name_but_keeps_the_published_text(
    published, editor, reviewer
):
    summary = SummaryFactory()
    FindingFactory(summary=summary)
    from research import services

    services.summary_submit_for_review(by=editor, summary=summary, reviewer=reviewer)
    privacy.erase_user_data(reviewer)
    version = SummaryVersion.objects.get()
    assert version.reviewer is None and version.reviewer_name == ""
    assert (
        version.clinician_summary == "Published clinician text about probiotic drops."
    )
    summary.refresh_from_db()
    assert summary.state == "draft" and summary.reviewer is None


def test_account_deletion_runs_the_research_erasure(published, reviewer):
    from portal.services import account_delete

    account_delete(user=reviewer)
    assert SummaryVersion.objects.get().reviewer_name == ""
