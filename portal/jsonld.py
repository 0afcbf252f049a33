"""schema.org structured data embedded in pages."""

import json
from typing import Any

from django.utils.safestring import SafeString, mark_safe


def json_ld(data: Any) -> SafeString:
    """JSON for a <script type="application/ld+json"> block.

    <, > and & are escaped so user text cannot close the script element.
    """
    text = json.dumps(data, ensure_ascii=False)
    for char, repl in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, repl)
    return mark_safe(text)
