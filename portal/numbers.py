"""Figures written the way the reader's language writes them.

The digits never change between languages; only the separators do. English
writes 0.54 and 10,604; Spanish writes 0,54 and 10 604 (a no-break space groups
thousands, as the RAE and ISO 80000 advise, so it is never mistaken for a
decimal point).
"""

from django.utils import formats, translation

# Languages whose thousands are grouped with a no-break space rather than
# Django's locale separator.
SPACE_GROUPED = {"es"}
NBSP = "\u00a0"


def decimal_text(text: str) -> str:
    """ "0.54" → "0,54" when the active language writes a decimal comma."""
    separator = formats.get_format("DECIMAL_SEPARATOR")
    return text.replace(".", separator) if separator != "." else text


def grouped(value: int) -> str:
    """10604 → "10,604" in English, "10 604" in Spanish."""
    text = f"{int(value):,}"
    language = (translation.get_language() or "en").split("-")[0]
    if language in SPACE_GROUPED:
        return text.replace(",", NBSP)
    separator = formats.get_format("THOUSAND_SEPARATOR")
    return text.replace(",", separator) if separator != "," else text
