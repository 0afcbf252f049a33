"""Evidence figures: the same digits in both languages, a decimal comma in Spanish."""

from decimal import Decimal

import pytest
from django.utils import translation

from portal.numbers import grouped
from research.models import Finding, format_number
from research.templatetags.research_tags import thousands

from .conftest import publish
from .factories import FindingFactory, SummaryFactory


def _finding(**kwargs) -> Finding:
    return Finding(
        effect_measure="RR",
        estimate=Decimal("0.540"),
        ci_low=Decimal("0.45"),
        ci_high=Decimal("0.65"),
        **kwargs,
    )


def test_english_keeps_the_decimal_point():
    with translation.override("en"):
        assert format_number(Decimal("0.540")) == "0.54"
        assert _finding().result_display == "RR 0.54 (95% CI 0.45 to 0.65)"
        assert thousands(10604) == "10,604"


def test_spanish_writes_a_decimal_comma_with_the_same_digits():
    with translation.override("es"):
        assert format_number(Decimal("0.540")) == "0,54"
        assert format_number(Decimal("7.000")) == "7"
        assert _finding().result_display == "RR 0,54 (IC del 95 % 0,45 a 0,65)"
        assert grouped(10604) == "10\u00a0604"


@pytest.mark.django_db
def test_the_spanish_evidence_page_shows_decimal_commas(client, editor, reviewer):
    summary = SummaryFactory(factor__slug="commas")
    FindingFactory(
        summary=summary,
        effect_measure="RR",
        estimate=Decimal("0.54"),
        ci_low=Decimal("0.45"),
        ci_high=Decimal("0.65"),
    )
    publish(summary, author=editor, reviewer=reviewer)
    spanish = client.get("/es/evidence/commas/").content.decode()
    assert "0,54" in spanish and "0,45 a 0,65" in spanish
    english = client.get("/evidence/commas/").content.decode()
    assert "0.54" in english and "0,54" not in english
