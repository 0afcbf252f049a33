import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from portal.identifiers import normalise_doi, normalise_pmid
from research import services
from research.models import Citation
from tests.research.factories import CitationFactory


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("10.1002/14651858.CD005496.pub5", "10.1002/14651858.CD005496.pub5"),
        ("https://doi.org/10.1093/advances/nmaa039", "10.1093/advances/nmaa039"),
        ("doi:10.1055/s-0033-1333671", "10.1055/s-0033-1333671"),
        ("  DOI: 10.3310/hta24180. ", "10.3310/hta24180"),
        ("https://dx.doi.org/10.1186/s12887-020-02231-5", "10.1186/s12887-020-02231-5"),
        ("", ""),
    ],
)
def test_dois_are_normalised(raw, clean):
    assert normalise_doi(raw) == clean


@pytest.mark.parametrize(
    "raw", ["10.12/short", "11.1000/abc", "doi", "10.1000", "10.1000/has space"]
)
def test_bad_dois_get_a_clear_message(raw):
    with pytest.raises(ValidationError) as exc:
        normalise_doi(raw)
    assert "is not a DOI" in exc.value.messages[0]


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("33058137", "33058137"),
        ("PMID: 33058137", "33058137"),
        ("pmid33058137", "33058137"),
        ("https://pubmed.ncbi.nlm.nih.gov/33058137/", "33058137"),
        (33058137, "33058137"),
    ],
)
def test_pmids_are_normalised(raw, clean):
    assert normalise_pmid(raw) == clean


@pytest.mark.parametrize("raw", ["0123", "PMC2760222", "12a45", "1234567890"])
def test_bad_pmids_get_a_clear_message(raw):
    with pytest.raises(ValidationError) as exc:
        normalise_pmid(raw)
    assert "is not a PubMed id" in exc.value.messages[0]


@pytest.mark.django_db
def test_editor_adds_a_citation_with_normalised_ids(editor):
    citation = services.citation_create(
        by=editor,
        authors="Sharif S, et al.",
        year=2020,
        title="",
        journal="Cochrane Database Syst Rev",
        doi="https://doi.org/10.1002/14651858.CD005496.pub5",
        pmid="PMID: 33058137",
    )
    assert citation.doi == "10.1002/14651858.CD005496.pub5"
    assert citation.pmid == "33058137"
    assert citation.doi_url == "https://doi.org/10.1002/14651858.CD005496.pub5"
    assert citation.pubmed_url == "https://pubmed.ncbi.nlm.nih.gov/33058137/"


@pytest.mark.django_db
def test_a_citation_needs_a_doi_or_a_pmid(editor):
    with pytest.raises(ValidationError) as exc:
        services.citation_create(by=editor, title="No ids", journal="J")
    assert "doi" in exc.value.message_dict
    assert not Citation.objects.exists()


@pytest.mark.django_db
def test_database_also_refuses_a_citation_without_ids():
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(title="No ids", journal="J")


@pytest.mark.django_db
def test_bad_update_reports_every_field_and_changes_nothing(editor):
    citation = CitationFactory(doi="10.1000/ok", pmid="123456")
    with pytest.raises(ValidationError) as exc:
        services.citation_update(
            by=editor, citation=citation, doi="not-a-doi", pmid="x1", title="Changed"
        )
    assert set(exc.value.message_dict) == {"doi", "pmid"}
    citation.refresh_from_db()
    assert (citation.doi, citation.pmid) == ("10.1000/ok", "123456")
    assert citation.title != "Changed"


@pytest.mark.django_db
def test_duplicate_doi_is_refused_whatever_its_case(editor):
    CitationFactory(doi="10.1000/ABC", pmid="")
    with pytest.raises(ValidationError):
        services.citation_create(by=editor, title="Dup", journal="J", doi="10.1000/abc")
    assert Citation.objects.count() == 1
