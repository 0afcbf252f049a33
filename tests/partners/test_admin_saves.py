"""The partner admin's change form saves through the service, with its checks."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied

from partners import services
from partners.models import Partner, PartnerStatus, VerificationDecision
from tests.factories import UserFactory

from .factories import InstitutionFactory, PartnerFactory, PublicationFactory

LOGIN = "/staff/login/"


def _change_url(partner) -> str:
    return f"/staff/partners/partner/{partner.pk}/change/"


def _post_data(page, **changes) -> dict:
    """What the change page would post back untouched, with `changes` applied."""
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            key = form.add_prefix(name)
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [getattr(v, "pk", v) for v in value]
            else:
                data[key] = getattr(value, "pk", value)
    data.update(changes)
    return data


def _edit(client, partner, **changes):
    page = client.get(_change_url(partner))
    assert page.status_code == 200
    return client.post(_change_url(partner), _post_data(page, **changes))


def _stored(partner) -> dict:
    fresh = Partner.objects.get(pk=partner.pk)
    return {
        "display_name": fresh.display_name,
        "orcid": fresh.orcid,
        "keywords": fresh.keywords,
        "status": fresh.status,
        "areas": sorted(a.slug for a in fresh.research_areas.all()),
        "institution": fresh.institution_id,
    }


@pytest.fixture
def group_moderator(db):
    """Staff who are not superusers: rights only from the Moderators group."""
    member = UserFactory(is_staff=True)
    member.groups.add(Group.objects.get(name="Moderators"))
    return member


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def viewer(db):
    """Staff who may look at partner profiles but not change them."""
    member = UserFactory(is_staff=True)
    member.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="partners", codename="view_partner"
        )
    )
    return type(member).objects.get(pk=member.pk)


@pytest.mark.parametrize("role", ["group_moderator", "superuser"])
def test_admin_edit_is_normalised_like_the_researchers_own(
    client_for, request, role, partner
):
    client = client_for(request.getfixturevalue(role))
    decisions = VerificationDecision.objects.filter(partner=partner).count()
    response = _edit(
        client,
        partner,
        display_name="Dr  Ada   Quill-Smith",
        orcid="https://orcid.org/0000-0002-1694-233x",
        keywords="donor milk, Donor milk,  fortifier ",
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/partners/partner/"
    stored = _stored(partner)
    assert stored["display_name"] == "Dr Ada Quill-Smith"
    assert stored["orcid"] == "0000-0002-1694-233X"
    assert stored["keywords"] == "donor milk, fortifier"
    # Staff corrections are not a decision: the profile stays listed, unlogged.
    assert stored["status"] == PartnerStatus.VERIFIED
    assert VerificationDecision.objects.filter(partner=partner).count() == decisions


@pytest.mark.parametrize(
    "orcid, message",
    [
        ("0000-0002-1825-0098", "This ORCID iD fails its check digit"),
        ("0000-0002-1825", "An ORCID iD has 16 characters in four groups"),
    ],
)
def test_a_bad_orcid_is_a_field_error_and_nothing_is_saved(
    client_for, group_moderator, partner, orcid, message
):
    before = _stored(partner)
    response = _edit(
        client_for(group_moderator), partner, orcid=orcid, display_name="Renamed"
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [e for e in form.errors["orcid"] if e.startswith(message)]
    assert "Please correct the error below." in response.content.decode()
    assert _stored(partner) == before


def test_an_orcid_on_another_profile_is_a_field_error(
    client_for, group_moderator, partner
):
    PartnerFactory(orcid="0000-0002-1825-0097")
    before = _stored(partner)
    response = _edit(client_for(group_moderator), partner, orcid="0000 0002 1825 0097")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["orcid"]
    assert errors == [
        "This ORCID iD is already on another partner profile. If it is yours, "
        "contact us and we will sort it out."
    ]
    assert _stored(partner) == before


def test_a_retired_research_area_cannot_be_added_in_the_admin(
    client_for, group_moderator, partner
):
    from .factories import ResearchAreaFactory

    retired = ResearchAreaFactory(slug="retired-area", is_active=False)
    current = list(partner.research_areas.values_list("pk", flat=True))
    before = _stored(partner)
    response = _edit(
        client_for(group_moderator),
        partner,
        research_areas=[*current, retired.pk],
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["research_areas"]
    assert errors == ["Choose research areas from the list."]
    assert _stored(partner) == before


def test_an_unconfirmed_institution_cannot_be_chosen_in_the_admin(
    client_for, group_moderator, partner
):
    suggested = InstitutionFactory(is_confirmed=False)
    before = _stored(partner)
    response = _edit(client_for(group_moderator), partner, institution=suggested.pk)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["institution"]
    assert _stored(partner) == before


def test_publication_titles_and_order_are_saved_through_the_service(
    client_for, superuser, partner
):
    # Moderators only view publications; superusers may edit them inline.
    first = PublicationFactory(partner=partner, identifier="10.5555/one", position=0)
    second = PublicationFactory(partner=partner, identifier="10.5555/two", position=1)
    client = client_for(superuser)
    page = client.get(_change_url(partner))
    forms = page.context["inline_admin_formsets"][0].formset.forms
    index = {form.instance.pk: form.prefix for form in forms}
    response = client.post(
        _change_url(partner),
        _post_data(
            page,
            **{
                f"{index[first.pk]}-title": "  The   first  trial ",
                f"{index[first.pk]}-position": "5",
            },
        ),
    )
    assert response.status_code == 302
    stored = [
        (p.identifier, p.title, p.position)
        for p in Partner.objects.get(pk=partner.pk).publications.all()
    ]
    # The service collapses spaces and renumbers in the order staff chose.
    assert stored == [
        ("10.5555/two", second.title, 0),
        ("10.5555/one", "The first trial", 1),
    ]


def test_superuser_deletes_a_publication_from_the_inline(
    client_for, superuser, partner
):
    gone = PublicationFactory(partner=partner, identifier="10.5555/gone")
    PublicationFactory(partner=partner, identifier="10.5555/kept")
    client = client_for(superuser)
    page = client.get(_change_url(partner))
    forms = page.context["inline_admin_formsets"][0].formset.forms
    prefix = next(f.prefix for f in forms if f.instance.pk == gone.pk)
    response = client.post(
        _change_url(partner), _post_data(page, **{f"{prefix}-DELETE": "on"})
    )
    assert response.status_code == 302
    identifiers = list(partner.publications.values_list("identifier", flat=True))
    assert identifiers == ["10.5555/kept"]


@pytest.mark.parametrize("role", [None, "researcher", "family"])
def test_anonymous_and_members_are_sent_to_the_admin_login(
    client, client_for, request, role, partner
):
    if role:
        client_for(request.getfixturevalue(role))
    url = _change_url(partner)
    before = _stored(partner)
    for response in (
        client.get(url),
        client.post(url, {"display_name": "Hijacked", "orcid": ""}),
    ):
        assert response.status_code == 302
        assert response["Location"] == f"{LOGIN}?next={url}"
    assert _stored(partner) == before


def test_staff_who_may_only_view_see_the_profile_but_cannot_save(
    client_for, viewer, partner
):
    client = client_for(viewer)
    page = client.get(_change_url(partner))
    assert page.status_code == 200
    assert 'name="orcid"' not in page.content.decode()
    before = _stored(partner)
    response = client.post(
        _change_url(partner), {"display_name": "Renamed", "orcid": ""}
    )
    assert response.status_code == 403
    assert _stored(partner) == before


def test_the_staff_edit_service_refuses_who_may_not_change_profiles(
    viewer, researcher, partner
):
    for who in (viewer, researcher):
        with pytest.raises(PermissionDenied):
            services.partner_staff_update(
                partner=partner, staff=who, data={"display_name": "Renamed"}
            )
    assert Partner.objects.get(pk=partner.pk).display_name == "Dr Ada Quill"


@pytest.mark.postgres
def test_the_admin_edit_reindexes_the_profile(client_for, group_moderator, partner):
    from .factories import ResearchAreaFactory

    area = ResearchAreaFactory(name="Lactoferrin studies", slug="lactoferrin-x")
    current = list(partner.research_areas.values_list("pk", flat=True))
    response = _edit(
        client_for(group_moderator), partner, research_areas=[*current, area.pk]
    )
    assert response.status_code == 302
    found = Partner.objects.listed().search("lactoferrin studies")
    assert list(found) == [partner]
