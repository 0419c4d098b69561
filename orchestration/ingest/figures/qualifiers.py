"""Qualifiers of a figure and the interval each one allows around the written value."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numbers.py imports QUALIFIER_MARKERS from here; avoid a cycle at runtime
    from .numbers import ParsedNumber

from orchestration.vocabulary import QUALIFIERS  # noqa: E402 (defined once, there)

QUALIFIER_MARKERS: Mapping[str, str] = MappingProxyType({
    "左右": "approx",
    "约": "approx",
    "近": "approx",
    "以上": "at_least",
    "超": "at_least",
    "超过": "at_least",
    "突破": "at_least",
    "不低于": "at_least",
    "过": "at_least",
    "多": "more_than",
    "余": "more_than",
    "以内": "up_to",
    "不超过": "up_to",
    "力争": "strive",
})
"""Chinese marker as written → qualifier (docs/curation.md)."""


def bounds(parsed: ParsedNumber, qualifier: str,
           approx_band: Decimal = Decimal("0.05")) -> tuple[float, float]:
    """The (low, high) interval a figure allows, in the unit as written.

    - exact, strive: [value − resolution/2, value + resolution/2] (rounding of the last digit)
    - approx: [value × (1 − band), value × (1 + band)]
    - at_least: [value, +inf)
    - more_than: [value, value + more_than_step) — half-open: the high end is excluded
    - up_to: (−inf, value]

    The qualifier given is used as is, even if the written value implies another one.
    Raises ValueError for an unknown qualifier, a band outside [0, 1), or more_than on a
    value written without 多/余 (no step).
    """
    if qualifier not in QUALIFIERS:
        raise ValueError(f"unknown qualifier {qualifier!r}: expected one of {', '.join(QUALIFIERS)}")
    value = parsed.value
    if qualifier in ("exact", "strive"):
        half = parsed.resolution / 2
        return float(value - half), float(value + half)
    if qualifier == "approx":
        band = Decimal(approx_band)
        if not (0 <= band < 1):
            raise ValueError(f"approx_band must be in [0, 1), got {approx_band}")
        low, high = value * (1 - band), value * (1 + band)
        return float(min(low, high)), float(max(low, high))
    if qualifier == "at_least":
        return float(value), math.inf
    if qualifier == "more_than":
        if parsed.more_than_step is None:
            raise ValueError(f"qualifier 'more_than' needs a value written with 多 or 余, got value {value}")
        return float(value), float(value + parsed.more_than_step)
    return -math.inf, float(value)  # up_to
