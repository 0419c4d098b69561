"""Lists around figures.

- Distributive lists: "A和B数量分别达到600家和1000家", "国家、省专精特新、瞪羚、单项冠军个数
  分别达到33、8、4家": the i-th number belongs to the i-th listed subject; an elliptical
  "到2027年,分别达到700家和1200家" takes the subjects of the previous list of equal length.
- Stated counts with their lists, candidate `listed_count` relations: a list before the
  count (“食品、康养、文旅、医药”四个核心产业; 华润、宝能、阿里等8家), in brackets after it
  (集群5个(A、B、C、D、E)), or before a quoted slogan (A、B、C、D等“一梁五柱”).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as v
from .segments import Segments
from .subjects import trim_phrase
from .tokens import Mention

_DISTRIBUTIVE = re.compile(r"分别(?:达到|达|为|是|增长|实现|完成|占|有|新增)?\s*$")
_COUNT_WORD_TAIL = re.compile(r"(?:的)?(?:数量|个数|总数|数)$")
_SPLIT = re.compile(r"、|和|与|及|以及")
_ITEM = r"[^，,；;。：:、“”‘’()（）\n0-9０-９]{1,20}"  # items hold no digits: 三大系列、9大类 is no list
# One named item and 等 right before the count (改造提升现代石化等4个传统产业): an open list of one.
_ONE_BEFORE = re.compile(rf"({_ITEM})等$")
_LIST_BEFORE = re.compile(rf"“?((?:{_ITEM}(?:、|和|与|及|以及))+{_ITEM}?)”?(?:(等)(?P<category>[^，,；;。：:、“”()（）\n0-9０-９等]{{0,10}}))?”?$")
# Counts of persons: a list before them names kinds of persons (两院院士、海外院士等人才16名), not
# the counted items, when a category follows 等.
_PERSON_UNITS = ("名", "人", "位", "人次")
_LIST_AFTER = re.compile(rf"^[^，,；;。()（）\n]{{0,15}}[(（]((?:{_ITEM}、)*{_ITEM})[)）]")
# Where a list's first item starts: after the verb or preposition that introduces it.
_INTRODUCERS = ("瞄准", "围绕", "聚焦", "用好", "打造", "发展", "推出了", "推出", "包括", "涵盖", "建设", "培育", "形成",
                "重点", "获得", "引进", "招引", "集聚", "吸引", "合作", "累计", "拥有", "同", "与", "对", "以", "了")


@dataclass(frozen=True)
class CountList:
    """A stated count (one or more mentions, e.g. both numbers of “一梁五柱”) and its items."""

    members: tuple[int, ...]
    items: tuple[str, ...]
    list_open: bool
    where: str  # before, after, slogan


def _first_item(item: str) -> str:
    cut = max((item.rfind(w) + len(w) for w in _INTRODUCERS if w in item[:-1]), default=0)
    return item[cut:].strip("“”")


def _items(listed: str) -> list[str]:
    """The listed names; leading verbs (引进、合作两院院士…) are no items."""
    parts = [p.strip("“” ") for p in _SPLIT.split(listed)]
    parts[0] = _first_item(parts[0])
    while len(parts) > 1 and (not parts[0] or parts[0] in _INTRODUCERS):
        parts = parts[1:]
        parts[0] = _first_item(parts[0]) if any(parts[0].startswith(w) for w in _INTRODUCERS) else parts[0]
    return [p for p in parts if p]


def distributive_subjects(text: str, segments: Segments, mentions: list[Mention]) -> dict[int, str]:
    """Mention index → its subject, for the numbers of every 分别 list."""
    groups: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.form == "list_item" and m.group is not None:
            groups.setdefault(m.group, []).append(i)
    subjects: dict[int, str] = {}
    previous: dict[int, tuple[list[str], int]] = {}  # list length → (subjects, sentence start)
    for members in groups.values():
        first = mentions[members[0]]
        clause_start, _ = segments.clause(first.span_start)
        before = text[clause_start:first.span_start]
        m = _DISTRIBUTIVE.search(before)
        if m is None:
            continue
        phrase = _COUNT_WORD_TAIL.sub("", trim_phrase(before[:m.start()]))
        names = _items(phrase) if phrase else []
        sentence_start, _ = segments.sentence(first.span_start)
        if len(names) > len(members) >= 1:  # 国家、省专精特新 is one subject: merge the head
            head = len(names) - len(members) + 1
            names = ["、".join(names[:head]), *names[head:]]
        if len(names) != len(members):
            earlier = previous.get(len(members))
            if earlier is None or earlier[1] != sentence_start:
                continue
            names = earlier[0]
        previous[len(members)] = (names, sentence_start)
        subjects.update(zip(members, names))
    return subjects


def count_lists(text: str, segments: Segments, mentions: list[Mention]) -> list[CountList]:
    """Stated counts followed or preceded by the list of what they count."""
    found: list[CountList] = []
    slogans: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.form == "slogan":
            slogans.setdefault(_slogan_key(text, m.start), []).append(i)
            continue
        if m.unit not in v.COUNT_UNITS or m.value < 1 or m.form not in ("number",):
            continue
        part_start, _ = segments.part(m.span_start)
        before = text[part_start:m.span_start]
        # The list must stand right before the count: 平台达到110家 is a subject and its verb.
        if (match := _LIST_BEFORE.search(before)) and m.value >= 2 and not before.endswith(v.SUBJECT_TRAILING):
            if not (match.group("category") and m.unit in _PERSON_UNITS):
                found.append(CountList((i,), tuple(_items(match.group(1))), bool(match.group(2)), "before"))
            continue
        clause_start, _ = segments.clause(m.span_start)
        if (match := _ONE_BEFORE.search(text[clause_start:m.span_start])) and m.value >= 2 \
                and m.unit not in _PERSON_UNITS and (items := _items(match.group(1))):
            found.append(CountList((i,), (items[-1],), True, "before"))
            continue
        _, part_end = segments.part(m.span_end)
        if match := _LIST_AFTER.match(text[m.span_end:part_end]):
            found.append(CountList((i,), tuple(_items(match.group(1))), False, "after"))
    for members in slogans.values():
        opening = mentions[members[0]].start - 1  # the quote mark
        part_start, _ = segments.part(opening)
        if match := _LIST_BEFORE.search(text[part_start:opening]):
            found.append(CountList(tuple(members), tuple(_items(match.group(1))), bool(match.group(2)), "slogan"))
    return found


def _slogan_key(text: str, pos: int) -> int:
    """The offset of the quote mark opening the slogan at pos (one key per slogan)."""
    return max(text.rfind(q, 0, pos) for q in "“「‘")
