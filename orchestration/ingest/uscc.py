"""Unified social credit codes (统一社会信用代码, GB 32100-2015).

18 characters: registration authority (1), organisation type (1), the registering
authority's region (6, GB/T 2260), the organisation code (9, GB 11714, with its own check
character) and a check character over the first 17. The alphabet leaves out I, O, Z, S, V.
"""

from __future__ import annotations

import re

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3^i mod 31
# GB 11714 organisation code: 8 body characters, weights, and a check digit 0-9 or X.
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_SHAPE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")


def check_digit(first17: str) -> str:
    """The 18th character for the first 17."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def _org_check(body8: str) -> str:
    # GB 11714 values letters over the whole Latin alphabet (A=10 … Z=35)
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def problem(code: str) -> str | None:
    """Why `code` is not a valid credit code, or None if it is."""
    if len(code) != 18:
        return f"credit code {code!r} has {len(code)} characters, not 18"
    if not _SHAPE.fullmatch(code):
        return f"credit code {code!r} has a character outside the code's alphabet (no I, O, Z, S, V) or a non-digit region"
    if _org_check(code[8:16]) != code[16]:
        return f"credit code {code!r}: organisation code check character is {code[16]!r}, expected {_org_check(code[8:16])!r}"
    if check_digit(code[:17]) != code[17]:
        return f"credit code {code!r}: check character is {code[17]!r}, expected {check_digit(code[:17])!r}"
    return None


def is_valid(code: str) -> bool:
    return problem(code) is None


def make_uscc(seq: int, region_code: str) -> str:
    """A valid code for enterprise number `seq` registered in `region_code` (synthetic data):
    authority 9 (market regulation), type 1 (enterprise)."""
    body = f"{seq:08d}"[-8:]
    first17 = f"91{region_code}{body}{_org_check(body)}"
    return first17 + check_digit(first17)
