"""Staff roles are a permission group ("Moderators"), not a stakeholder group."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command

from portal import services
from portal.models import StakeholderGroup
from tests.factories import FAQFactory, UserFactory


def _codes(group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_migrate_creates_the_moderators_group_with_the_portal_permissions(db):
    group = Group.objects.get(name="Moderators")
    codes = _codes(group)
    for needed in (
        "portal.change_faq",
        "portal.add_faq",
        "portal.view_contactmessage",
        "portal.change_contactmessage",
        "portal.view_webinarsubscriber",
        "portal.view_user",
        "portal.change_user",
    ):
        assert needed in codes
    # Moderators cannot delete members or issue API keys.
    assert "portal.delete_user" not in codes
    assert "portal.add_reportingtoken" not in codes


def test_moderator_permissions_setting_is_applied_and_rerunning_changes_nothing(
    db, settings
):
    settings.MODERATOR_PERMISSIONS = [
        *settings.MODERATOR_PERMISSIONS,
        "auth.view_group",
        "nosuchapp.do_magic",
    ]
    group = services.moderator_group_ensure()
    codes = _codes(group)
    assert "auth.view_group" in codes
    assert "nosuchapp.do_magic" not in codes
    services.moderator_group_ensure()
    assert _codes(group) == codes
    assert Group.objects.filter(name="Moderators").count() == 1


def test_a_permission_granted_by_hand_survives_the_next_migrate(db):
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name="Moderators")
    extra = Permission.objects.get(codename="view_reportingtoken")
    group.permissions.add(extra)
    services.moderator_group_ensure()
    assert "portal.view_reportingtoken" in _codes(group)


def test_stakeholder_groups_do_not_include_staff_or_moderators():
    values = {value for value, _label in StakeholderGroup.choices}
    assert values == {"family", "clinician", "researcher", "other"}


def test_group_moderator_edits_faq_reads_messages_and_members(client, group_moderator):
    client.force_login(group_moderator)
    faq = FAQFactory()
    assert client.get(f"/staff/portal/faq/{faq.pk}/change/").status_code == 200
    assert client.get("/staff/portal/contactmessage/").status_code == 200
    assert client.get("/staff/portal/webinarsubscriber/").status_code == 200
    assert client.get("/staff/portal/user/").status_code == 200


def test_group_moderator_cannot_issue_api_keys_or_delete_members(
    client, group_moderator, family
):
    client.force_login(group_moderator)
    assert client.get("/staff/portal/reportingtoken/").status_code == 403
    assert client.get(f"/staff/portal/user/{family.pk}/delete/").status_code == 403


def test_staff_without_the_group_see_nothing_to_moderate(client, db):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/staff/portal/faq/").status_code == 403


def test_seed_demo_puts_the_demo_staff_member_in_the_moderators_group(db):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    from portal.models import User

    staff = User.objects.get(email="staff@demo.nec.invalid")
    assert staff.groups.filter(name="Moderators").exists()
    assert staff.groups.count() == 1


def test_site_name_and_domain_follow_the_settings(db, settings):
    from django.contrib.sites.models import Site

    settings.SITE_URL = "https://nec.example.org"
    settings.SITE_NAME = "NEC Portal"
    services.site_ensure()
    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("nec.example.org", "NEC Portal")


def test_group_moderator_changes_a_member_but_cannot_grant_rights_or_block_here(
    client, group_moderator, family
):
    from portal.models import User

    client.force_login(group_moderator)
    page = client.get(f"/staff/portal/user/{family.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    for field in ("is_superuser", "is_staff", "groups", "user_permissions", "email"):
        assert field not in form.fields
    # Blocking goes through the audited moderation page, linked from here.
    for field in ("participation_blocked_at", "participation_blocked_reason"):
        assert field not in form.fields
    assert f"/priorities/moderation/members/{family.pk}/block/" in page.content.decode()
    data = {
        "display_name": "Renamed by staff",
        "stakeholder_group": family.stakeholder_group,
        "profession": "",
        "email_verified": "on",
        "participation_blocked_at_0": "2026-01-01",
        "participation_blocked_at_1": "10:00:00",
        "participation_blocked_reason": "Spam links",
        "is_superuser": "on",
        "is_staff": "on",
    }
    response = client.post(f"/staff/portal/user/{family.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    family = User.objects.get(pk=family.pk)
    assert family.display_name == "Renamed by staff"
    assert not family.is_blocked
    assert not family.is_staff
    assert not family.is_superuser


def test_group_moderator_cannot_set_anyones_password(client, group_moderator, family):
    client.force_login(group_moderator)
    response = client.get(f"/staff/portal/user/{family.pk}/password/")
    assert response.status_code == 403


def test_blocking_from_the_member_admin_is_audited_on_the_moderation_page(
    client, group_moderator, family
):
    """The member page links to the one blocking path: reason, audit log, notice."""
    from discussion.models import ModerationAction
    from portal.models import User

    client.force_login(group_moderator)
    # No unaudited bulk action is offered on the member list.
    response = client.post(
        "/staff/portal/user/",
        {"action": "block_participation", "_selected_action": [family.pk]},
    )
    assert not User.objects.get(pk=family.pk).is_blocked

    url = f"/priorities/moderation/members/{family.pk}/block/"
    response = client.post(url, {"reason": "Posted the same advert five times."})
    assert response.status_code == 302
    family = User.objects.get(pk=family.pk)
    assert family.is_blocked
    assert family.participation_blocked_reason == "Posted the same advert five times."
    logged = ModerationAction.objects.get(member=family)
    assert logged.action == ModerationAction.Action.BLOCK
    assert logged.actor == group_moderator
    page = client.get(f"/staff/portal/user/{family.pk}/change/").content.decode()
    assert f"/priorities/moderation/members/{family.pk}/unblock/" in page


def test_member_list_query_count_does_not_grow_with_members(
    client, moderator, django_assert_max_num_queries
):
    client.force_login(moderator)
    client.get("/staff/portal/user/")
    for _ in range(15):
        UserFactory()
    with django_assert_max_num_queries(12):
        assert client.get("/staff/portal/user/").status_code == 200


def test_group_moderator_can_lift_a_sign_in_lockout(
    client, group_moderator, family, settings
):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post("/account/login/", {"login": family.email, "password": "x"})
    attempt = AccessAttempt.objects.get()
    client.force_login(group_moderator)
    assert client.get("/staff/axes/accessattempt/").status_code == 200
    response = client.post(
        f"/staff/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    client.logout()
    response = client.post(
        "/account/login/",
        {"login": family.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302


def test_seed_demo_adds_a_moderator_who_is_not_a_superuser(client, db):
    from portal.models import User

    call_command("seed_demo", stdout=StringIO())
    robin = User.objects.get(email="moderator@demo.nec.invalid")
    assert robin.is_staff
    assert not robin.is_superuser
    client.force_login(robin)
    assert client.get("/staff/portal/faq/").status_code == 200
    assert client.get("/staff/portal/reportingtoken/").status_code == 403
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "moderator@demo.nec.invalid" in out.getvalue()


def test_every_listed_moderator_permission_exists_and_is_granted(db, settings):
    """A typo in any app's MODERATOR_PERMISSIONS would only be logged at deploy."""
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=settings.MODERATOR_GROUP_NAME)
    granted = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }
    assert set(settings.MODERATOR_PERMISSIONS) <= granted
    # Each app contributes its part.
    for app in ("portal", "partners", "priorities", "research"):
        assert any(p.startswith(f"{app}.") for p in settings.MODERATOR_PERMISSIONS)
