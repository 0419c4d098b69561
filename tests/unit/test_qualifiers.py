"""Qualifiers: the marker table and the interval each qualifier allows."""

import math
from decimal import Decimal

import pytest

from orchestration.ingest.figures import QUALIFIER_MARKERS, QUALIFIERS, bounds, parse_value_text


def test_qualifiers_are_the_contract_set():
    """QUALIFIERS lists exactly the six qualifiers of docs/curation.md."""
    assert QUALIFIERS == ("exact", "approx", "at_least", "more_than", "up_to", "strive")


@pytest.mark.parametrize(
    ("marker", "qualifier"),
    [
        ("左右", "approx"), ("约", "approx"), ("近", "approx"),
        ("以上", "at_least"), ("超", "at_least"), ("超过", "at_least"), ("突破", "at_least"),
        ("不低于", "at_least"), ("过", "at_least"),
        ("多", "more_than"), ("余", "more_than"),
        ("以内", "up_to"), ("不超过", "up_to"),
        ("力争", "strive"),
    ],
)
def test_markers(marker, qualifier):
    """Each Chinese marker of the contract maps to its qualifier."""
    assert QUALIFIER_MARKERS[marker] == qualifier


def test_marker_table_is_complete_and_read_only():
    """The marker table has exactly the 14 contract markers, all valid, and cannot be changed."""
    assert len(QUALIFIER_MARKERS) == 14
    assert set(QUALIFIER_MARKERS.values()) == set(QUALIFIERS) - {"exact"}
    with pytest.raises(TypeError):
        QUALIFIER_MARKERS["大约"] = "approx"  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "qualifier", "expected"),
    [
        ("69.9", "exact", (69.85, 69.95)),
        ("869.1", "exact", (869.05, 869.15)),
        ("6000", "exact", (5999.5, 6000.5)),
        ("两", "exact", (1.5, 2.5)),
        ("1.2万", "exact", (11500.0, 12500.0)),
        ("1亿", "strive", (50000000.0, 150000000.0)),
        ("0.05", "strive", (0.045, 0.055)),
        ("8", "approx", (7.6, 8.4)),
        ("约1000", "approx", (950.0, 1050.0)),
        ("超1亿", "at_least", (100000000.0, math.inf)),
        ("1600多", "more_than", (1600.0, 1700.0)),
        ("40多", "more_than", (40.0, 50.0)),
        ("1万多", "more_than", (10000.0, 20000.0)),
        ("3多", "more_than", (3.0, 4.0)),
        ("5", "up_to", (-math.inf, 5.0)),
    ],
)
def test_bounds(text, qualifier, expected):
    """bounds gives the documented interval for each qualifier, as Python floats."""
    low, high = bounds(parse_value_text(text), qualifier)
    assert (low, high) == expected
    assert type(low) is float and type(high) is float


def test_approx_band_is_configurable():
    """approx_band widens or narrows the approx interval; 0 collapses it to the value."""
    assert bounds(parse_value_text("8"), "approx", Decimal("0.1")) == (7.2, 8.8)
    assert bounds(parse_value_text("8"), "approx", Decimal("0")) == (8.0, 8.0)


@pytest.mark.parametrize("band", [Decimal("-0.1"), Decimal("1"), Decimal("1.5")])
def test_rejects_bad_band(band):
    """An approx band outside [0, 1) raises ValueError naming it."""
    with pytest.raises(ValueError, match="approx_band must be in"):
        bounds(parse_value_text("8"), "approx", band)


@pytest.mark.parametrize("qualifier", ["", "about", "Exact", "左右"])
def test_rejects_unknown_qualifier(qualifier):
    """An unknown qualifier raises ValueError naming it and the valid ones."""
    with pytest.raises(ValueError, match=f"unknown qualifier {qualifier!r}: expected one of exact"):
        bounds(parse_value_text("8"), qualifier)


def test_more_than_needs_a_step():
    """more_than on a value written without 多/余 raises ValueError instead of guessing a step."""
    with pytest.raises(ValueError, match="needs a value written with 多 or 余"):
        bounds(parse_value_text("1600"), "more_than")
