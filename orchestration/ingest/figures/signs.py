"""The sign of a change: 价格下降0.3% is −0.3, 减少12家 is −12, 回落1.2个百分点 is −1.2.

The one list of direction words (docs/curation.md, "Signed changes"): ingest checks a
curated value's sign against it, and the extractor proposes signs from it.

A decline is marked by a decline word right before the value text (only 了 or a qualifier
marker such as 约/近/超过 may stand between, or the earlier items of a list it governs:
分别回落0.2个和1.2个百分点), or by a minus sign written in the value text
(增长-2.1%). A decline word followed by 至/到/为 gives a level, not a change (降至3% is 3).
"""

from __future__ import annotations

import re

DECLINE_WORDS: tuple[str, ...] = (
    "负增长", "下降", "减少", "回落", "下滑", "降低", "收窄", "下跌", "缩小", "缩减", "萎缩", "减小", "减低",
    "同比降", "同比减", "比上年降", "比上年减",
)
"""Words that make the value after them a decline (a negative change)."""

MINUS_SIGNS: tuple[str, ...] = ("-", "−", "－")
"""A minus written in the value text itself (增长-2.1%): a decline without a word."""

# What may stand between a decline word and the value text: 了, a qualifier marker, a space.
# Anything else (至/到/为 in 降至3%, which gives a level reached) ends the look-back.
_GAP = re.compile(r"(?:了|约|近|超过|超|逾|达|\s)*$")
_WORDS_LONGEST_FIRST = sorted(DECLINE_WORDS, key=len, reverse=True)


def split_sign(value_text: str) -> tuple[bool, str]:
    """(written with a minus sign, the value text without it): `-2.1` → (True, `2.1`)."""
    stripped = value_text.strip()
    if stripped.startswith(MINUS_SIGNS):
        return True, stripped[1:]
    return False, stripped


# An earlier item of a list the decline word governs: 分别回落0.2个和1.2个百分点 makes 1.2 a
# decline too (a number, a short unit, then 、/和/及/与).
_LIST_ITEM = re.compile(r"[0-9]+(?:\.[0-9]+)?[^0-9、和及与,,;;。]{0,6}?[、和及与]$")


def decline_word_at(quote: str, start: int) -> str | None:
    """The decline word right before position `start` of `quote` (or before the list whose
    later item starts there), else None."""
    head = quote[:start]
    while True:
        head = head[:_GAP.search(head).start()]
        word = next((w for w in _WORDS_LONGEST_FIRST if head.endswith(w)), None)
        item = _LIST_ITEM.search(head)
        if word or not item:
            return word
        head = head[:item.start()]


def decline_word_before(quote: str, value_text: str) -> str | None:
    """The decline word right before `value_text` at any of its occurrences in `quote`
    (the first found), else None."""
    return next((w for s in _starts(quote, value_text) if (w := decline_word_at(quote, s))), None)


def declines_everywhere(quote: str, value_text: str) -> bool:
    """Every occurrence of `value_text` in `quote` follows a decline word: no reading of
    the quote gives a positive value."""
    starts = _starts(quote, value_text)
    return bool(starts) and all(decline_word_at(quote, s) for s in starts)


def _starts(quote: str, value_text: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(value_text), quote)] if value_text else []
