import pytest
from django.core.exceptions import ValidationError

from partners.validators import (
    normalise_doi,
    normalise_orcid,
    normalise_publication,
    orcid_check_digit,
    publication_url,
)
from portal.identifiers import normalise_pmid


@pytest.mark.parametrize(
    "value, expected",
    [
        ("0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("0000-0001-5109-3700", "0000-0001-5109-3700"),
        ("0000-0002-1694-233X", "0000-0002-1694-233X"),
        ("0000-0002-1694-233x", "0000-0002-1694-233X"),
        ("https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("http://orcid.org/0000-0001-5109-3700", "0000-0001-5109-3700"),
        ("000000021694233X", "0000-0002-1694-233X"),
        (" 0000 0002 1825 0097 ", "0000-0002-1825-0097"),
    ],
)
def test_valid_orcid_ids_are_normalised(value, expected):
    assert normalise_orcid(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "0000-0002-1825-0098",  # wrong check digit
        "0000-0002-1694-2330",  # X expected, 0 given
        "0000-0001-5109-370X",  # X given, 0 expected
        "0000-0002-1825-009",  # too short
        "0000-0002-1825-00977",  # too long
        "0000-000X-1825-0097",  # X only allowed last
        "abcd-efgh-ijkl-mnop",
        "https://example.org/0000-0002-1825-0097",
        "",
    ],
)
def test_invalid_orcid_ids_are_refused_with_a_message(value):
    with pytest.raises(ValidationError) as exc:
        normalise_orcid(value)
    assert "ORCID" in exc.value.messages[0]


def test_check_digit_follows_iso_7064_mod_11_2():
    assert orcid_check_digit("000000021825009") == "7"
    assert orcid_check_digit("000000021694233") == "X"
    assert orcid_check_digit("000000015109370") == "0"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("10.1000/xyz123", "10.1000/xyz123"),
        ("https://doi.org/10.1038/NATURE12373", "10.1038/nature12373"),
        ("doi:10.1002/(SICI)1097-0258", "10.1002/(sici)1097-0258"),
        ("https://dx.doi.org/10.12345/a.b-c", "10.12345/a.b-c"),
    ],
)
def test_valid_dois_are_normalised(value, expected):
    assert normalise_doi(value) == expected


@pytest.mark.parametrize(
    "value", ["10.1/abc", "11.1000/abc", "10.1000", "10.1000/ has space", "nature"]
)
def test_invalid_dois_are_refused(value):
    with pytest.raises(ValidationError):
        normalise_doi(value)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("31234567", "31234567"),
        ("PMID: 123", "123"),
        ("https://pubmed.ncbi.nlm.nih.gov/31234567/", "31234567"),
    ],
)
def test_valid_pmids_are_normalised(value, expected):
    assert normalise_pmid(value) == expected


@pytest.mark.parametrize("value", ["0", "1234567890", "12a4", "-5", "٣٤٥"])
def test_invalid_pmids_are_refused(value):
    with pytest.raises(ValidationError):
        normalise_pmid(value)


def test_publication_kind_is_detected_and_linked():
    assert normalise_publication("10.1000/XYZ") == ("doi", "10.1000/xyz")
    assert normalise_publication("31234567") == ("pmid", "31234567")
    assert publication_url("doi", "10.1000/xyz") == "https://doi.org/10.1000/xyz"
    assert (
        publication_url("pmid", "31234567")
        == "https://pubmed.ncbi.nlm.nih.gov/31234567/"
    )
    with pytest.raises(ValidationError) as exc:
        normalise_publication("not a reference")
    assert "neither a DOI" in exc.value.messages[0]
