"""DOI and PMID checks: accept what people paste, store one canonical form."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Crossref's recommended pattern for modern DOIs: "10." + registrant + "/" + suffix.
DOI_RE = re.compile(r"^10\.\d{4,9}/[^\s]+$")
DOI_PREFIXES = (
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "doi.org/",
    "doi:",
)
# PubMed ids are positive integers; today they have at most 8 digits.
PMID_RE = re.compile(r"^[1-9]\d{0,8}$")
PMID_PREFIXES = ("pmid:", "pmid", "https://pubmed.ncbi.nlm.nih.gov/")


def normalise_doi(value: str) -> str:
    """Strip resolver prefixes and whitespace; raise ValidationError if not a DOI."""
    text = (value or "").strip()
    if not text:
        return ""
    lowered = text.lower()
    for prefix in DOI_PREFIXES:
        if lowered.startswith(prefix):
            text = text[len(prefix) :].strip()
            break
    text = text.rstrip(".")
    if not DOI_RE.match(text):
        raise ValidationError(
            _(
                "“%(value)s” is not a DOI. A DOI starts with 10., then a number, a "
                "slash and the rest, e.g. 10.1002/14651858.CD005496.pub5."
            ),
            code="invalid_doi",
            params={"value": value},
        )
    return text


def normalise_pmid(value: str | int | None) -> str:
    """Strip a "PMID:" label or PubMed URL; raise ValidationError if not a PMID."""
    text = str(value if value is not None else "").strip()
    if not text:
        return ""
    lowered = text.lower()
    for prefix in PMID_PREFIXES:
        if lowered.startswith(prefix):
            text = text[len(prefix) :].strip()
            break
    text = text.strip("/ ")
    if not PMID_RE.match(text):
        raise ValidationError(
            _(
                "“%(value)s” is not a PubMed id (PMID). A PMID is a number of up to "
                "nine digits, e.g. 33058137."
            ),
            code="invalid_pmid",
            params={"value": value},
        )
    return text


def validate_doi(value: str) -> None:
    if value:
        normalise_doi(value)


def validate_pmid(value: str) -> None:
    if value:
        normalise_pmid(value)
