"""Runs of values that distribute over a list of named items, for the codes of each value.

`材料、消費品、汽車和能源産業分別增長6.6%、3.7%、2.4%和2.1%`: the n-th value is the n-th item's.
A run is a sequence of candidates of one sentence joined only by 、/和/及/与 (and their unit);
its items are the list before 分别 in its clause (or, where that clause names none, in the clause
before it: 摩托車和裝備産業增長較快,分別增長34.0%、10.0%). A run without 分别 or without items
(…,增长24.8%和19.6%, 增幅比上月分别回落0.2个和1.2个百分点) takes the items of the previous
run of the same length in its sentence. Items may be elliptical (轻、重工业, 第二、三产业): a
short item is completed with the last item's tail. A category after 等 (…社会保障和就业等支出
增速分别为) names what each item's value measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .extractor import Candidate
from .normalise import matching_text

_CLAUSE = re.compile(r"[，,；;。：:]")
_JOINERS = "、和及与"
_ITEM = r"[^、，,；;：:。和与及\d%％.]+"
_LIST = re.compile(rf"{_ITEM}(?:[{_JOINERS}]{_ITEM})+")
_SENTENCE_ENDS = "。！？\n"
SECTORS = ("第一产业", "第二产业", "第三产业")


@dataclass(frozen=True)
class Listed:
    """The k-th value of a run of n, the items named for the run, what they measure."""

    k: int
    items: tuple[str, ...]
    category: str  # the words after 等 (支出增速), '' when the list names none

    @property
    def item(self) -> str:
        return self.items[self.k]

    def completed(self) -> str:
        """The item read as an elliptical head completed from the last item (轻 of 轻、重工业 →
        轻工业, 第二 → 第二产业)."""
        return self.item + self.items[-1][1:] if self.k < len(self.items) - 1 else self.item


def joined(before: Candidate, after: Candidate) -> bool:
    """Only a joiner (and the earlier value's unit, or 个 of 0.2个和1.2个百分点) stands between."""
    if before.quote_start > after.start or after.start < before.end:
        return False
    between = after.quote[before.end - after.quote_start:after.start - after.quote_start].strip()
    for unit in (before.unit, "个", ""):
        if unit and between.startswith(unit):
            between = between[len(unit):].strip()
            break
    return len(between) == 1 and between in _JOINERS


def _items(phrase: str, n: int) -> tuple[tuple[str, ...], str] | None:
    """The n items of the last list in phrase, and the category after 等 in its last item."""
    lists = list(_LIST.finditer(phrase))
    if not lists:
        return None
    text = lists[-1].group(0)
    category = ""
    by_comma = [p for p in text.split("、") if p]
    # 社会保障和就业 is one item where 、 separates as many as there are values; else 和/及/与
    # separate too (电子和医药产业); else, with more 、-items than values, the head's levels are one
    # item (国家、省专精特新、瞪羚、单项冠军个数分别达到33、8、4家)
    merged = ["、".join(by_comma[:len(by_comma) - n + 1]), *by_comma[len(by_comma) - n + 1:]] \
        if len(by_comma) > n >= 2 else []
    for items in (by_comma, [p for p in re.split(f"[{_JOINERS}]", text) if p], merged):
        if len(items) == n:
            last = items[-1]
            if "等" in last:
                last, category = last.split("等", 1)
                items[-1] = last
            return tuple(items), category
    return None


def distributive(candidates: list[Candidate]) -> dict[int, Listed]:
    """Candidate index → its place in a run of values distributed over listed items."""
    runs: list[list[int]] = []
    for i, c in enumerate(candidates):
        if runs and runs[-1][-1] == i - 1 and joined(candidates[i - 1], c):
            runs[-1].append(i)
        else:
            runs.append([i])
    out: dict[int, Listed] = {}
    previous: dict[int, tuple[tuple[str, ...], str, int]] = {}  # n → items, category, sentence
    for run in runs:
        n = len(run)
        if n < 2:
            continue
        first = candidates[run[0]]
        before = matching_text(first.said_before)
        sentence = first.quote_start + max(before.rfind(e) for e in _SENTENCE_ENDS) + 1
        clauses = _CLAUSE.split(before)
        found = None
        if "分别" in clauses[-1]:
            found = _items(clauses[-1].split("分别")[0], n)
            if found is None and len(clauses) > 1 and clauses[-1].startswith("分别") \
                    and not re.search(r"\d", clauses[-2]):
                found = _items(clauses[-2], n)
        if found is None and n == len(SECTORS) and "三次产业" in clauses[-1]:
            found = SECTORS, ""  # 三次产业对GDP增长的贡献率分别为…: the sectors in order
        if found is None:
            earlier = previous.get(n)
            if earlier is None or earlier[2] != sentence:
                continue
            found = earlier[:2]
        items, category = found
        previous[n] = (items, category, sentence)
        for k, i in enumerate(run):
            out[i] = Listed(k, items, category)
    return out


def distributed_over_figures(candidates: list[Candidate], text: str = "") -> dict[int, int]:
    """Candidate index → the figure it is of, for a 分别 run naming no items right after as many
    figures of one measure in its sentence (A产值增长36.4%,B增加值增长21.3%,分别比全省高7.6和5.8个
    百分点: 7.6 is of 36.4%, 5.8 of 21.3%). Without the document's text the figures must stand in
    the run's quote."""
    out: dict[int, int] = {}
    i = 0
    while i < len(candidates):
        j = i
        while j + 1 < len(candidates) and joined(candidates[j], candidates[j + 1]):
            j += 1
        n = j - i + 1
        if n >= 2 and i >= n:
            first = candidates[i]
            clause = _CLAUSE.split(matching_text(first.said_before))[-1]
            figures = candidates[i - n:i]
            if text:
                between = text[figures[0].end:first.start]
            elif figures[0].start >= first.quote_start:
                between = first.quote[figures[0].end - first.quote_start:first.start - first.quote_start]
            else:
                between = "。"
            same_sentence = not any(e in between for e in _SENTENCE_ENDS)
            if "分别" in clause and _items(clause.split("分别")[0], n) is None and same_sentence \
                    and len({f.measure for f in figures}) == 1 and first.unit != figures[0].unit:
                out.update({i + k: i - n + k for k in range(n)})
        i = j + 1
    return out
