"""Pure parsing of curated figures: values as written, qualifiers, units and periods."""

from .numbers import ParsedNumber, parse_value_text
from .periods import Period, end_year, parse_period
from .qualifiers import QUALIFIER_MARKERS, QUALIFIERS, bounds
from .units import Unit, to_canonical

__all__ = [
    "QUALIFIERS",
    "QUALIFIER_MARKERS",
    "ParsedNumber",
    "Period",
    "Unit",
    "bounds",
    "end_year",
    "parse_period",
    "parse_value_text",
    "to_canonical",
]
