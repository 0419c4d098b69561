"""Sentences, clauses and sections of a text, as character offsets.

A sentence ends at 。！？ or a line break; a clause also ends at a comma, semicolon or
colon; a part (of a sentence) ends at a semicolon. Periods, kinds and subjects are read
within these spans."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

SENTENCE_ENDS = "。！？!?\n"
PART_ENDS = SENTENCE_ENDS + "；;"
CLAUSE_ENDS = PART_ENDS + "，,：:"
_HEADING = re.compile(r"^[ \t　]*(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+(?:章|部分)[ \t　]*)"
                      r"[ \t　]*([^\n]{1,30}?)[ \t　]*$", re.MULTILINE)


def _boundaries(text: str, ends: str) -> list[int]:
    """Start offsets of the spans: 0 and every position after an end character."""
    return [0, *(i + 1 for i, c in enumerate(text) if c in ends)]


@dataclass(frozen=True)
class Segments:
    text: str
    sentence_starts: list[int]
    part_starts: list[int]
    clause_starts: list[int]
    section_starts: list[int]  # offsets of top-level headings (一、总体目标), in order
    section_titles: list[str]

    @classmethod
    def of(cls, text: str) -> Segments:
        headings = list(_HEADING.finditer(text))
        return cls(text, _boundaries(text, SENTENCE_ENDS), _boundaries(text, PART_ENDS), _boundaries(text, CLAUSE_ENDS),
                   [m.start() for m in headings], [m.group(1) for m in headings])

    def _span(self, starts: list[int], pos: int) -> tuple[int, int]:
        i = bisect_right(starts, pos) - 1
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        return starts[i], end

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence holding offset pos, its end character included."""
        return self._span(self.sentence_starts, pos)

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The line holding offset pos."""
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end

    def part(self, pos: int) -> tuple[int, int]:
        return self._span(self.part_starts, pos)

    def clause(self, pos: int) -> tuple[int, int]:
        return self._span(self.clause_starts, pos)

    def section_title(self, pos: int) -> str | None:
        """The title of the top-level section (一、总体目标) holding pos, if any."""
        i = bisect_right(self.section_starts, pos) - 1
        return self.section_titles[i] if i >= 0 else None
