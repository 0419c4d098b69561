"""The text the extractor matches on: the document with traditional characters in their
simplified form (億元 → 亿元, 個百分點 → 个百分点, 增長 → 增长) and a year written in Chinese
digits in Arabic ones (二〇二三年 → 2023年), character for character.

Every offset of the matching text is the same offset in the document, so quotes, value
texts and subjects are cut from the document as written. zhconv converts by phrase and may
change a length; a character whose simplified form is not one character stays as written."""

from __future__ import annotations

import functools
import re

_CN_DIGITS = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7",
              "八": "8", "九": "9"}
_CN_YEAR = re.compile(r"(?<![〇零一二三四五六七八九十百千])[〇零一二三四五六七八九]{4}(?=年)")


@functools.cache
def _converter():  # zhconv loads its tables on first use (a few hundred ms): only when needed
    import zhconv

    return zhconv.convert


@functools.cache
def _simplified(char: str) -> str:
    out = _converter()(char, "zh-cn")
    return out if len(out) == 1 else char


def _needs_conversion(text: str) -> bool:
    """True when some CJK character is not its own simplified form (cheap pre-check)."""
    return any(_simplified(c) != c for c in set(text) if "\u3400" <= c <= "\u9fff")


def matching_text(text: str) -> str:
    """The document as the rules read it, of the same length (see the module docstring)."""
    out = text
    if _needs_conversion(text):
        whole = _converter()(text, "zh-cn")
        out = whole if len(whole) == len(text) else "".join(_simplified(c) for c in text)
    out = _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group()), out)
    assert len(out) == len(text)
    return out
