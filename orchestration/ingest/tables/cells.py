"""One table cell to a number: what statistical tables print."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

# Printed for "no data" (not zero): blank, dashes, ellipses.
NO_DATA = {"", "—", "——", "－", "-", "–", "…", "……", "...", "/"}


def parse_cell(raw: object) -> Decimal | None:
    """A number from a cell: Excel numbers as they are; text with full-width digits
    (１，２３４．５) or thousands separators (1,234.5); None for no data. Anything else raises
    ValueError saying what was found."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(f"cannot read {raw!r} as a number")
    if isinstance(raw, int | float | Decimal):
        return Decimal(str(raw))
    text = unicodedata.normalize("NFKC", str(raw)).strip()  # full-width → ASCII
    if text in NO_DATA:
        return None
    cleaned = text.replace(",", "").replace(" ", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"cannot read {str(raw)!r} as a number") from None
