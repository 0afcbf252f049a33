"""portal.access: one set of rules for who may do what (docs/access.md)."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from django.views import View
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from portal import access
from portal.api_errors import exception_handler
from portal.models import User
from tests.factories import UserFactory


def _kinds() -> dict[str, User]:
    now = timezone.now()
    return {
        "member": UserFactory(),
        "inactive": UserFactory(is_active=False),
        "deleted": UserFactory(deleted_at=now),
        "blocked": UserFactory(participation_blocked_at=now),
        "staff": UserFactory(is_staff=True),
        "inactive staff": UserFactory(is_staff=True, is_active=False),
        "deleted staff": UserFactory(is_staff=True, deleted_at=now),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }


# --- The QuerySet and the predicates agree -------------------------------------------


def test_reachable_and_active_staff_are_the_same_rule_for_sets_and_for_one(db):
    kinds = _kinds()
    reachable = set(User.objects.reachable())
    staff = set(User.objects.active_staff())
    for name, user in kinds.items():
        assert access.is_reachable(user) == (user in reachable), name
        assert access.is_active_staff(user) == (user in staff), name
    assert {u for n, u in kinds.items() if n in ("staff", "superuser")} == staff
    assert kinds["blocked"] in reachable
    assert not access.is_reachable(AnonymousUser())
    assert not access.is_active_staff(AnonymousUser())


def test_queryset_methods_chain(db):
    staff = UserFactory(is_staff=True)
    UserFactory()
    assert list(User.objects.filter(pk=staff.pk).reachable().active_staff()) == [staff]


def test_with_perm_finds_direct_group_and_superuser_holders(db):
    perm = "partners.change_partner"
    direct = UserFactory()
    direct.user_permissions.add(Permission.objects.get(codename="change_partner"))
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    superuser = UserFactory(is_staff=True, is_superuser=True)
    UserFactory(is_staff=True)
    assert set(User.objects.with_perm(perm)) == {direct, moderator, superuser}
    assert set(User.objects.active_staff().with_perm(perm)) == {moderator, superuser}
    assert not User.objects.with_perm("portal.add_reportingtoken").filter(
        pk=moderator.pk
    )


# --- Staff rights are permissions ---------------------------------------------------


@pytest.fixture
def group_only_moderator(db):
    member = UserFactory(is_staff=True)
    member.groups.add(Group.objects.get(name="Moderators"))
    return member


def test_staff_rights_are_the_permissions_the_moderators_group_lists(
    group_only_moderator, settings
):
    for perm in settings.MODERATOR_PERMISSIONS:
        assert access.has_staff_perm(group_only_moderator, perm), perm
    assert not access.has_staff_perm(group_only_moderator, "portal.add_reportingtoken")
    assert access.has_staff_perm(group_only_moderator)


def test_a_permission_without_staff_status_grants_nothing(db):
    member = UserFactory()
    member.user_permissions.add(Permission.objects.get(codename="change_partner"))
    member = User.objects.get(pk=member.pk)
    assert member.has_perm("partners.change_partner")
    assert not access.has_staff_perm(member, "partners.change_partner")
    assert not access.has_staff_perm(AnonymousUser())


def test_deactivated_or_deleted_staff_have_no_rights(db):
    for user in (
        UserFactory(is_staff=True, is_superuser=True, is_active=False),
        UserFactory(is_staff=True, is_superuser=True, deleted_at=timezone.now()),
    ):
        assert not access.has_staff_perm(user)
        assert not access.has_staff_perm(user, "portal.change_faq")


def test_require_staff_raises_permission_denied_never_a_validation_error(
    family, group_only_moderator
):
    with pytest.raises(PermissionDenied) as refused:
        access.require_staff(family)
    assert refused.value.args == ("Only staff can do this.",)
    with pytest.raises(PermissionDenied, match="Only moderators"):
        access.require_staff(
            group_only_moderator,
            "portal.add_reportingtoken",
            message="Only moderators with the right may.",
        )
    with pytest.raises(PermissionDenied):
        access.require_staff(AnonymousUser())
    with pytest.raises(PermissionDenied):
        access.require_staff(None)
    access.require_staff(group_only_moderator, "portal.change_faq")


# --- Taking part --------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, reason",
    [
        ("family", ""),
        ("unverified", "Confirm your e-mail address to take part."),
        ("blocked", "Your participation is paused by the moderators."),
        ("anonymous", "Sign in to take part."),
    ],
)
def test_participation_refusal_says_why(request, role, reason):
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    assert access.participation_refusal(user) == reason
    assert access.is_participant(user) == (not reason)
    if reason:
        with pytest.raises(PermissionDenied) as refused:
            access.require_participant(user)
        assert refused.value.args == (reason,)
    else:
        access.require_participant(user)


def test_a_deactivated_account_cannot_take_part(db):
    user = UserFactory(is_active=False)
    assert access.participation_refusal(user) == "This account is closed."


def test_require_participant_is_never_a_validation_error(unverified):
    with pytest.raises(PermissionDenied) as caught:
        access.require_participant(unverified)
    assert not isinstance(caught.value, ValidationError)


# --- HTML views ---------------------------------------------------------------------


def _page(request):
    return HttpResponse("ok")


def _get(user, path="/somewhere/?x=1"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_staff_required_sends_anonymous_to_sign_in_and_refuses_members(
    db, family, group_only_moderator
):
    view = access.staff_required(_page)
    response = view(_get(AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/somewhere/%3Fx%3D1"
    with pytest.raises(PermissionDenied):
        view(_get(family))
    assert view(_get(group_only_moderator)).status_code == 200


def test_staff_required_with_a_permission(db, group_only_moderator):
    allowed = access.staff_required(perm="partners.view_partner")(_page)
    refused = access.staff_required(perm="portal.add_reportingtoken")(_page)
    assert allowed(_get(group_only_moderator)).status_code == 200
    with pytest.raises(PermissionDenied):
        refused(_get(group_only_moderator))
    assert allowed.__name__ == "_page"


def test_participant_required_explains_on_a_403_page(db, unverified, blocked, family):
    view = access.participant_required(_page)
    assert view(_get(AnonymousUser()))["Location"].startswith("/account/login/")
    refused = view(_get(unverified))
    assert refused.status_code == 403
    html = refused.content.decode()
    assert "Confirm your e-mail address to take part." in html
    assert "/account/email/" in html
    blocked_page = view(_get(blocked)).content.decode()
    assert "paused by the moderators" in blocked_page
    assert view(_get(family)).status_code == 200


class _StaffView(access.StaffRequiredMixin, View):
    staff_permission = "portal.change_faq"

    def get(self, request):
        return HttpResponse("ok")


class _ParticipantView(access.ParticipantRequiredMixin, View):
    def get(self, request):
        return HttpResponse("ok")


def test_mixins_answer_like_the_decorators(db, family, unverified, moderator):
    staff_view = _StaffView.as_view()
    assert staff_view(_get(AnonymousUser())).status_code == 302
    with pytest.raises(PermissionDenied):
        staff_view(_get(family))
    assert staff_view(_get(moderator)).status_code == 200
    participant_view = _ParticipantView.as_view()
    assert participant_view(_get(AnonymousUser())).status_code == 302
    assert participant_view(_get(unverified)).status_code == 403
    assert participant_view(_get(family)).status_code == 200


# --- API ----------------------------------------------------------------------------


def _api_view(permission):
    class _View(APIView):
        permission_classes = [permission]

        def get(self, request):
            return HttpResponse("ok")

        def post(self, request):
            return HttpResponse("ok")

    return _View.as_view()


def _call(view, method="get", user=None, token_key=None):
    factory = APIRequestFactory()
    headers = {"HTTP_AUTHORIZATION": f"Token {token_key}"} if token_key else {}
    request = getattr(factory, method)("/x/", **headers)
    if user is not None:
        force_authenticate(request, user=user)
    response = view(request)
    if hasattr(response, "render"):
        response.render()
    return response


def test_api_staff_permission_401_403_200(db, family, group_only_moderator):
    view = _api_view(access.IsStaff.with_perm("partners.change_partner"))
    assert _call(view).status_code == 401
    assert _call(view, user=family).status_code == 403
    assert _call(view, user=group_only_moderator).status_code == 200
    no_right = _api_view(access.IsStaff.with_perm("portal.add_reportingtoken"))
    assert _call(no_right, user=group_only_moderator).status_code == 403


def test_api_participant_permission_says_why(db, unverified, family):
    view = _api_view(access.IsParticipant)
    assert _call(view).status_code == 401
    refused = _call(view, user=unverified)
    assert refused.status_code == 403
    assert refused.data == {"detail": "Confirm your e-mail address to take part."}
    assert _call(view, user=family).status_code == 200
    both = _api_view(access.ReadOnlyOrParticipant)
    assert _call(both).status_code == 200
    assert _call(both, "post").status_code == 401


def test_api_read_only_is_405_for_everyone(db, moderator):
    view = _api_view(access.ReadOnly)
    assert _call(view).status_code == 200
    for user in (None, moderator):
        response = _call(view, "post", user=user)
        assert response.status_code == 405
        assert response.data == {"detail": 'Method "POST" not allowed.'}


def test_api_reporting_token_reads_but_is_no_member(db, reporting_token, family):
    _token, key = reporting_token
    view = _api_view(access.IsStaffOrReportingClient)
    assert _call(view, token_key=key).status_code == 200
    assert _call(view, "post", token_key=key).status_code == 403
    assert _call(view, user=family).status_code == 403
    signed_in = _api_view(access.IsSignedIn)
    assert _call(signed_in, token_key=key).status_code == 403
    assert _call(signed_in).status_code == 401


def test_a_service_refusal_reaches_the_api_with_its_reason():
    response = exception_handler(PermissionDenied("Only staff can moderate."), {})
    assert response.status_code == 403
    assert response.data == {"detail": "Only staff can moderate."}
    bare = exception_handler(PermissionDenied(), {})
    assert bare.data == {"detail": "You do not have permission to perform this action."}
