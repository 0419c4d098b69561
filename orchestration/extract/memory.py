"""Codes reviewers chose before: the industry and indicator of every accepted figure, keyed
by the words that named it, so that a new document's figure named by the same words is
proposed the codes reviewers gave them (the codes.py rules decide the rest).

Why: offices publish the same kinds of text in the same words every year and across cities
(增值税, 限上零售额, 规模以上工业增加值, 农产品加工企业产值); a code a reviewer chose once, for
words the reference tables do not spell, should not be typed again. Like a term base in a
translation tool, it grows with every accepted document.

A key is the candidate's subject as the extractor reads it (a figure's own words, not the
curator's label), in simplified characters, without the place, time and rate words around
it (全市…, 2023年…, …增长): 芜湖市规上工业增加值增长 and 规模以上工业增加值 are one key. Only
whole keys match, never fragments: 产量 alone says nothing about which product. A key seen
with different codes proposes the most frequent; a tie proposes nothing from memory.

Learned from raw/ (every document with curated figures): each document is extracted again
and its candidates matched to its curated rows, as `make eval-extract` matches them. An
evaluation leaves the document under test out (`without`), so it measures what a reviewer
of a new document gets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .extractor import Candidate
from .lexicon import WHOLE_REGION
from .normalise import matching_text
from .places import MAX_NAME

# Words around a figure's name that say where, when or how it changed, not what it is.
_PLACE = re.compile(f"^(?:{WHOLE_REGION})")
_COMPARED = re.compile(r"(?:同比|环比|[比较](?:上年|去年|上月|上季|全省|全市|全国)(?:同期|末)?)")
_RATE_TAIL = re.compile(r"(?:分别)?(?:增长|下降|增速|增幅|上涨|回落|提高|降低|增加|减少)+$")
_NOT_WORDS = re.compile(r"[\s\d.,，、:：;；()（）“”\"'%％—\-]+")
_MIN_KEY = 2
_POINTS = ("个百分点", "個百分點", "百分点")


def memory_key(subject: str, places: frozenset[str] = frozenset()) -> str:
    """The words of a subject that name what the figure is (module docstring); '' if none."""
    key = _NOT_WORDS.sub("", matching_text(subject)).replace("规上", "规模以上")
    for _ in range(3):
        before = key
        key = _PLACE.sub("", key)
        place = next((n for n in range(min(MAX_NAME, len(key) - 1), 1, -1) if key[:n] in places), 0)
        key = _RATE_TAIL.sub("", _COMPARED.sub("", key[place:]))
        if key == before:
            break
    return key if len(key) >= _MIN_KEY else ""


def _key(candidate: Candidate, places: frozenset[str]) -> str:
    """The words, and what sort of figure they name: a share (占比) or a change in points of
    the same words is another indicator than their level and its growth rate."""
    words = memory_key(candidate.subject, places)
    sort = "share" if candidate.measure == "share" else "points" if candidate.unit in _POINTS else "level"
    return f"{sort}:{words}" if words else ""


@dataclass
class CodeMemory:
    """key → [(doc_id, industry_code, indicator_code)] of accepted figures."""

    entries: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    places: frozenset[str] = frozenset()  # place names (芜湖市, 芜湖) a key does not start with

    def learn(self, doc_id: str, candidate: Candidate, industry: str, indicator: str) -> None:
        key = _key(candidate, self.places)
        if key and (industry or indicator):
            self.entries.setdefault(key, []).append((doc_id, industry, indicator))

    def recall(self, candidate: Candidate) -> tuple[str, str]:
        """(industry, indicator) reviewers chose most often for these words and this kind of
        figure; '' where none or a tie."""
        seen = self.entries.get(_key(candidate, self.places), ())
        return _most_common(e[1] for e in seen), _most_common(e[2] for e in seen)

    def without(self, doc_id: str) -> CodeMemory:
        """The memory less one document's figures (an evaluation scoring that document)."""
        entries = {key: kept for key, found in self.entries.items() if (kept := [e for e in found if e[0] != doc_id])}
        return CodeMemory(entries, self.places)

    def __len__(self) -> int:
        return len(self.entries)


def _most_common(codes: Iterable[str]) -> str:
    ranked = Counter(c for c in codes if c).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return ""
    return ranked[0][0]


def learn_from_raw(raw: Path, places: Iterable[str] = ()) -> CodeMemory:
    """The memory of every curated document in a raw/-layout folder: its figures matched to
    the extractor's candidates as `make eval-extract` matches them."""
    from .evaluate import UnitTable, evaluate_raw, remember  # evaluate imports this module

    return remember(evaluate_raw(raw, UnitTable(raw)), frozenset(places))


RECALLED_NOTE = "codes recalled from accepted figures of other documents"


def fill_in(memory: CodeMemory | None, candidates: list[Candidate], industries: list[str], indicators: list[str],
            unnamed_industries: Iterable[str] = ("",)) -> list[tuple[str, str, bool]]:
    """(industry, indicator, recalled) of each candidate: the rules' proposals, with what the
    memory recalls where the rules found nothing, no indicator or only a fallback industry
    (`unnamed_industries`: all industries). A code the rules read in the text stays: measured
    on the corpus when the memory was added, letting it override the rules fixed 26 codes and
    broke 20; filling in fixed 15 and broke 2."""
    unnamed = set(unnamed_industries)
    out = []
    for c, industry, indicator in zip(candidates, industries, indicators):
        recalled = False
        if memory is not None and (not indicator or industry in unnamed):
            old_industry, old_indicator = memory.recall(c)
            if industry in unnamed and old_industry and old_industry != industry:
                industry, recalled = old_industry, True
            if not indicator and old_indicator:
                indicator, recalled = old_indicator, True
        out.append((industry, indicator, recalled))
    return out
