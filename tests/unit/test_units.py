"""Units: the Unit record and conversion to the canonical unit."""

import math
from dataclasses import FrozenInstanceError
from decimal import Decimal

import pytest

from orchestration.ingest.figures import Unit, to_canonical

YI_YUAN = Unit("亿元", "CNY", Decimal("100000000"), "amount")
WAN_KW = Unit("万千瓦", "kW", Decimal("10000"), "capacity")
PERCENT = Unit("%", "percent", Decimal("1"), "ratio")
JIA = Unit("家", "count", Decimal("1"), "count")


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (869.1, YI_YUAN, 86910000000.0),
        (1.0, YI_YUAN, 100000000.0),
        (0.3, WAN_KW, 3000.0),
        (69.9, PERCENT, 69.9),
        (1600, JIA, 1600.0),
        (0.0, YI_YUAN, 0.0),
    ],
)
def test_to_canonical(value, unit, expected):
    """Finite values are multiplied by the factor exactly (no float noise)."""
    assert to_canonical(value, unit) == expected


@pytest.mark.parametrize("value", [math.inf, -math.inf])
def test_infinity_stays_infinite(value):
    """Open interval ends (±inf) stay ±inf after conversion."""
    assert to_canonical(value, YI_YUAN) == value


def test_nan_passes_through():
    """NaN is returned unchanged rather than raising."""
    assert math.isnan(to_canonical(math.nan, YI_YUAN))


def test_factor_from_csv_text_is_coerced():
    """A factor given as CSV text or int becomes a Decimal."""
    assert Unit("万元", "CNY", "10000", "amount").factor == Decimal(10000)  # type: ignore[arg-type]
    assert isinstance(Unit("元", "CNY", 1, "amount").factor, Decimal)  # type: ignore[arg-type]


@pytest.mark.parametrize(("factor", "reason"),
                         [("0", "finite positive"), ("-1", "finite positive"),
                          ("Infinity", "finite positive"), ("abc", "is not a number")])
def test_rejects_bad_factor(factor, reason):
    """A zero, negative, infinite or non-numeric factor raises ValueError naming the unit."""
    with pytest.raises(ValueError, match=f"unit 'x': .*{reason}"):
        Unit("x", "y", factor, "amount")  # type: ignore[arg-type]


def test_unit_is_frozen():
    """Unit records are immutable."""
    with pytest.raises(FrozenInstanceError):
        YI_YUAN.factor = Decimal(1)  # type: ignore[misc]
