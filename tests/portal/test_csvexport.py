from decimal import Decimal

import pytest

from portal.csvexport import csv_cell, csv_row


@pytest.mark.parametrize("text", ["=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_starts_like_a_formula_gets_an_apostrophe(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-3, -0.5, Decimal("-1.25"), 7, None])
def test_numbers_and_blanks_pass_unchanged(value):
    assert csv_cell(value) == value


def test_plain_text_and_rows():
    assert csv_row(["Ada", "a=b", 1]) == ["Ada", "a=b", 1]
