"""Identifiers partners type in: ORCID iDs, and DOIs or PubMed IDs of their
selected publications (checked by the shared `portal.identifiers`).

Each `normalise_*` returns the canonical form or raises django's ValidationError
with a message a person can act on.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal import identifiers

ORCID_URL = "https://orcid.org/"

_ORCID_PREFIXES = re.compile(r"^(https?://)?(www\.)?(sandbox\.)?orcid\.org/", re.I)
_ORCID_SHAPE = re.compile(r"^\d{15}[\dX]$")


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
    """The shared DOI check, lower-cased: DOIs are case-insensitive and a
    partner's list is kept unique on the stored identifier."""
    return identifiers.normalise_doi(value).lower()


def normalise_publication(value: str) -> tuple[str, str]:
    """Return ('doi' | 'pmid', normalised identifier) for a DOI or PMID."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(_("Enter a DOI or a PubMed ID."), code="required")
    if identifiers.looks_like_pmid(text):
        return "pmid", identifiers.normalise_pmid(text)
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
    """The resolver link for a stored publication."""
    if kind == "doi":
        return identifiers.doi_url(identifier)
    return identifiers.pubmed_url(identifier)
