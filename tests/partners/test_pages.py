"""The directory, profile, edit and summary pages as people use them."""

import pytest
from django.core import mail

from partners.models import Partner, PartnerStatus
from partners.services import partner_refresh_search

from .factories import InstitutionFactory, PartnerFactory, PublicationFactory


def test_directory_lists_only_verified_partners(client, partner):
    PartnerFactory(display_name="Dr Pending Person", status=PartnerStatus.PENDING)
    PartnerFactory(display_name="Dr Unlisted Person", status=PartnerStatus.UNLISTED)
    PartnerFactory(display_name="Dr Returned Person", status=PartnerStatus.RETURNED)
    PartnerFactory(display_name="Dr Deleted Person", user__is_active=False)
    html = client.get("/partners/").content.decode()
    assert "Dr Ada Quill" in html
    for hidden in ("Pending", "Unlisted", "Returned", "Deleted"):
        assert f"Dr {hidden} Person" not in html


@pytest.mark.parametrize(
    "status", [PartnerStatus.PENDING, PartnerStatus.RETURNED, PartnerStatus.UNLISTED]
)
def test_unverified_profile_page_is_404_except_for_owner_and_staff(
    client, client_for, moderator, user, status
):
    p = PartnerFactory(status=status)
    assert client.get(f"/partners/{p.pk}/").status_code == 404
    assert client_for(user).get(f"/partners/{p.pk}/").status_code == 404
    assert client_for(p.user).get(f"/partners/{p.pk}/").status_code == 200
    assert client_for(moderator).get(f"/partners/{p.pk}/").status_code == 200


def test_staff_rights_here_are_the_view_partner_permission(
    client_for, group_moderator, db
):
    """Staff status alone opens nothing: the Moderators group grants view_partner."""
    from tests.factories import UserFactory

    p = PartnerFactory(status=PartnerStatus.PENDING)
    bare_staff = client_for(UserFactory(is_staff=True))
    assert bare_staff.get(f"/partners/{p.pk}/").status_code == 404
    assert bare_staff.get("/partners/export.csv").status_code == 403
    assert "waits for verification" not in bare_staff.get("/partners/").content.decode()
    moderator = client_for(group_moderator)
    assert moderator.get(f"/partners/{p.pk}/").status_code == 200
    assert moderator.get("/partners/export.csv").status_code == 200
    assert (
        "1 profile waits for verification"
        in moderator.get("/partners/").content.decode()
    )


def test_unknown_partner_is_404(client, db):
    assert client.get("/partners/999999/").status_code == 404


def test_profile_page_shows_links_badge_and_no_email(client, partner):
    partner.orcid = "0000-0002-1825-0097"
    partner.save()
    PublicationFactory(partner=partner, kind="doi", identifier="10.1000/xyz")
    PublicationFactory(partner=partner, kind="pmid", identifier="31234567")
    html = client.get(f"/partners/{partner.pk}/").content.decode()
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in html
    assert 'href="https://doi.org/10.1000/xyz"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/31234567/"' in html
    assert "Verified by staff on" in html
    assert partner.user.email not in html
    assert "ada.quill.private" not in html


def test_pages_never_show_partner_email_to_signed_in_members(
    client_for, partner, clinician
):
    c = client_for(clinician)
    for url in ("/partners/", f"/partners/{partner.pk}/", "/partners/places/"):
        assert partner.user.email not in c.get(url).content.decode()


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "lactoferrin"}, {"Dr Ada Quill"}),
        ({"q": "Quill"}, {"Dr Ada Quill"}),
        ({"q": "Lagos"}, {"Dr Bo Other"}),
        ({"area": "microbiome"}, {"Dr Ada Quill"}),
        ({"country": "NG"}, {"Dr Bo Other"}),
        ({"institution_type": "hospital"}, {"Dr Bo Other"}),
        ({"open_to": "mentoring"}, {"Dr Bo Other"}),
        ({"open_to": "collaboration"}, {"Dr Ada Quill"}),
        ({}, {"Dr Ada Quill", "Dr Bo Other"}),
    ],
)
def test_directory_search_and_filters(client, partner, params, expected):
    other_inst = InstitutionFactory(
        name="Lagos Neonatal Centre", country="NG", city="Lagos", type="hospital"
    )
    other = PartnerFactory(
        display_name="Dr Bo Other",
        institution=other_inst,
        open_to_collaboration=False,
        open_to_mentoring=True,
        bio="Surgery outcomes.",
    )
    partner_refresh_search(partner_ids=[other.pk])
    response = client.get("/partners/", params)
    shown = {p.display_name for p in response.context["partners"]}
    assert shown == expected


def test_filter_by_institution_and_sorts(client, partner):
    later = PartnerFactory(display_name="Aaron Early")
    response = client.get("/partners/", {"institution": partner.institution_id})
    assert [p.pk for p in response.context["partners"]] == [partner.pk]
    names = [p.display_name for p in client.get("/partners/").context["partners"]]
    assert names == ["Aaron Early", "Dr Ada Quill"]
    recent = client.get("/partners/", {"sort": "recent"}).context["partners"]
    assert recent[0].pk == later.pk


def test_bad_filter_values_give_an_empty_page_not_an_error(client, partner):
    response = client.get("/partners/", {"area": "nope", "page": "abc"})
    assert response.status_code == 200
    assert list(response.context["partners"]) == []


def test_directory_paginates(client, settings, db):
    settings.PARTNERS_PER_PAGE = 2
    for _ in range(5):
        PartnerFactory()
    first = client.get("/partners/")
    assert len(first.context["partners"]) == 2
    last = client.get("/partners/", {"page": 3})
    assert len(last.context["partners"]) == 1
    assert 'rel="next"' in first.content.decode()


def test_places_page_counts_verified_partners_by_country_and_institution(
    client, partner
):
    PartnerFactory(institution=partner.institution)
    PartnerFactory(status=PartnerStatus.PENDING, institution=partner.institution)
    hidden = InstitutionFactory(name="Unconfirmed Place", is_confirmed=False)
    PartnerFactory(institution=hidden, status=PartnerStatus.PENDING)
    response = client.get("/partners/places/")
    html = response.content.decode()
    assert response.context["total"] == 2
    assert response.context["by_country"] == [
        {"code": "GB", "name": "United Kingdom", "count": 2}
    ]
    assert [(i.pk, i.partner_count) for i in response.context["institutions"]] == [
        (partner.institution_id, 2)
    ]
    assert "Unconfirmed Place" not in html


# --- Creating and editing through the form -----------------------------------------


def _form(institution, **extra):
    data = {
        "display_name": "Dr Form User",
        "title": "Lecturer",
        "institution": institution.pk,
        "orcid": "0000-0001-5109-3700",
        "research_areas": [],
        "publications": "10.1000/abc First paper\n31234567",
        "open_to": ["speaking"],
        "accepts_contact": "on",
    }
    data.update(extra)
    return data


def test_researcher_creates_profile_through_the_form(
    client_for, researcher, institution
):
    c = client_for(researcher)
    assert c.get("/partners/me/edit/").status_code == 200
    response = c.post("/partners/me/edit/", _form(institution))
    assert response.status_code == 302
    p = Partner.objects.get(user=researcher)
    assert p.status == PartnerStatus.PENDING
    assert [(x.identifier, x.title) for x in p.publications.all()] == [
        ("10.1000/abc", "First paper"),
        ("31234567", ""),
    ]
    page = c.get("/partners/me/").content.decode()
    assert "Waiting for verification" in page


@pytest.mark.parametrize("role", ["family", "clinician", "user", "unverified"])
def test_other_members_cannot_create_a_profile(client_for, request, role, institution):
    member = request.getfixturevalue(role)
    c = client_for(member)
    assert c.get("/partners/me/edit/").status_code == 403
    assert c.post("/partners/me/edit/", _form(institution)).status_code == 403
    assert not Partner.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, institution):
    response = client.post("/partners/me/edit/", _form(institution))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert not Partner.objects.exists()


def test_form_shows_field_errors_and_keeps_nothing(client_for, researcher, institution):
    c = client_for(researcher)
    response = c.post(
        "/partners/me/edit/",
        _form(institution, orcid="0000-0001-5109-3701", publications="10.1/x\nfoo"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "fails its check digit" in html
    assert "Publication 1:" in html and "Publication 2:" in html
    assert not Partner.objects.exists()


def test_form_suggests_a_new_institution(client_for, researcher):
    response = client_for(researcher).post(
        "/partners/me/edit/",
        {
            **_form(InstitutionFactory.build(pk=0)),
            "institution": "",
            "new_institution_name": "Riverside Perinatal Centre",
            "new_institution_country": "IE",
            "new_institution_type": "hospital",
        },
    )
    assert response.status_code == 302
    p = Partner.objects.get()
    assert p.institution.name == "Riverside Perinatal Centre"
    assert not p.institution.is_confirmed


def test_owner_edits_and_switches_contact_off(client_for, partner):
    c = client_for(partner.user)
    form = c.get("/partners/me/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data["institution"] = partner.institution_id
    data["research_areas"] = [a.pk for a in partner.research_areas.all()]
    data["bio"] = "New bio."
    data.pop("accepts_contact")
    response = c.post("/partners/me/edit/", data)
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.bio == "New bio." and not partner.accepts_contact
    assert partner.status == PartnerStatus.VERIFIED


def test_institution_options_endpoint_lists_confirmed_matches_only(client, db):
    InstitutionFactory(name="Northfield Children's Hospital")
    InstitutionFactory(name="Northfield Secret Lab", is_confirmed=False)
    InstitutionFactory(name="Elsewhere College")
    html = client.get("/partners/institutions/options/", {"q": "northf"}).content
    html = html.decode()
    assert "Northfield Children&#x27;s Hospital" in html
    assert "Secret" not in html and "Elsewhere" not in html


def test_staff_csv_export_has_verified_partners_and_no_email(
    client_for, moderator, partner
):
    PartnerFactory(display_name="Dr Not Yet", status=PartnerStatus.PENDING)
    response = client_for(moderator).get("/partners/export.csv")
    body = response.getvalue().decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Dr Ada Quill" in body and "Dr Not Yet" not in body
    assert "@" not in body.replace("https://", "")


@pytest.mark.parametrize("role", ["researcher", "family", "user"])
def test_csv_export_is_staff_only(client_for, request, role, partner):
    member = request.getfixturevalue(role)
    response = client_for(member).get("/partners/export.csv")
    assert response.status_code == 403
    assert "Dr Ada Quill" not in response.content.decode()


def test_csv_export_sends_anonymous_visitors_to_sign_in(client, partner):
    response = client.get("/partners/export.csv")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/partners/export.csv"


def test_decision_mail_is_not_sent_for_researcher_steps(
    client_for, researcher, institution
):
    client_for(researcher).post("/partners/me/edit/", _form(institution))
    assert all(m.to == ["staff-inbox@example.org"] for m in mail.outbox)


def test_orcid_sign_in_prefills_the_new_profile(client_for, researcher):
    from allauth.socialaccount.models import SocialAccount

    SocialAccount.objects.create(
        user=researcher, provider="orcid", uid="0000-0002-1825-0097"
    )
    form = client_for(researcher).get("/partners/me/edit/").context["form"]
    assert form.initial["orcid"] == "0000-0002-1825-0097"
    assert form.initial["display_name"] == researcher.display_name


def test_institution_options_keep_the_current_choice(client, client_for, db):
    kept = InstitutionFactory(name="Rheinland Centre")
    InstitutionFactory(name="Amstel Centre")
    html = client.get(
        "/partners/institutions/options/", {"q": "amstel", "institution": kept.pk}
    ).content.decode()
    assert "Rheinland Centre" in html and f'value="{kept.pk}" selected' in html
    hidden = InstitutionFactory(name="Private Suggestion", is_confirmed=False)
    params = {"q": "amstel", "institution": hidden.pk}
    assert (
        "Private Suggestion"
        not in client.get("/partners/institutions/options/", params).content.decode()
    )
    owner = PartnerFactory(institution=hidden, status=PartnerStatus.PENDING)
    assert (
        "Private Suggestion"
        in client_for(owner.user)
        .get("/partners/institutions/options/", params)
        .content.decode()
    )


def test_staff_see_the_verification_queue_link(client_for, client, moderator, db):
    PartnerFactory(status=PartnerStatus.PENDING)
    html = client_for(moderator).get("/partners/").content.decode()
    assert "1 profile waits for verification" in html
    client.logout()
    assert "waits for verification" not in client.get("/partners/").content.decode()


def test_profile_page_has_person_structured_data_without_email(client, partner):
    import json
    import re

    partner.orcid = "0000-0002-1825-0097"
    partner.bio = "</script><script>alert(1)</script>"
    partner.save()
    html = client.get(f"/partners/{partner.pk}/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Person" and data["name"] == "Dr Ada Quill"
    assert data["sameAs"] == ["https://orcid.org/0000-0002-1825-0097"]
    assert "microbiome" in [k.lower() for k in data["knowsAbout"]]
    assert partner.user.email not in block.group(1)
    assert "<script>alert(1)" not in html


def test_owner_deletes_their_profile_after_confirming(client_for, partner):
    c = client_for(partner.user)
    assert c.get("/partners/me/delete/").status_code == 200
    assert Partner.objects.filter(pk=partner.pk).exists()
    assert c.post("/partners/me/delete/").status_code == 302
    assert not Partner.objects.filter(pk=partner.pk).exists()
    assert partner.user.__class__.objects.filter(pk=partner.user_id).exists()


def test_delete_page_never_touches_someone_elses_profile(
    client_for, partner, researcher
):
    client_for(researcher).post("/partners/me/delete/")
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_reindex_command_is_harmless_on_sqlite(db, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.USING_POSTGRES = False
    out = StringIO()
    call_command("partners_reindex", stdout=out)
    assert "nothing to do" in out.getvalue()


def test_csv_export_defuses_text_that_a_spreadsheet_would_run(
    client_for, moderator, partner
):
    partner.department = '=HYPERLINK("http://evil.example")'
    partner.save(update_fields=["department"])
    body = client_for(moderator).get("/partners/export.csv").getvalue().decode()
    assert "'=HYPERLINK" in body
    assert ",=HYPERLINK" not in body
