import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from research import services
from research.models import (
    EvidenceSummary,
    Factor,
    PublishedFinding,
    SummaryState,
    SummaryVersion,
)
from tests.research.conftest import publish
from tests.research.factories import FindingFactory, SummaryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(db):
    summary = SummaryFactory()
    FindingFactory(summary=summary)
    return summary


def test_editor_sends_a_draft_to_a_named_reviewer(ready, editor, reviewer):
    services.summary_submit_for_review(by=editor, summary=ready, reviewer=reviewer)
    ready.refresh_from_db()
    assert ready.state == SummaryState.IN_REVIEW
    assert ready.author == editor
    assert ready.reviewer == reviewer


@pytest.mark.parametrize(
    "role", ["user", "unverified", "family", "clinician", "researcher", "blocked"]
)
def test_members_who_are_not_staff_can_do_nothing(request, role, ready, reviewer):
    member = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.summary_submit_for_review(by=member, summary=ready, reviewer=reviewer)
    with pytest.raises(PermissionDenied):
        services.summary_update(by=member, summary=ready, clinician_summary="Hacked")
    with pytest.raises(PermissionDenied):
        services.citation_create(by=member, title="T", journal="J", pmid="123")
    ready.refresh_from_db()
    assert ready.state == SummaryState.DRAFT
    assert ready.clinician_summary != "Hacked"


def test_members_with_permissions_but_no_staff_flag_still_cannot_edit(ready, reviewer):
    from tests.research.factories import EDITOR_PERMS, staff_with

    outsider = staff_with(EDITOR_PERMS)
    outsider.is_staff = False
    outsider.save()
    with pytest.raises(PermissionDenied):
        services.summary_submit_for_review(
            by=outsider, summary=ready, reviewer=reviewer
        )


def test_staff_without_research_permissions_cannot_draft(ready, plain_staff, reviewer):
    with pytest.raises(PermissionDenied):
        services.summary_submit_for_review(
            by=plain_staff, summary=ready, reviewer=reviewer
        )


def test_author_cannot_name_themself_as_reviewer(ready, reviewer):
    with pytest.raises(ValidationError) as exc:
        services.summary_submit_for_review(
            by=reviewer, summary=ready, reviewer=reviewer
        )
    assert "reviewer" in exc.value.message_dict
    ready.refresh_from_db()
    assert ready.state == SummaryState.DRAFT


def test_reviewer_must_hold_the_review_permission(ready, editor, plain_staff):
    from tests.research.factories import EDITOR_PERMS, staff_with

    second_editor = staff_with(EDITOR_PERMS)
    for candidate in (second_editor, plain_staff):
        with pytest.raises(ValidationError):
            services.summary_submit_for_review(
                by=editor, summary=ready, reviewer=candidate
            )


def test_author_cannot_publish_their_own_summary_even_as_superuser(
    ready, moderator, reviewer
):
    services.summary_submit_for_review(by=moderator, summary=ready, reviewer=reviewer)
    with pytest.raises(PermissionDenied):
        services.summary_publish(by=moderator, summary=ready)
    assert not SummaryVersion.objects.exists()


def test_only_the_named_reviewer_may_publish(ready, editor, reviewer, other_reviewer):
    services.summary_submit_for_review(by=editor, summary=ready, reviewer=reviewer)
    with pytest.raises(PermissionDenied):
        services.summary_publish(by=other_reviewer, summary=ready)
    with pytest.raises(PermissionDenied):
        services.summary_publish(by=editor, summary=ready)
    version = services.summary_publish(by=reviewer, summary=ready)
    assert version.number == 1
    assert version.author == editor and version.reviewer == reviewer
    assert version.reviewer_name == "Rita Reviewer"


def test_a_draft_cannot_be_published_without_review(ready, reviewer):
    with pytest.raises(ValidationError):
        services.summary_publish(by=reviewer, summary=ready)
    assert not Factor.objects.published().exists()


def test_publishing_snapshots_texts_and_only_verified_findings(published):
    version = published.factor.current_version
    assert version.clinician_summary == published.clinician_summary
    assert version.snapshot["plain_summary"] == published.plain_summary
    comparisons = [f["comparison"] for f in version.snapshot["findings"]]
    assert comparisons == ["Published comparison A vs B"]
    rows = PublishedFinding.objects.filter(version=version)
    assert [r.comparison for r in rows] == ["Published comparison A vs B"]
    assert published.state == SummaryState.PUBLISHED
    assert published.last_reviewed == timezone.localdate()
    assert published.next_review_due == timezone.localdate() + datetime.timedelta(
        days=365
    )


def test_summary_with_only_unverified_findings_cannot_be_sent_for_review(
    editor, reviewer
):
    summary = SummaryFactory()
    FindingFactory(summary=summary, needs_verification=True)
    FindingFactory(summary=summary, needs_verification=True, citation=None)
    with pytest.raises(ValidationError) as exc:
        services.summary_submit_for_review(
            by=editor, summary=summary, reviewer=reviewer
        )
    assert "findings" in exc.value.message_dict
    summary.refresh_from_db()
    assert summary.state == SummaryState.DRAFT


def test_empty_texts_are_refused_with_field_messages(editor, reviewer):
    summary = SummaryFactory(clinician_summary="", plain_summary=" ")
    FindingFactory(summary=summary)
    with pytest.raises(ValidationError) as exc:
        services.summary_submit_for_review(
            by=editor, summary=summary, reviewer=reviewer
        )
    assert {"clinician_summary", "plain_summary"} <= set(exc.value.message_dict)


def test_editing_a_published_summary_makes_a_draft_and_keeps_the_public_version(
    published, editor
):
    services.summary_update(
        by=editor, summary=published, clinician_summary="Revised NEWTEXT."
    )
    published.refresh_from_db()
    assert published.state == SummaryState.DRAFT
    factor = Factor.objects.published().get(pk=published.factor_id)
    assert factor.current_version.number == 1
    assert "NEWTEXT" not in factor.current_version.clinician_summary


def test_republishing_adds_a_version_and_keeps_the_old_one(
    published, editor, other_reviewer
):
    services.summary_update(
        by=editor,
        summary=published,
        clinician_summary="Second text.",
        change_note="Rewrote.",
    )
    version = publish(published, author=editor, reviewer=other_reviewer)
    assert version.number == 2
    assert version.change_note == "Rewrote."
    assert list(
        SummaryVersion.objects.filter(summary=published).values_list(
            "number", flat=True
        )
    ) == [2, 1]
    old = SummaryVersion.objects.get(summary=published, number=1)
    assert old.clinician_summary == "Published clinician text about probiotic drops."
    assert old.findings.count() == 1  # its rows survive the new version


def test_reviewer_can_send_a_summary_back_with_a_note(ready, editor, reviewer):
    services.summary_submit_for_review(by=editor, summary=ready, reviewer=reviewer)
    services.summary_return_to_draft(by=reviewer, summary=ready, note="Check the CI.")
    ready.refresh_from_db()
    assert ready.state == SummaryState.DRAFT
    assert ready.review_note == "Check the CI."


def test_author_cannot_send_back_their_own_summary(ready, editor, reviewer):
    services.summary_submit_for_review(by=editor, summary=ready, reviewer=reviewer)
    with pytest.raises(PermissionDenied):
        services.summary_return_to_draft(by=editor, summary=ready)


def test_published_versions_are_immutable(published):
    version = published.factor.current_version
    version.clinician_summary = "Tampered"
    with pytest.raises(ValueError):
        version.save()
    version.refresh_from_db()
    assert version.clinician_summary != "Tampered"


def test_database_refuses_a_reviewer_who_is_the_author(ready, editor):
    ready.author = editor
    ready.reviewer = editor
    with pytest.raises(IntegrityError), transaction.atomic():
        ready.save()


def test_database_refuses_an_unsourced_unflagged_finding(ready):
    with pytest.raises(IntegrityError), transaction.atomic():
        FindingFactory(summary=ready, citation=None, needs_verification=False)


def test_database_refuses_an_estimate_outside_its_interval(ready):
    with pytest.raises(IntegrityError), transaction.atomic():
        FindingFactory(summary=ready, estimate="0.9", ci_low="0.1", ci_high="0.5")


def test_finding_validation_gives_field_messages_and_saves_nothing(ready, editor):
    finding = FindingFactory.build(
        summary=ready, citation=None, needs_verification=False, estimate="-1"
    )
    with pytest.raises(ValidationError):
        services.finding_save(by=editor, finding=finding)
    assert ready.findings.count() == 1


def test_withdrawing_takes_the_factor_off_the_site_but_keeps_versions(
    published, reviewer, editor
):
    with pytest.raises(PermissionDenied):
        services.summary_withdraw(by=editor, summary=published)
    services.summary_withdraw(by=reviewer, summary=published)
    assert not Factor.objects.published().exists()
    assert SummaryVersion.objects.filter(summary=published).count() == 1


def test_changing_a_finding_sends_the_summary_back_to_draft(published, editor):
    finding = published.findings.first()
    finding.comparison = "Changed comparison"
    services.finding_save(by=editor, finding=finding)
    assert EvidenceSummary.objects.get(pk=published.pk).state == SummaryState.DRAFT
    current = Factor.objects.get(pk=published.factor_id).current_version
    assert current.findings.get().comparison == "Published comparison A vs B"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_publishes_make_exactly_one_version():
    from tests.concurrency import outcome_names, run_together
    from tests.research.factories import EDITOR_PERMS, staff_with

    author = staff_with(EDITOR_PERMS)
    rev = staff_with([*EDITOR_PERMS, "review_evidencesummary"])
    summary = SummaryFactory()
    FindingFactory(summary=summary)
    services.summary_submit_for_review(by=author, summary=summary, reviewer=rev)

    def publish():
        return services.summary_publish(by=rev, summary=summary)

    assert outcome_names(run_together(publish, publish)) == ["ValidationError", "ok"]
    assert SummaryVersion.objects.filter(summary=summary).count() == 1
