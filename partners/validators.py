"""Identifiers researchers type in: ORCID iDs, DOIs and PubMed IDs.

Plain functions (no model imports) so other apps can reuse them: each
`normalise_*` returns the canonical form or raises django's ValidationError
with a message a person can act on.
"""

import re
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORCID_URL = "https://orcid.org/"
DOI_URL = "https://doi.org/"
PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/"

_ORCID_PREFIXES = re.compile(r"^(https?://)?(www\.)?(sandbox\.)?orcid\.org/", re.I)
_ORCID_SHAPE = re.compile(r"^\d{15}[\dX]$")
# Crossref's advice for matching modern DOIs: "10." + 4-9 digit registrant + "/" +
# a suffix of printable characters without spaces.
_DOI_SHAPE = re.compile(r"^10\.\d{4,9}(\.\d+)*/\S+$")
_DOI_PREFIXES = re.compile(r"^(https?://)?(dx\.)?(doi\.org/)|^doi:\s*", re.I)
_PMID_PREFIXES = re.compile(
    r"^(https?://)?(www\.)?(pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)"
    r"|^pmid:?\s*",
    re.I,
)


def orcid_check_digit(base_digits: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 15 digits of an iD."""
    total = 0
    for char in base_digits:
        total = (total + int(char)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalise_orcid(value: str) -> str:
    """Accept the iD with or without hyphens or the https://orcid.org/ prefix;
    return it as 0000-0002-1825-0097."""
    text = _ORCID_PREFIXES.sub("", (value or "").strip())
    compact = re.sub(r"[\s-]", "", text).upper()
    if not _ORCID_SHAPE.match(compact):
        raise ValidationError(
            _(
                "An ORCID iD has 16 characters in four groups, like "
                "0000-0002-1825-0097 (the last one may be X)."
            ),
            code="orcid_format",
        )
    if orcid_check_digit(compact[:15]) != compact[15]:
        raise ValidationError(
            _(
                "This ORCID iD fails its check digit; there is probably a typing "
                "mistake. Copy it from your ORCID record."
            ),
            code="orcid_checksum",
        )
    return "-".join(compact[i : i + 4] for i in range(0, 16, 4))


def orcid_url(orcid: str) -> str:
    return f"{ORCID_URL}{orcid}" if orcid else ""


def normalise_doi(value: str) -> str:
    """A bare, lower-case DOI ('10.1000/xyz'); DOIs are case-insensitive."""
    text = _DOI_PREFIXES.sub("", (value or "").strip())
    if not _DOI_SHAPE.match(text) or len(text) > 200:
        raise ValidationError(
            _(
                "A DOI starts with 10., a number, a slash and more, like "
                "10.1000/xyz123."
            ),
            code="doi_format",
        )
    return text.lower()


def normalise_pmid(value: str) -> str:
    """A PubMed ID: 1 to 9 digits, no leading zeros."""
    text = _PMID_PREFIXES.sub("", (value or "").strip()).rstrip("/")
    if not text.isascii() or not text.isdigit() or len(text) > 9 or int(text) == 0:
        raise ValidationError(
            _("A PubMed ID (PMID) is a number of up to nine digits, like 31234567."),
            code="pmid_format",
        )
    return str(int(text))


def normalise_publication(value: str) -> tuple[str, str]:
    """Return ('doi' | 'pmid', normalised identifier) for a DOI or PMID."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(_("Enter a DOI or a PubMed ID."), code="required")
    bare = _PMID_PREFIXES.sub("", text).rstrip("/")
    if bare.isdigit() or bare != text:
        return "pmid", normalise_pmid(text)
    try:
        return "doi", normalise_doi(text)
    except ValidationError:
        raise ValidationError(
            _(
                "“%(value)s” is neither a DOI (like 10.1000/xyz123) nor a PubMed ID "
                "(like 31234567)."
            ),
            code="publication_format",
            params={"value": text[:80]},
        ) from None


def publication_url(kind: str, identifier: str) -> str:
    if kind == "doi":
        return f"{DOI_URL}{quote(identifier, safe='/:;()._-')}"
    return f"{PUBMED_URL}{identifier}/"
