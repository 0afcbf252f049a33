"""Publication identifiers people paste: DOIs and PubMed IDs.

One source of truth for the partners app (a researcher's selected publications)
and the research app (evidence citations). Plain functions without model
imports: each `normalise_*` returns the canonical form ("" for a blank value)
or raises django's ValidationError with a message a person can act on.
"""

import re
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DOI_URL = "https://doi.org/"
PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/"

# Both apps store identifiers in 200-character columns.
DOI_MAX_LENGTH = 200
# Crossref's advice for matching modern DOIs: "10." + 4-9 digit registrant (which
# may have dotted subdivisions) + "/" + a suffix of printable characters.
_DOI_SHAPE = re.compile(r"^10\.\d{4,9}(\.\d+)*/\S+$")
_DOI_PREFIXES = re.compile(r"^(https?://)?(dx\.)?(doi\.org/)|^doi:\s*", re.I)
# PubMed IDs are positive integers written without leading zeros; today they
# have at most 8 digits, so 9 leaves room.
_PMID_SHAPE = re.compile(r"^[1-9]\d{0,8}$")
_PMID_PREFIXES = re.compile(
    r"^(https?://)?(www\.)?(pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)"
    r"|^pmid:?\s*",
    re.I,
)


def normalise_doi(value: str | None) -> str:
    """Strip a resolver link or "doi:" label and the full stop that ends a
    pasted sentence; return the bare DOI in its own case ("" if blank)."""
    text = (value or "").strip()
    if not text:
        return ""
    text = _DOI_PREFIXES.sub("", text).strip().rstrip(".")
    if not _DOI_SHAPE.match(text) or len(text) > DOI_MAX_LENGTH:
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
    """Strip a "PMID:" label or PubMed link; return the digits ("" if blank)."""
    text = str(value if value is not None else "").strip()
    if not text:
        return ""
    text = _PMID_PREFIXES.sub("", text).strip("/ ")
    # isascii(): str.isdigit() and \d also accept other scripts' digits.
    if not text.isascii() or not _PMID_SHAPE.match(text):
        raise ValidationError(
            _(
                "“%(value)s” is not a PubMed id (PMID). A PMID is a number of up to "
                "nine digits, e.g. 33058137."
            ),
            code="invalid_pmid",
            params={"value": value},
        )
    return text


def looks_like_pmid(value: str) -> bool:
    """True when the text is labelled or linked as a PMID, or is only digits;
    anything else should be read as a DOI."""
    text = (value or "").strip()
    bare = _PMID_PREFIXES.sub("", text).rstrip("/")
    return bare.isdigit() or bare != text


def validate_doi(value: str) -> None:
    """Model field validator: a blank value passes (the field is optional)."""
    normalise_doi(value)


def validate_pmid(value: str) -> None:
    """Model field validator: a blank value passes (the field is optional)."""
    normalise_pmid(value)


def doi_url(doi: str) -> str:
    """The doi.org link for a normalised DOI ("" if there is none)."""
    # A DOI suffix may hold characters that mean something in a URL ("#", "?").
    return f"{DOI_URL}{quote(doi, safe='/:;()._-')}" if doi else ""


def pubmed_url(pmid: str) -> str:
    """The PubMed link for a normalised PMID ("" if there is none)."""
    return f"{PUBMED_URL}{pmid}/" if pmid else ""
