"""/api/v1/partners/, research-areas, institutions; editing one's own profile."""

import json

import pytest

from partners.models import Partner, PartnerStatus
from partners.services import partner_refresh_search

from .factories import InstitutionFactory, PartnerFactory, PublicationFactory

PRIVATE = ("email", "user", "status_reason", "search_vector")


def test_list_shows_verified_partners_with_public_fields_only(api_client, partner):
    PartnerFactory(status=PartnerStatus.PENDING)
    response = api_client.get("/api/v1/partners/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["display_name"] == "Dr Ada Quill"
    assert item["institution"]["name"] == partner.institution.name
    assert item["research_areas"][0]["slug"] == "microbiome"
    assert item["keywords"] == ["lactoferrin", "donor milk"]
    for key in PRIVATE:
        assert key not in item
    assert partner.user.email not in response.content.decode()


def test_detail_has_publication_links_and_no_email(api_client, partner):
    partner.orcid = "0000-0002-1825-0097"
    partner.save()
    PublicationFactory(partner=partner, kind="pmid", identifier="31234567")
    response = api_client.get(f"/api/v1/partners/{partner.pk}/")
    data = response.json()
    assert response.status_code == 200, data
    assert data["orcid_url"] == "https://orcid.org/0000-0002-1825-0097"
    assert data["publications"][0]["url"] == "https://pubmed.ncbi.nlm.nih.gov/31234567/"
    assert partner.user.email not in response.content.decode()


@pytest.mark.parametrize(
    "status", [PartnerStatus.PENDING, PartnerStatus.RETURNED, PartnerStatus.UNLISTED]
)
def test_detail_of_unlisted_profile_is_404(api_client, db, status):
    p = PartnerFactory(status=status)
    assert api_client.get(f"/api/v1/partners/{p.pk}/").status_code == 404


def test_reporting_token_may_read(api_client, partner, reporting_token):
    _token, key = reporting_token
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get("/api/v1/partners/").json()["count"] == 1


def test_api_filters_and_search(api_client, partner):
    other = PartnerFactory(
        display_name="Dr Bo Other",
        institution=InstitutionFactory(country="NG", type="hospital"),
        bio="Surgery outcomes in Lagos.",
    )
    partner_refresh_search(partner_ids=[other.pk])

    def names(**params):
        body = api_client.get("/api/v1/partners/", params).json()
        return {r["display_name"] for r in body["results"]}

    assert names(q="lactoferrin") == {"Dr Ada Quill"}
    assert names(q="surgery") == {"Dr Bo Other"}
    assert names(area="microbiome") == {"Dr Ada Quill"}
    assert names(country="NG") == {"Dr Bo Other"}
    assert names(institution_type="hospital") == {"Dr Bo Other"}
    assert names(institution=partner.institution_id) == {"Dr Ada Quill"}


def test_api_bad_filter_is_a_400_with_field_errors(api_client, partner):
    response = api_client.get("/api/v1/partners/", {"area": "nope", "sort": "x"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"area", "sort"}


def test_research_areas_and_confirmed_institutions(api_client, institution, microbiome):
    InstitutionFactory(name="Hidden Suggestion", is_confirmed=False)
    areas = api_client.get("/api/v1/research-areas/").json()
    assert "microbiome" in {a["slug"] for a in areas}
    insts = api_client.get("/api/v1/institutions/").json()["results"]
    assert [i["name"] for i in insts] == [institution.name]
    found = api_client.get("/api/v1/institutions/", {"q": "northf"}).json()
    assert found["count"] == 1


def test_api_is_read_only_for_partners_list(api_client, client_for, moderator, partner):
    api_client.force_authenticate(moderator)
    assert api_client.post("/api/v1/partners/", {}).status_code == 405
    assert api_client.delete(f"/api/v1/partners/{partner.pk}/").status_code == 405


# --- /partners/me/ ------------------------------------------------------------------


def _payload(institution, **extra):
    data = {
        "display_name": "Dr Api User",
        "institution": institution.pk,
        "orcid": "0000-0002-1694-233X",
        "research_areas": ["microbiome"],
        "keywords": ["donor milk"],
        "publications": [{"identifier": "10.1000/ABC", "title": "Paper"}],
        "open_to": ["mentoring"],
    }
    data.update(extra)
    return data


def test_researcher_creates_and_reads_own_profile(api_client, researcher, institution):
    api_client.force_authenticate(researcher)
    assert api_client.get("/api/v1/partners/me/").status_code == 404
    response = api_client.put(
        "/api/v1/partners/me/", _payload(institution), format="json"
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "pending"
    assert data["orcid"] == "0000-0002-1694-233X"
    assert data["publications"][0]["identifier"] == "10.1000/abc"
    assert researcher.email not in response.content.decode()
    assert (
        api_client.get("/api/v1/partners/me/").json()["display_name"] == "Dr Api User"
    )


def test_patch_changes_only_sent_fields_and_follows_verification_rules(
    api_client, partner
):
    api_client.force_authenticate(partner.user)
    response = api_client.patch(
        "/api/v1/partners/me/", {"bio": "Patched."}, format="json"
    )
    assert response.status_code == 200
    partner.refresh_from_db()
    assert partner.bio == "Patched." and partner.status == PartnerStatus.VERIFIED
    assert partner.display_name == "Dr Ada Quill"
    api_client.patch(
        "/api/v1/partners/me/", {"display_name": "Dr Ada Q."}, format="json"
    )
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.PENDING


def test_put_bad_input_is_400_with_field_messages_and_nothing_changes(
    api_client, partner
):
    api_client.force_authenticate(partner.user)
    response = api_client.put(
        "/api/v1/partners/me/",
        _payload(
            partner.institution,
            orcid="0000-0002-1825-0098",
            publications=[{"identifier": "10.1/a"}, {"identifier": "10.1/A"}],
        ),
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "orcid" in errors and "publications" in errors
    partner.refresh_from_db()
    assert partner.display_name == "Dr Ada Quill" and partner.orcid == ""


def test_put_with_wrong_types_is_a_400(api_client, researcher):
    api_client.force_authenticate(researcher)
    response = api_client.put(
        "/api/v1/partners/me/",
        {"display_name": "X", "keywords": 5, "research_areas": "microbiome"},
        format="json",
    )
    assert response.status_code == 400
    assert not Partner.objects.exists()


@pytest.mark.parametrize("role", ["family", "clinician", "user"])
def test_other_members_cannot_create_through_the_api(
    api_client, request, role, institution
):
    api_client.force_authenticate(request.getfixturevalue(role))
    response = api_client.put(
        "/api/v1/partners/me/", _payload(institution), format="json"
    )
    assert response.status_code == 403
    assert not Partner.objects.exists()


@pytest.mark.parametrize("role", ["unverified", "blocked"])
def test_members_who_cannot_participate_cannot_write(
    api_client, request, role, institution
):
    api_client.force_authenticate(request.getfixturevalue(role))
    response = api_client.put(
        "/api/v1/partners/me/", _payload(institution), format="json"
    )
    assert response.status_code == 403


def test_anonymous_cannot_use_me(api_client, db):
    # 401: the token scheme asks for credentials.
    assert api_client.get("/api/v1/partners/me/").status_code == 401
    assert (
        api_client.patch("/api/v1/partners/me/", {}, format="json").status_code == 401
    )


def test_me_always_means_the_callers_own_profile(api_client, partner, researcher):
    """Another researcher's PATCH never reaches someone else's profile."""
    api_client.force_authenticate(researcher)
    response = api_client.patch(
        "/api/v1/partners/me/", {"bio": "Hijacked"}, format="json"
    )
    assert response.status_code == 404
    partner.refresh_from_db()
    assert partner.bio == "Works on NEC."


def test_schema_documents_the_endpoints(api_client, db):
    response = api_client.get("/api/v1/schema/", {"format": "json"})
    paths = json.loads(response.content)["paths"]
    assert "/api/v1/partners/me/" in paths
    assert "/api/v1/research-areas/" in paths


def test_owner_deletes_own_profile_through_the_api(api_client, partner, researcher):
    api_client.force_authenticate(researcher)
    assert api_client.delete("/api/v1/partners/me/").status_code == 404
    assert Partner.objects.filter(pk=partner.pk).exists()
    api_client.force_authenticate(partner.user)
    assert api_client.delete("/api/v1/partners/me/").status_code == 204
    assert not Partner.objects.filter(pk=partner.pk).exists()


@pytest.mark.parametrize(
    "url, status",
    [
        # A NUL anywhere is a 400 (portal.middleware.BadInputMiddleware).
        ("/api/v1/partners/?q=milk%00", 400),
        ("/api/v1/institutions/?q=a%00b", 400),
        ("/api/v1/partners/?institution=%C2%B2", 400),
        ("/api/v1/partners/abc/", 404),
    ],
)
def test_odd_input_never_causes_a_server_error(api_client, partner, url, status):
    response = api_client.get(url)
    assert response.status_code == status
    if status != 200:
        assert "detail" in response.json()


@pytest.mark.parametrize(
    "url, status",
    [
        ("/partners/?q=milk%00", 400),
        ("/partners/institutions/options/?q=a%00b&institution=%C2%B2", 400),
        ("/partners/institutions/options/?q=ab&institution=%C2%B2", 200),
        ("/partners/?page=-1&sort=%00", 400),
        ("/partners/?page=-1&sort=x", 200),
    ],
)
def test_odd_page_input_never_causes_a_server_error(client, partner, url, status):
    assert client.get(url).status_code == status
