"""Candidate relations between the candidate figures of one document (docs/curation.md,
raw/relations): each binds the figures it relates, in the roles of its kind, with a
confidence. General cues of statistical prose only:

- structure: the parts of one a:b:c ratio (三次产业结构0.4:14.9:84.8), in order;
- share: a percent after 占…比重 / 占比 / 比重 with the level of its subject (part) and,
  when the sentence states it, the whole the percent is of;
- growth: a level with the growth rate right after it (增加值583.7亿元, 同比增长21.1%) and the
  previous level when the sentence states it (the rule needs all three);
- sum_to_total: a total followed by 其中 / 分产业看 and parts in the same unit and period,
  when at least two parts follow;
- part_le_whole: a figure after 其中 and the total of the same unit before it;
- restatement: a later candidate with the same value, unit, kind, period and measure as an
  earlier one (the same series stated twice).
listed_count comes from lists.count_lists."""

from __future__ import annotations

import bisect
import itertools
import re
from typing import TYPE_CHECKING

from . import lexicon as v
from .segments import Segments
from .tokens import Mention

if TYPE_CHECKING:
    from .extractor import Candidate, CandidateRelation

_SHARE_CUE = re.compile(r"占(?:[^，,。；;]{0,24})?(?:比重|比例|的?份额)|占比|比重")
_OF_WHOLE = re.compile(r"占([^，,。；;占]{2,24}?)(?:的)?(?:比重|比例|份额)")
_SUBSET_CUE = re.compile(r"其中|分[^，,。；;]{1,6}看|从[^，,。；;]{1,8}看")
# 37个大类行业中有21个: a count "among" an earlier count of the same unit in its sentence.
_AMONG = re.compile(r"[^，,。；;]{0,12}中(?:有|共有)?")
_LEVEL_MEASURES = ("level", "cumulative")
_RATE_MEASURES = ("yoy_growth", "avg_annual_growth")


def propose_relations(text: str, segments: Segments, mentions: list[Mention],
                      candidates: list[Candidate]) -> list[CandidateRelation]:
    from .extractor import CandidateRelation

    out: list[CandidateRelation] = []
    groups: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.form == "ratio_part" and m.group is not None:
            groups.setdefault(m.group, []).append(i)
    for members in groups.values():
        out.append(CandidateRelation("structure", tuple(members), (), False, 0.9,
                                     "the parts of a ratio a:b:c sum to 100 within their rounding"))

    levels = [i for i, c in enumerate(candidates) if c.measure in _LEVEL_MEASURES and c.unit != "%"]
    for i, c in enumerate(candidates):
        if c.measure == "share" and c.unit == "%" and mentions[i].form != "ratio_part":
            relation = _share(text, segments, candidates, levels, i)
            if relation is not None:
                out.append(CandidateRelation("share", relation, (), False, 0.6,
                                             "占…比重: the part's level, the whole's level, the share"))
        if c.measure in _RATE_MEASURES and c.kind == "growth_rate":
            level = _level_before(segments, candidates, levels, i)
            previous = _previous_level(segments, candidates, level, i) if level is not None else None
            if previous is not None:
                out.append(CandidateRelation("growth", (level, i, previous), (), False, 0.6,
                                             "a level, its growth rate and the previous level stated with them"))
    out += _subsets(text, segments, candidates, levels)
    out += _among(text, segments, mentions, candidates)
    out += _structure_shares(out, candidates)
    out += _restatements(candidates)
    return out


def _among(text: str, segments: Segments, mentions: list[Mention], candidates: list[Candidate]) -> list[CandidateRelation]:
    """N个…中有M个 / N家企业中…M家: M is part of N (part_le_whole); a percent after them in the
    sentence (增长面为56.8%) is M's share of N."""
    from .extractor import CandidateRelation

    out: list[CandidateRelation] = []
    for i, c in enumerate(candidates):
        if c.unit not in v.COUNT_UNITS or not _AMONG.match(text, mentions[i].span_end):
            continue
        _, end = segments.sentence(c.start)
        later = list(itertools.takewhile(lambda j: candidates[j].start < end, range(i + 1, len(candidates))))
        part = next((j for j in later if candidates[j].unit == c.unit and candidates[j].value <= c.value
                     and candidates[j].period == c.period), None)
        if part is None:
            continue
        out.append(CandidateRelation("part_le_whole", (part, i), (), False, 0.7, "…中有: a part of the count before it"))
        share = next((j for j in later if j > part and candidates[j].unit == "%" and candidates[j].measure == "share"), None)
        if share is not None:
            out.append(CandidateRelation("share", (part, i, share), (), False, 0.6,
                                         "…中有…, a percent after them: the part's share of the count"))
    return out


def _structure_shares(found: list[CandidateRelation], candidates: list[Candidate]) -> list[CandidateRelation]:
    """A ratio a:b:c whose parts are the parts of a stated total (三次产业, the same period and as
    many parts): each ratio part is that part's share of the total."""
    from .extractor import CandidateRelation

    out: list[CandidateRelation] = []
    totals = [r for r in found if r.kind == "sum_to_total"]
    for ratio in (r for r in found if r.kind == "structure"):
        period = candidates[ratio.members[0]].period
        total = next((t for t in totals if len(t.members) - 1 == len(ratio.members)
                      and candidates[t.members[1]].period == period), None)
        if total is None:
            continue
        for level, part in zip(total.members[1:], ratio.members):
            out.append(CandidateRelation("share", (level, total.members[0], part), (), False, 0.55,
                                         "a ratio a:b:c over the parts of a stated total: each part's share"))
    return out


def _same_series(a: Candidate, b: Candidate) -> bool:
    return a.unit == b.unit and a.period == b.period and a.kind == b.kind


def _share(text: str, segments: Segments, candidates: list[Candidate], levels: list[int],
           i: int) -> tuple[int, ...] | None:
    """(part, whole, share) when the share's sentence names a whole (占规上工业比重) stated
    as a level earlier in the text, and the part is the level stated just before the share."""
    c = candidates[i]
    start, _ = segments.sentence(c.start)
    before = text[start:c.start]
    if not _SHARE_CUE.search(before):
        return None
    part = next((j for j in reversed(levels) if j < i and candidates[j].start >= start
                 and candidates[j].period == c.period), None)
    if part is None:
        return None
    m = _OF_WHOLE.search(before)
    if m is None:
        return None
    whole_name = m.group(1)
    whole = next((j for j in reversed(levels) if j != part and candidates[j].start < c.start
                  and candidates[j].unit == candidates[part].unit and candidates[j].period == c.period
                  and candidates[j].value >= candidates[part].value
                  and (whole_name in candidates[j].subject or candidates[j].subject and candidates[j].subject in whole_name)),
                 None)
    return (part, whole, i) if whole is not None else None


def _level_before(segments: Segments, candidates: list[Candidate], levels: list[int], i: int) -> int | None:
    """The level the rate is of: the nearest level before it in its sentence, with nothing
    but the rate's own clause between (增加值583.7亿元,同比增长21.1%)."""
    c = candidates[i]
    start, _ = segments.sentence(c.start)
    for j in reversed(levels[:bisect.bisect_left(levels, i)]):
        if candidates[j].start < start:
            return None
        between = [k for k in range(j + 1, i) if candidates[k].measure not in _RATE_MEASURES]
        if between:
            return None
        if candidates[j].period == c.period:
            return j
        return None
    return None


def _previous_level(segments: Segments, candidates: list[Candidate], level: int, rate: int) -> int | None:
    """The previous level a growth is measured from, when the sentence states it (上年为…):
    a level of the same unit and an earlier period in the rate's sentence."""
    _, end = segments.sentence(candidates[rate].start)
    for j in itertools.takewhile(lambda k: candidates[k].start < end, range(level + 1, len(candidates))):
        c = candidates[j]
        if j != rate and c.unit == candidates[level].unit and c.measure in _LEVEL_MEASURES \
                and c.period < candidates[level].period:
            return j
    return None


def _subsets(text: str, segments: Segments, candidates: list[Candidate],
             levels: list[int]) -> list[CandidateRelation]:
    """其中 / 分产业看: the parts after the cue, same unit and period as the total before it.
    Two or more parts in one sentence: sum_to_total (confidence lower: the parts may not
    cover the whole); one: part_le_whole."""
    from .extractor import CandidateRelation

    out: list[CandidateRelation] = []
    starts = [candidates[j].start for j in levels]
    for m in _SUBSET_CUE.finditer(text):
        _, end = segments.sentence(m.end())
        after = levels[bisect.bisect_left(starts, m.end()):bisect.bisect_left(starts, end)]
        if not after:
            continue
        floor = segments.paragraph(m.start())[0] - 200
        before = levels[bisect.bisect_left(starts, floor):bisect.bisect_left(starts, m.start())]
        total = next((j for j in reversed(before) if _same_series(candidates[j], candidates[after[0]])), None)
        if total is None:
            continue
        parts = [j for j in after if _same_series(candidates[j], candidates[total])
                 and candidates[j].value <= candidates[total].value]
        if len(parts) >= 2:
            kind = "sum_to_total"
            out.append(CandidateRelation(kind, (total, *parts), (), False, 0.5,
                                         f"{m.group()}: the parts after it make up the total before it"))
        for part in parts[:1] if len(parts) == 1 else []:
            out.append(CandidateRelation("part_le_whole", (part, total), (), False, 0.6,
                                         f"{m.group()}: a part of the total before it"))
    return out


def _similar(a: Candidate, b: Candidate) -> bool:
    """Two statements of one series name it alike: a three-character run of one subject in the
    other's subject or quote (a bare number of the same value is no restatement)."""
    for x, y in ((a.subject, b.subject + b.quote), (b.subject, a.subject + a.quote)):
        if len(x) >= 3 and any(x[k:k + 3] in y for k in range(len(x) - 2)):
            return True
    return False


def _restatements(candidates: list[Candidate]) -> list[CandidateRelation]:
    from .extractor import CandidateRelation

    out: list[CandidateRelation] = []
    first: dict[tuple, int] = {}
    for i, c in enumerate(candidates):
        if c.unit in ("%", "个百分点") and c.measure == "share" and c.value == 0:
            continue
        key = (c.value, c.unit, c.kind, c.period, c.measure, c.qualifier)
        if key in first and _similar(candidates[first[key]], c):
            out.append(CandidateRelation("restatement", (first[key], i), (), False, 0.55,
                                         "the same value, unit, kind and period stated again"))
        else:
            first.setdefault(key, i)
    return out
