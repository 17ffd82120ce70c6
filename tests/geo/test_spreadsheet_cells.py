"""CSV cells: text a spreadsheet would run as a formula is neutralised; everything else stays as it was."""

import pytest

from geo.spreadsheet import safe_cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil.example","Klick")', '\'=HYPERLINK("http://evil.example","Klick")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
    ],
)
def test_text_that_would_start_a_formula_gets_a_leading_apostrophe(value, cell):
    assert safe_cell(value) == cell


@pytest.mark.parametrize("value", ["Mehr Bänke in Wehen", "a=b", "50.1586", "", "'schon Text"])
def test_ordinary_text_stays_as_it_is(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [-8.25, -3, 0, 12])
def test_numbers_the_platform_writes_stay_numbers_even_negative_ones(value):
    assert safe_cell(value) == value


def test_an_absent_value_is_an_empty_cell():
    assert safe_cell(None) == ""
