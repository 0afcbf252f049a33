"""Staff take decisions from the admin; every admin page opens."""

import pytest
from django.core import mail

from partners.models import DecisionAction, Institution, Partner, PartnerStatus

from .factories import InstitutionFactory, PartnerFactory

CHANGELIST = "/staff/partners/partner/"


@pytest.fixture
def staff_client(client_for, moderator):
    return client_for(moderator)


@pytest.mark.parametrize(
    "url",
    [
        "/staff/partners/partner/",
        "/staff/partners/partner/?q=quill&status__exact=verified",
        "/staff/partners/institution/?q=north",
        "/staff/partners/researcharea/",
        "/staff/partners/verificationdecision/",
        "/staff/partners/contactrelay/",
        "/staff/partners/publication/?q=10.",
    ],
)
def test_admin_pages_open(staff_client, partner, url):
    assert staff_client.get(url).status_code == 200


def test_admin_change_page_opens(staff_client, partner):
    assert staff_client.get(f"{CHANGELIST}{partner.pk}/change/").status_code == 200


def test_verify_action_asks_for_confirmation_then_decides(
    staff_client, moderator, django_capture_on_commit_callbacks
):
    p = PartnerFactory(status=PartnerStatus.PENDING, verified_at=None)
    data = {"action": "verify", "_selected_action": [p.pk]}
    page = staff_client.post(CHANGELIST, data)
    assert page.status_code == 200 and p.display_name in page.content.decode()
    p.refresh_from_db()
    assert p.status == PartnerStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(CHANGELIST, {**data, "apply": "1", "reason": ""})
    p.refresh_from_db()
    assert p.status == PartnerStatus.VERIFIED and p.verified_by == moderator
    assert any("verified" in m.subject for m in mail.outbox)


def test_return_action_without_reason_changes_nothing(staff_client):
    p = PartnerFactory(status=PartnerStatus.PENDING)
    response = staff_client.post(
        CHANGELIST,
        {
            "action": "return_for_changes",
            "_selected_action": [p.pk],
            "apply": "1",
            "reason": "",
        },
        follow=True,
    )
    assert "Give the researcher a reason" in response.content.decode()
    p.refresh_from_db()
    assert p.status == PartnerStatus.PENDING


def test_unlist_action_with_reason_logs_it(staff_client, partner, moderator):
    staff_client.post(
        CHANGELIST,
        {
            "action": "unlist",
            "_selected_action": [partner.pk],
            "apply": "1",
            "reason": "Retired.",
        },
    )
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.UNLISTED
    d = partner.decisions.first()
    assert (d.action, d.actor, d.reason) == (
        DecisionAction.UNLISTED,
        moderator,
        "Retired.",
    )


def test_csv_action_exports_verified_selection_without_email(staff_client, partner):
    response = staff_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [partner.pk]}
    )
    body = response.getvalue().decode()
    assert "Dr Ada Quill" in body and partner.user.email not in body


def test_status_cannot_be_edited_directly(staff_client, partner):
    page = staff_client.get(f"{CHANGELIST}{partner.pk}/change/").content.decode()
    assert 'name="status"' not in page


def test_merge_institutions_action(staff_client, institution):
    dup = InstitutionFactory(name="Northfield Childrens", is_confirmed=False)
    p = PartnerFactory(institution=dup, status=PartnerStatus.PENDING)
    staff_client.post(
        "/staff/partners/institution/",
        {"action": "merge", "_selected_action": [institution.pk, dup.pk]},
    )
    p.refresh_from_db()
    assert p.institution == institution
    assert not Institution.objects.filter(pk=dup.pk).exists()


def test_non_staff_cannot_reach_the_admin(client_for, researcher, partner):
    response = client_for(researcher).post(
        CHANGELIST,
        {
            "action": "unlist",
            "_selected_action": [partner.pk],
            "apply": "1",
            "reason": "x",
        },
    )
    assert response.status_code == 302
    assert Partner.objects.get(pk=partner.pk).status == PartnerStatus.VERIFIED
