import pytest

from partners.models import ResearchArea
from partners.services import partner_refresh_search

from .factories import InstitutionFactory, PartnerFactory


@pytest.fixture(autouse=True)
def _staff_inbox(settings):
    settings.CONTACT_RECIPIENTS = ["staff-inbox@example.org"]


@pytest.fixture
def institution(db):
    return InstitutionFactory(name="Northfield Children's Hospital", type="hospital")


@pytest.fixture
def microbiome(db):
    # Seeded by the data migration; transactional tests flush it, so re-create.
    area, _ = ResearchArea.objects.get_or_create(
        slug="microbiome", defaults={"name": "Microbiome"}
    )
    return area


@pytest.fixture
def partner(db, microbiome):
    p = PartnerFactory(
        display_name="Dr Ada Quill",
        keywords="lactoferrin, donor milk",
        areas=[microbiome],
        user__email="ada.quill.private@example.org",
    )
    partner_refresh_search(partner_ids=[p.pk])
    return p


@pytest.fixture
def profile_data(institution, microbiome):
    """Valid input for partner_create, as the form and the API pass it."""
    return {
        "display_name": "Dr Nia Example",
        "title": "Neonatologist",
        "institution": institution,
        "department": "NICU",
        "city": "Manchester",
        "country": "",
        "orcid": "https://orcid.org/0000-0002-1694-233x",
        "website": "https://example.org/nia",
        "bio": "I study **feeding** and NEC.",
        "research_areas": [microbiome],
        "keywords": "donor milk, Donor milk, fortifier",
        "publications": [
            {"identifier": "https://doi.org/10.1000/ABC123", "title": "A trial"},
            {"identifier": "PMID: 31234567"},
        ],
        "open_to": ["collaboration", "recruiting"],
        "accepts_contact": True,
    }
