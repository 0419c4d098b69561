"""What a figure counts or measures (a short label for the reviewer), and the quote that
carries it: the figure's clause with the start of its sentence part, widened until it
occurs once in the document."""

from __future__ import annotations

import re

from . import lexicon as v
from .segments import CLAUSE_ENDS, Segments
from .tokens import Mention

_LEADING_TIME = re.compile(r"^(?:(?:到|至|截至|截止到|截止)?\s*(?:19|20)\d{2}年(?:\d{1,2}月)?(?:底|末|以来)?|目前|今年)\s*")
_LIST_JOINER = re.compile(r"^[、和与及并]+")
_FOLLOWING_STOP = re.compile(r"的|和|与|及|、|来|参加|达成|先后|开展|[(（]")
_TRAILING = re.compile("(?:" + "|".join(sorted(map(re.escape, v.SUBJECT_TRAILING), key=len, reverse=True)) + ")$")
_MAX_SUBJECT = 24
_MAX_QUOTE_BEFORE = 60
_MAX_QUOTE = 200


def trim_phrase(phrase: str) -> str:
    """Drop leading time words and connectives, trailing verbs and markers, repeatedly."""
    previous = None
    while phrase != previous:
        previous = phrase
        phrase = _LEADING_TIME.sub("", phrase.strip())
        phrase = _LIST_JOINER.sub("", phrase)
        for word in v.SUBJECT_LEADING:
            if phrase.startswith(word) and len(phrase) > len(word):
                phrase = phrase[len(word):]
        if m := _TRAILING.search(phrase):
            phrase = phrase[:m.start()]
    return phrase.strip("“”\"' 　")


def phrase_before(text: str, segments: Segments, mention: Mention, floor: int = 0) -> str:
    """The words between the clause start (or floor, e.g. the previous figure) and the mention."""
    clause_start, _ = segments.clause(mention.span_start)
    return text[max(clause_start, floor):mention.span_start]


def subject_of(text: str, segments: Segments, mention: Mention, floor: int = 0) -> str:
    """The counted noun after a count (22位专家 → 专家), else the trimmed phrase before the
    number (全市规模以上生物医药企业达到133家 → 全市规模以上生物医药企业); '' if none."""
    if mention.unit in v.COUNT_UNITS and mention.form != "slogan":
        _, clause_end = segments.clause(mention.span_end)
        following = text[mention.span_end:clause_end].rstrip(CLAUSE_ENDS)
        stop = _FOLLOWING_STOP.search(following)
        noun = following[:stop.start()] if stop else following
        if len(noun) >= 2:
            return noun[:_MAX_SUBJECT]
    if mention.form == "slogan":
        return f"“{mention.value_text}{mention.unit}”"
    return trim_phrase(phrase_before(text, segments, mention, floor))[-_MAX_SUBJECT:]


def quote_for(text: str, segments: Segments, start: int, end: int, marker_start: int | None) -> tuple[str, int]:
    """An exact substring around [start, end): from the start of the sentence part (or the
    sentence's time marker, or at most ~60 characters back at a clause start) to the end of
    the clause, widened clause by clause while it is not unique. Returns (quote, offset)."""
    part_start, _ = segments.part(start)
    q_start = part_start if marker_start is None else min(part_start, marker_start)
    if start - q_start > _MAX_QUOTE_BEFORE:
        later = [s for s in segments.clause_starts if q_start <= s <= start and start - s <= _MAX_QUOTE_BEFORE]
        q_start = later[0] if later else segments.clause(start)[0]
    q_end = segments.clause(max(start, end - 1))[1]
    quote_start, quote = _stripped(text, q_start, q_end)
    while text.count(quote) > 1 and len(quote) < _MAX_QUOTE:
        wider_end = segments.clause(q_end)[1] if q_end < len(text) else q_end
        if wider_end > q_end and wider_end - q_start <= _MAX_QUOTE:
            q_end = wider_end
        elif q_start > 0:
            q_start = segments.clause(q_start - 1)[0]
        else:
            break
        quote_start, quote = _stripped(text, q_start, q_end)
    return quote, quote_start


def _stripped(text: str, start: int, end: int) -> tuple[int, str]:
    """text[start:end] without surrounding whitespace and the trailing clause punctuation."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "，,；;。：:"):
        end -= 1
    return start, text[start:end]
