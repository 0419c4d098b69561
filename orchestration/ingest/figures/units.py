"""Units as written and their conversion to a canonical unit (rows of raw/reference/units.csv)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True)
class Unit:
    """A unit as written (`亿元`), its canonical unit (`CNY`), the factor to it (100000000)
    and its measure type (`amount`). factor is coerced to Decimal (CSV strings are fine)
    and must be a finite positive number, else ValueError."""

    unit: str
    canonical_unit: str
    factor: Decimal
    measure_type: str

    def __post_init__(self) -> None:
        try:
            factor = self.factor if isinstance(self.factor, Decimal) else Decimal(str(self.factor))
        except InvalidOperation:
            raise ValueError(f"unit {self.unit!r}: factor {self.factor!r} is not a number") from None
        if not factor.is_finite() or factor <= 0:
            raise ValueError(f"unit {self.unit!r}: factor must be a finite positive number, got {self.factor!r}")
        object.__setattr__(self, "factor", factor)


def to_canonical(value: float, unit: Unit) -> float:
    """value (in `unit`) expressed in the canonical unit. Finite values are multiplied in
    Decimal, so 869.1 亿元 gives exactly 86910000000.0; ±inf (and nan) pass through unchanged."""
    if not math.isfinite(value):
        return float(value)
    return float(Decimal(repr(float(value))) * unit.factor)
