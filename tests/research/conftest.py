"""Fixtures for the evidence app: editors, reviewers and published summaries."""

import pytest

from research import services
from tests.research.factories import (
    EDITOR_PERMS,
    FindingFactory,
    SummaryFactory,
    staff_with,
)


@pytest.fixture
def editor(db):
    """Staff who drafts: the research change permissions, no review permission."""
    return staff_with(EDITOR_PERMS, display_name="Edna Editor")


@pytest.fixture
def reviewer(db):
    """Staff who may review and publish others' summaries."""
    return staff_with(
        [*EDITOR_PERMS, "review_evidencesummary"], display_name="Rita Reviewer"
    )


@pytest.fixture
def other_reviewer(db):
    return staff_with(
        [*EDITOR_PERMS, "review_evidencesummary"], display_name="Ravi Reviewer"
    )


@pytest.fixture
def plain_staff(db):
    """Staff without any research permission (e.g. a FAQ editor)."""
    return staff_with([], display_name="Sam Staff")


def publish(summary, *, author, reviewer):
    services.summary_submit_for_review(by=author, summary=summary, reviewer=reviewer)
    return services.summary_publish(by=reviewer, summary=summary)


@pytest.fixture
def publish_as(editor, reviewer):
    def _publish(summary):
        return publish(summary, author=editor, reviewer=reviewer)

    return _publish


@pytest.fixture
def published(db, editor, reviewer):
    """A published factor with one verified finding and one needing verification."""
    summary = SummaryFactory(
        factor__name="Probiotic drops",
        factor__slug="probiotic-drops",
        clinician_summary="Published clinician text about probiotic drops.",
        plain_summary="Published plain words about probiotic drops.",
    )
    FindingFactory(summary=summary, comparison="Published comparison A vs B")
    FindingFactory(
        summary=summary,
        comparison="Unchecked secondary figure SECRETROW",
        estimate="0.111",
        ci_low="0.050",
        ci_high="0.200",
        needs_verification=True,
        verification_note="Seen only in a news report.",
    )
    publish(summary, author=editor, reviewer=reviewer)
    summary.refresh_from_db()
    return summary


@pytest.fixture
def draft(db):
    """A factor that has never been published."""
    summary = SummaryFactory(
        factor__name="Secret draft factor",
        factor__slug="secret-draft",
        clinician_summary="DRAFTONLY clinician words.",
        plain_summary="DRAFTONLY plain words.",
    )
    FindingFactory(summary=summary, comparison="DRAFTONLY comparison")
    return summary
