"""Creating, editing and verifying profiles: the rules and who may act."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from partners import decisions, services
from partners.models import (
    DecisionAction,
    Institution,
    Partner,
    PartnerStatus,
    Publication,
    VerificationDecision,
)
from partners.tasks import send_partner_decision
from tests.factories import UserFactory

from .factories import InstitutionFactory, PartnerFactory


@pytest.fixture
def created(researcher, profile_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.partner_create(user=researcher, data=profile_data)


def test_researcher_creates_a_pending_profile_with_normalised_fields(
    created, institution
):
    p = Partner.objects.get(pk=created.pk)
    assert p.status == PartnerStatus.PENDING
    assert p.orcid == "0000-0002-1694-233X"
    assert p.country.code == institution.country.code
    assert p.keywords == "donor milk, fortifier"
    assert p.open_to == ["collaboration", "recruiting"]
    assert sorted(Publication.objects.values_list("kind", "identifier")) == [
        ("doi", "10.1000/abc123"),
        ("pmid", "31234567"),
    ]
    assert p.decisions.get().action == DecisionAction.SUBMITTED
    assert not Partner.objects.listed().filter(pk=p.pk).exists()
    # Staff hear about a profile to verify.
    assert mail.outbox[-1].to == ["staff-inbox@example.org"]


@pytest.mark.parametrize(
    "role", ["family", "clinician", "user", "unverified", "blocked"]
)
def test_only_verified_researchers_may_create_a_profile(role, request, profile_data):
    member = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.partner_create(user=member, data=profile_data)
    assert Partner.objects.count() == 0


def test_second_profile_for_the_same_member_is_refused(
    created, researcher, profile_data
):
    profile_data["orcid"] = ""
    with pytest.raises(ValidationError):
        services.partner_create(user=researcher, data=profile_data)
    assert Partner.objects.count() == 1


@pytest.mark.parametrize(
    "change, field",
    [
        ({"orcid": "0000-0002-1825-0098"}, "orcid"),
        ({"display_name": ""}, "display_name"),
        ({"institution": None}, "institution"),
        ({"website": "not a url"}, "website"),
        ({"publications": ["10.1000/a", "10.1000/A"]}, "publications"),
        ({"publications": ["rubbish"]}, "publications"),
        ({"research_areas": ["no-such-area"]}, "research_areas"),
        ({"open_to": ["gardening"]}, "open_to"),
        ({"keywords": "x" * 60}, "keywords"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(
    researcher, profile_data, change, field
):
    profile_data.update(change)
    with pytest.raises(ValidationError) as exc:
        services.partner_create(user=researcher, data=profile_data)
    assert field in exc.value.message_dict
    assert Partner.objects.count() == 0
    assert Publication.objects.count() == 0


def test_duplicate_publication_message_says_which_one(researcher, profile_data):
    profile_data["publications"] = ["31234567", "PMID 31234567"]
    with pytest.raises(ValidationError) as exc:
        services.partner_create(user=researcher, data=profile_data)
    assert (
        "31234567 is already in your list" in exc.value.message_dict["publications"][0]
    )


def test_duplicate_publication_is_refused_by_the_database_too(partner):
    from django.db import IntegrityError, transaction

    Publication.objects.create(partner=partner, kind="doi", identifier="10.1/x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.create(partner=partner, kind="doi", identifier="10.1/x")


def test_orcid_is_unique_across_profiles(created, profile_data):
    other = PartnerFactory(status=PartnerStatus.PENDING)
    with pytest.raises(ValidationError) as exc:
        services.partner_update(
            partner=other, user=other.user, data={"orcid": "0000000216942 33X"}
        )
    assert "already on another partner profile" in exc.value.message_dict["orcid"][0]


def test_suggested_institution_is_created_unconfirmed_and_blocks_verification(
    researcher, profile_data, moderator
):
    profile_data["institution"] = None
    profile_data["new_institution"] = {
        "name": "Lakeside Neonatal Unit",
        "country": "CA",
        "city": "Toronto",
        "type": "hospital",
    }
    partner = services.partner_create(user=researcher, data=profile_data)
    inst = Institution.objects.get(name="Lakeside Neonatal Unit")
    assert not inst.is_confirmed and inst.suggested_by == researcher
    assert partner.country.code == "CA"
    with pytest.raises(ValidationError, match="Confirm or merge the institution"):
        decisions.partner_verify(partner=partner, staff=moderator)
    decisions.institution_confirm(institutions=[inst], staff=moderator)
    decisions.partner_verify(partner=partner, staff=moderator)


def test_suggesting_an_existing_name_reuses_the_record(
    researcher, profile_data, institution
):
    profile_data["institution"] = None
    profile_data["new_institution"] = {
        "name": institution.name.upper(),
        "country": "GB",
        "type": "hospital",
    }
    partner = services.partner_create(user=researcher, data=profile_data)
    assert partner.institution == institution
    assert Institution.objects.count() == 1


def test_incomplete_institution_suggestion_is_refused(researcher, profile_data):
    profile_data["institution"] = None
    profile_data["new_institution"] = {"name": "Somewhere", "country": "", "type": ""}
    with pytest.raises(ValidationError) as exc:
        services.partner_create(user=researcher, data=profile_data)
    assert "new_institution" in exc.value.message_dict
    assert not Institution.objects.filter(name="Somewhere").exists()


def test_unconfirmed_institution_of_someone_else_cannot_be_chosen(
    researcher, profile_data
):
    profile_data["institution"] = InstitutionFactory(is_confirmed=False)
    with pytest.raises(ValidationError) as exc:
        services.partner_create(user=researcher, data=profile_data)
    assert "institution" in exc.value.message_dict


def test_staff_verify_lists_the_profile_logs_and_emails_once(
    created, moderator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decisions.partner_verify(partner=created, staff=moderator)
    created.refresh_from_db()
    assert created.status == PartnerStatus.VERIFIED
    assert created.verified_at and created.verified_by == moderator
    assert Partner.objects.listed().filter(pk=created.pk).exists()
    decision = created.decisions.first()
    assert (decision.action, decision.actor) == (DecisionAction.VERIFIED, moderator)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [created.user.email]
    assert "verified" in mail.outbox[0].subject
    # Celery may deliver a task twice; the researcher still gets one e-mail.
    assert send_partner_decision(decision.pk) is False
    assert len(mail.outbox) == 1


def test_return_needs_a_reason_which_the_researcher_sees(
    created, moderator, client_for, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError):
        decisions.partner_return(partner=created, staff=moderator, reason="  ")
    created.refresh_from_db()
    assert created.status == PartnerStatus.PENDING
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decisions.partner_return(
            partner=created, staff=moderator, reason="Please add your department."
        )
    assert "Please add your department." in mail.outbox[0].body
    page = client_for(created.user).get("/partners/me/")
    assert "Please add your department." in page.content.decode()


def test_researcher_answers_a_return_by_editing_and_resubmitting(created, moderator):
    decisions.partner_return(partner=created, staff=moderator, reason="Add a bio.")
    services.partner_update(
        partner=created, user=created.user, data={"bio": "Now with a biography."}
    )
    created.refresh_from_db()
    assert created.status == PartnerStatus.PENDING
    assert created.decisions.first().action == DecisionAction.RESUBMITTED


@pytest.mark.parametrize(
    "change",
    [
        {"display_name": "Dr Nia Renamed"},
        {"orcid": "0000-0001-5109-3700"},
        {"institution": "other"},
    ],
)
def test_material_change_of_verified_profile_goes_back_to_pending(
    created, moderator, change
):
    decisions.partner_verify(partner=created, staff=moderator)
    if change.get("institution") == "other":
        change = {"institution": InstitutionFactory()}
    services.partner_update(partner=created, user=created.user, data=change)
    created.refresh_from_db()
    assert created.status == PartnerStatus.PENDING
    last = created.decisions.first()
    assert last.action == DecisionAction.CHANGED and last.reason.startswith("Changed:")


def test_minor_change_of_verified_profile_stays_listed(created, moderator):
    decisions.partner_verify(partner=created, staff=moderator)
    services.partner_update(
        partner=created,
        user=created.user,
        data={"bio": "Updated.", "keywords": ["a", "b"], "accepts_contact": False},
    )
    created.refresh_from_db()
    assert created.status == PartnerStatus.VERIFIED
    assert created.keywords == "a, b" and not created.accepts_contact


def test_unlisting_hides_the_profile_and_only_staff_can_relist(created, moderator):
    decisions.partner_verify(partner=created, staff=moderator)
    decisions.partner_unlist(partner=created, staff=moderator, reason="Left the field.")
    services.partner_update(partner=created, user=created.user, data={"bio": "Back"})
    created.refresh_from_db()
    assert created.status == PartnerStatus.UNLISTED
    assert not Partner.objects.listed().exists()
    decisions.partner_verify(partner=created, staff=moderator)
    assert Partner.objects.listed().count() == 1


@pytest.mark.parametrize("role", ["researcher", "family", "user"])
def test_non_staff_cannot_take_decisions(created, role, request):
    member = request.getfixturevalue(role)
    for decide in (decisions.partner_verify, decisions.partner_unlist):
        with pytest.raises(PermissionDenied):
            decide(partner=created, staff=member, reason="x")
    created.refresh_from_db()
    assert created.status == PartnerStatus.PENDING


def test_decisions_follow_the_permissions_not_staff_status(
    created, group_moderator, institution
):
    """The Moderators group grants the decisions; staff status alone does not."""
    bare_staff = UserFactory(is_staff=True)
    with pytest.raises(PermissionDenied):
        decisions.partner_verify(partner=created, staff=bare_staff)
    with pytest.raises(PermissionDenied):
        decisions.institution_confirm(institutions=[institution], staff=bare_staff)
    decisions.partner_verify(partner=created, staff=group_moderator)
    dup = InstitutionFactory(name="Northfield Childrens Hosp.", is_confirmed=False)
    decisions.institution_confirm(institutions=[dup], staff=group_moderator)
    decisions.institution_merge(
        sources=[dup], target=institution, staff=group_moderator
    )
    assert Partner.objects.listed().count() == 1
    assert not Institution.objects.filter(pk=dup.pk).exists()


def test_a_refusal_says_why(created, unverified, family, profile_data):
    with pytest.raises(PermissionDenied, match="Confirm your e-mail address"):
        services.partner_create(user=unverified, data=profile_data)
    with pytest.raises(PermissionDenied, match="for members who joined as researchers"):
        services.partner_create(user=family, data=profile_data)


def test_nobody_edits_someone_elses_profile(created, researcher):
    other = PartnerFactory()
    with pytest.raises(PermissionDenied):
        services.partner_update(partner=other, user=researcher, data={"bio": "Mine"})
    other.refresh_from_db()
    assert other.bio == "Works on NEC."


def test_decision_that_does_not_apply_is_refused(created, moderator):
    decisions.partner_verify(partner=created, staff=moderator)
    with pytest.raises(ValidationError):
        decisions.partner_verify(partner=created, staff=moderator)
    assert VerificationDecision.objects.filter(action="verified").count() == 1


def test_merging_institutions_moves_partners(moderator, institution):
    dup = InstitutionFactory(name="Northfield Childrens Hosp.", is_confirmed=False)
    p = PartnerFactory(institution=dup, status=PartnerStatus.PENDING)
    moved = decisions.institution_merge(
        sources=[dup], target=institution, staff=moderator
    )
    p.refresh_from_db()
    assert moved == 1 and p.institution == institution
    assert not Institution.objects.filter(pk=dup.pk).exists()


def test_researcher_note_answers_the_return_and_is_logged(
    created, moderator, client_for
):
    decisions.partner_return(partner=created, staff=moderator, reason="Which NICU?")
    c = client_for(created.user)
    form = c.get("/partners/me/edit/").context["form"]
    assert "note_to_staff" in form.fields
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data["research_areas"] = [a.pk for a in created.research_areas.all()]
    data["note_to_staff"] = "The NICU at Northfield."
    assert c.post("/partners/me/edit/", data).status_code == 302
    decision = created.decisions.first()
    assert decision.action == DecisionAction.RESUBMITTED
    assert "The NICU at Northfield." in decision.reason
