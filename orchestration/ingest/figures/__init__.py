"""Pure parsing of curated figures: values as written, qualifiers, units and periods."""

from .numbers import ParsedNumber, parse_value_text
from .periods import Period, end_year, parse_period
from .qualifiers import QUALIFIER_MARKERS, QUALIFIERS, bounds
from .signs import DECLINE_WORDS, decline_word_before, split_sign
from .units import Unit, to_canonical

__all__ = [
    "DECLINE_WORDS",
    "QUALIFIERS",
    "QUALIFIER_MARKERS",
    "ParsedNumber",
    "Period",
    "Unit",
    "bounds",
    "decline_word_before",
    "end_year",
    "parse_period",
    "parse_value_text",
    "split_sign",
    "to_canonical",
]
