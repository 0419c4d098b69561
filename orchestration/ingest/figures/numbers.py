"""Parse a figure's `value_text` (the number as written) into an exact Decimal."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from .qualifiers import QUALIFIER_MARKERS


@dataclass(frozen=True)
class ParsedNumber:
    """A parsed `value_text`.

    - value: the number, magnitude suffix applied (`1.2万` → 12000, `1600多` → 1600)
    - decimals: decimal places as written (0 for integers and Chinese numerals; `1.2万` → 1)
    - resolution: one unit of the last written digit, in the scale of value
      (`869.1` → 0.1, `6000` → 1, `1.2万` → 1000, `1亿` → 100000000, `两` → 1)
    - implied_qualifier: the qualifier a prefix (超, 超过, 突破, 过 → at_least; 近, 约 → approx)
      or suffix (多, 余 → more_than) implies, else None
    - more_than_step: for 多/余 only, the next order-of-magnitude step, in the scale of value
      (`1600多` → 100, `40多` → 10, `3多` → 1, `1万多` → 10000; for a decimal, its resolution)
    """

    value: Decimal
    decimals: int
    resolution: Decimal
    implied_qualifier: str | None
    more_than_step: Decimal | None


_PREFIXES = ("超过", "突破", "超", "过", "近", "约")  # longest first
_SUFFIXES = ("多", "余")
_MAGNITUDES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_MAX_DIGITS = 24
_SPACED_MAGNITUDE = re.compile(r"(?<=[0-9多余])[ \u3000\u00a0]{1,2}(?=万|亿)")

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_ZEROS = ("零", "〇")
_CN_UNITS = {"千": 1000, "百": 100, "十": 10}
_CHINESE_NUMERAL = set("一二两三四五六七八九零〇十百千万亿")


def parse_value_text(text: str) -> ParsedNumber:
    """Parse a value as written: Arabic (`869.1`, `1,600`, `８６９．１`) or Chinese (`两`,
    `一千零五`) numerals, with an optional 万/亿/万亿 suffix, 多/余 suffix (before or after
    the magnitude: `1万多`, `1600多万`) and 超/超过/突破/过/近/约 prefix.
    Raises ValueError saying why the text is not a number."""
    if not isinstance(text, str):
        raise ValueError(f"not a number: {text!r} (expected a string)")
    # text copied from a PDF may put spaces before the magnitude (6.3 万): read as 6.3万
    rest = _SPACED_MAGNITUDE.sub("", text.strip().translate(_FULL_WIDTH))
    if not rest:
        raise ValueError(f"not a number: {text!r} (empty)")

    prefix = next((p for p in _PREFIXES if rest.startswith(p)), None)
    if prefix:
        rest = rest[len(prefix):]
    suffix = next((s for s in _SUFFIXES if rest.endswith(s)), None)
    if suffix:
        rest = rest[:-1]
    scale = Decimal(1)
    for name, factor in _MAGNITUDES:
        if rest.endswith(name):
            rest, scale = rest[:-len(name)], factor
            break
    if scale != 1 and any(m in rest for m in "万亿") and all(c in _CHINESE_NUMERAL for c in rest):
        rest, scale = rest + name, Decimal(1)  # 三亿零五百万: the final 万 is inside the numeral
    if suffix is None and scale != 1:
        suffix = next((s for s in _SUFFIXES if rest.endswith(s)), None)
        if suffix:
            rest = rest[:-1]
    if prefix and suffix:
        raise ValueError(f"not a number: {text!r} (prefix {prefix!r} and suffix {suffix!r} "
                         "imply different qualifiers)")
    if not rest:
        raise ValueError(f"not a number: {text!r} (no digits)")

    if _ARABIC.fullmatch(rest):
        digits = rest.replace(",", "")
        if len(digits) > _MAX_DIGITS:
            raise ValueError(f"not a number: {text!r} (more than {_MAX_DIGITS} digits)")
        body = Decimal(digits)
        decimals = len(digits.partition(".")[2])
    elif all(c in _CN_DIGITS or c in _CN_ZEROS or c in _CN_UNITS for c in rest):
        body, decimals = Decimal(_parse_chinese(rest, text)), 0
    elif all(c in _CN_DIGITS or c in _CN_ZEROS or c in _CN_UNITS or c in "万亿" for c in rest) and rest[0] not in "万亿":
        body, decimals = Decimal(_parse_chinese_large(rest, text)), 0
    elif any(m in rest for m, _ in _MAGNITUDES):
        raise ValueError(f"not a number: {text!r} (万/亿 are read only as a final magnitude suffix)")
    elif "," in rest and re.fullmatch(r"[0-9.,]+", rest):
        raise ValueError(f"not a number: {text!r} (thousands separators must group 3 digits)")
    else:
        raise ValueError(f"not a number: {text!r}")

    with localcontext() as ctx:
        ctx.prec = 60
        unit = Decimal(1).scaleb(-decimals)
        value = body if scale == 1 else _tidy(body * scale)
        resolution = _tidy(unit * scale)
        step = None
        if suffix:
            step = unit if decimals else Decimal(10) ** _trailing_zeros(int(body))
            step = _tidy(step * scale)
    qualifier = QUALIFIER_MARKERS[prefix or suffix] if (prefix or suffix) else None
    return ParsedNumber(value, decimals, resolution, qualifier, step)


def _parse_chinese(s: str, text: str) -> int:
    """0–9999 in Chinese numerals, strictly: 十二, 四十, 一百零五, 一千二百, 〇/零; a leading
    十/百/千 alone stands for one of it (十二, 千亿元)."""
    def fail(reason: str) -> ValueError:
        return ValueError(f"not a number: {text!r} ({reason})")

    if s in _CN_ZEROS:
        return 0
    total, digit, last_unit, zero = 0, None, 10_000, False
    for i, c in enumerate(s):
        if c in _CN_DIGITS:
            if digit is not None:
                raise fail("two Chinese digits in a row; digit strings such as 二〇二三 are not numbers")
            digit = _CN_DIGITS[c]
        elif c in _CN_ZEROS:
            if digit is not None or zero or i == 0:
                raise fail(f"misplaced {c}")
            zero = True
        else:
            unit = _CN_UNITS[c]
            if digit is None:
                if i != 0:
                    raise fail(f"{c} without a digit before it")
                digit = 1  # 十二 = 12, 千亿元 = 1000亿元
            if unit >= last_unit:
                raise fail(f"{c} out of order")
            if i != 0 and not zero and unit * 10 != last_unit and last_unit != 10_000:
                raise fail(f"a skipped place needs 零 before {digit}{c}")
            if zero and unit * 10 == last_unit:
                raise fail(f"superfluous 零 before {c}")
            total += digit * unit
            digit, last_unit, zero = None, unit, False
    if digit is not None:
        if last_unit not in (10, 10_000) and not zero:
            raise fail("ambiguous abbreviation; write e.g. 一千五百 or 一千零五")
        total += digit
    elif zero:
        raise fail("trailing 零")
    return total


def _parse_chinese_large(s: str, text: str) -> int:
    """一万二千 = 12000, 三亿零五百万 = 305000000: groups of 0–9999 before 亿 and 万 (as cn2an reads
    these too; the strict group parser keeps the precision rules)."""
    for name, factor in (("亿", 10 ** 8), ("万", 10 ** 4)):
        if name in s:
            high, _, low = s.partition(name)
            if not high or name in low and name == "亿":
                raise ValueError(f"not a number: {text!r} ({name} without a number before it)")
            low = low[1:] if low.startswith(_CN_ZEROS) else low
            return _parse_chinese_large(high, text) * factor + (_parse_chinese_large(low, text) if low else 0)
    return _parse_chinese(s, text)


def _trailing_zeros(n: int) -> int:
    """Trailing zeros of a positive integer (0 for 0)."""
    count = 0
    while n and n % 10 == 0:
        n //= 10
        count += 1
    return count


def _tidy(d: Decimal) -> Decimal:
    """An integral Decimal without exponent (1E+2 → 100), else normalised (1000.0 → 1000)."""
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
