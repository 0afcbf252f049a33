"""Who may take verification decisions in the partner admin, role by role."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied

from partners import decisions
from partners.models import Institution, Partner, PartnerStatus, VerificationDecision
from tests.factories import UserFactory

from .factories import InstitutionFactory, PartnerFactory

CHANGELIST = "/staff/partners/partner/"
INSTITUTIONS = "/staff/partners/institution/"
LOGIN = "/staff/login/"
REASONS = {"verify": "", "return_for_changes": "Add a department.", "unlist": "Left."}


def _staff_with(*codenames: str):
    """Staff (not a superuser) holding exactly these partners permissions."""
    member = UserFactory(is_staff=True)
    member.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="partners", codename__in=codenames
        )
    )
    return type(member).objects.get(pk=member.pk)


@pytest.fixture
def group_moderator(db):
    """Staff who are not superusers: rights only from the Moderators group."""
    member = UserFactory(is_staff=True)
    member.groups.add(Group.objects.get(name="Moderators"))
    return member


@pytest.fixture
def editor_only(db):
    """Staff who may edit profiles and institutions but not decide on profiles."""
    return _staff_with(
        "view_partner", "change_partner", "view_institution", "change_institution"
    )


@pytest.fixture
def viewer_only(db):
    return _staff_with("view_partner", "view_institution")


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def pending(db):
    return PartnerFactory(status=PartnerStatus.PENDING, verified_at=None)


def _decide(client, partner, action, *, apply=True):
    data = {"action": action, "_selected_action": [partner.pk]}
    if apply:
        data |= {"apply": "1", "reason": REASONS[action]}
    return client.post(CHANGELIST, data)


def _action_choices(response) -> set[str]:
    form = response.context["action_form"]
    if form is None:  # the admin shows no action menu at all
        return set()
    return {value for value, _label in form.fields["action"].choices if value}


def test_migrate_gives_the_moderators_group_the_verify_permission(db):
    group = Group.objects.get(name="Moderators")
    assert group.permissions.filter(
        content_type__app_label="partners", codename="verify_partner"
    ).exists()


@pytest.mark.parametrize("role", [None, "researcher", "family"])
@pytest.mark.parametrize("action", sorted(REASONS))
def test_anonymous_and_members_are_sent_to_the_admin_login(
    client, client_for, request, role, action, pending
):
    if role:
        client_for(request.getfixturevalue(role))
    for apply in (False, True):
        response = _decide(client, pending, action, apply=apply)
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN}?next={CHANGELIST}"
    assert Partner.objects.get(pk=pending.pk).status == PartnerStatus.PENDING
    assert not VerificationDecision.objects.filter(partner=pending).exists()


@pytest.mark.parametrize(
    "action, status",
    [
        ("verify", PartnerStatus.VERIFIED),
        ("return_for_changes", PartnerStatus.RETURNED),
        ("unlist", PartnerStatus.UNLISTED),
    ],
)
@pytest.mark.parametrize("role", ["group_moderator", "superuser"])
def test_moderators_and_superusers_decide_after_the_confirmation_page(
    client_for, request, role, action, status, pending
):
    staff = request.getfixturevalue(role)
    client = client_for(staff)
    assert {"verify", "return_for_changes", "unlist"} <= _action_choices(
        client.get(CHANGELIST)
    )
    page = _decide(client, pending, action, apply=False)
    assert page.status_code == 200
    assert page.templates[0].name == "partners/admin/decision.html"
    assert pending.display_name in page.content.decode()
    assert Partner.objects.get(pk=pending.pk).status == PartnerStatus.PENDING

    response = _decide(client, pending, action)
    assert response.status_code == 302
    assert Partner.objects.get(pk=pending.pk).status == status
    decision = VerificationDecision.objects.get(partner=pending, actor=staff)
    assert decision.reason == REASONS[action]


@pytest.mark.parametrize("action", sorted(REASONS))
def test_staff_without_the_verify_permission_get_403_and_no_decision(
    client_for, editor_only, action, pending
):
    client = client_for(editor_only)
    listing = client.get(CHANGELIST)
    assert listing.status_code == 200
    # They may still export; no decision is offered to them.
    assert _action_choices(listing) == {"export_csv"}
    assert _decide(client, pending, action, apply=False).status_code == 403
    assert _decide(client, pending, action).status_code == 403
    assert Partner.objects.get(pk=pending.pk).status == PartnerStatus.PENDING
    assert not VerificationDecision.objects.filter(partner=pending).exists()


def test_the_service_refuses_staff_without_the_verify_permission(
    editor_only, pending, group_moderator
):
    with pytest.raises(PermissionDenied):
        decisions.partner_verify(partner=pending, staff=editor_only)
    assert Partner.objects.get(pk=pending.pk).status == PartnerStatus.PENDING
    decisions.partner_verify(partner=pending, staff=group_moderator)
    assert Partner.objects.get(pk=pending.pk).status == PartnerStatus.VERIFIED


def test_view_only_staff_cannot_confirm_or_merge_institutions(
    client_for, viewer_only, institution
):
    client = client_for(viewer_only)
    suggested = InstitutionFactory(name="Northfield Childrens", is_confirmed=False)
    listing = client.get(INSTITUTIONS)
    assert listing.status_code == 200
    assert _action_choices(listing) == set()
    for action in ("confirm", "merge"):
        response = client.post(
            INSTITUTIONS,
            {"action": action, "_selected_action": [institution.pk, suggested.pk]},
        )
        # Without any action to offer, the admin just shows the list again.
        assert response.status_code == 200
    assert Institution.objects.get(pk=suggested.pk).is_confirmed is False


@pytest.mark.parametrize("role", ["group_moderator", "editor_only"])
def test_staff_who_may_change_institutions_confirm_them(client_for, request, role):
    client = client_for(request.getfixturevalue(role))
    suggested = InstitutionFactory(is_confirmed=False)
    response = client.post(
        INSTITUTIONS, {"action": "confirm", "_selected_action": [suggested.pk]}
    )
    assert response.status_code == 302
    assert Institution.objects.get(pk=suggested.pk).is_confirmed is True
