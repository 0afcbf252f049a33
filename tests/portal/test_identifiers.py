"""The shared DOI/PMID rules both the partners and research apps rely on."""

import pytest
from django.core.exceptions import ValidationError

from portal.identifiers import (
    doi_url,
    normalise_doi,
    normalise_pmid,
    pubmed_url,
    validate_doi,
    validate_pmid,
)


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("10.1000.10/ABC", "10.1000.10/ABC"),  # subdivided registrant, case kept
        ("dx.doi.org/10.1000/xyz", "10.1000/xyz"),
        ("DOI:10.1000/xyz.", "10.1000/xyz"),
    ],
)
def test_doi_forms_people_paste_are_accepted(raw, clean):
    assert normalise_doi(raw) == clean


def test_an_overlong_doi_is_refused():
    with pytest.raises(ValidationError):
        normalise_doi("10.1000/" + "x" * 200)


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("https://www.ncbi.nlm.nih.gov/pubmed/31234567", "31234567"),
        ("http://pubmed.ncbi.nlm.nih.gov/31234567", "31234567"),
        ("  ", ""),
        (None, ""),
    ],
)
def test_pmid_links_and_blanks(raw, clean):
    assert normalise_pmid(raw) == clean


def test_field_validators_let_blank_through_and_refuse_junk():
    validate_doi("")
    validate_pmid("")
    with pytest.raises(ValidationError):
        validate_doi("nature")
    with pytest.raises(ValidationError):
        validate_pmid("0123")


def test_links_escape_what_a_url_would_misread():
    assert doi_url("10.1000/a#b?c") == "https://doi.org/10.1000/a%23b%3Fc"
    assert doi_url("") == "" and pubmed_url("") == ""
    assert pubmed_url("31234567") == "https://pubmed.ncbi.nlm.nih.gov/31234567/"
