"""Candidate relations between the candidate figures of one document (docs/curation.md,
raw/relations): each binds the figures it relates, in the roles of its kind, with a
confidence. General cues of statistical prose only:

- structure: the parts of one a:b:c ratio (三次产业结构0.4:14.9:84.8), in order;
- share: a percent after 占…比重 / 占比 / 比重 with the level of its subject (part) and,
  when the sentence states it, the whole the percent is of;
- growth: a level with the growth rate right after it (增加值583.7亿元, 同比增长21.1%) and the
  previous level when the sentence states it (the rule needs all three);
- sum_to_total: a total followed by 其中 / 分产业看 and two or more parts in the same unit and
  period that add up to it within their written rounding;
- part_le_whole: a figure after 其中 and the total of the same unit before it (also each
  part of a 其中 list that does not add up: it names the largest items only);
- structure: also binds the levels of the ratio's parts when they are stated (parts first);
- restatement: a later candidate with the same value, unit, kind, period and measure as an
  earlier one, named alike (a rate: one name holds the other);
- target_sequence: a later-year target of a series named alike after an earlier one.
listed_count comes from lists.count_lists."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from . import lexicon as v
from .segments import Segments
from .tokens import Mention

if TYPE_CHECKING:
    from .extractor import Candidate, CandidateRelation

_SHARE_CUE = re.compile(r"占(?:[^，,。；;]{0,24})?(?:比重|比例|的?份额)|占比|比重")
_OF_WHOLE = re.compile(r"占([^，,。；;占]{2,24}?)(?:的)?(?:比重|比例|份额)")
_WHOLE_REGION = re.compile(v.WHOLE_REGION)
_SUBSET_CUE = re.compile(r"其中|分[^，,。；;]{1,6}看|从[^，,。；;]{1,8}看")
# 37个大类行业中有21个: a count "among" an earlier count of the same unit in its sentence.
_AMONG = re.compile(r"[^，,。；;]{0,12}中(?:有|共有)?")
_OTHER_QUANTITY = re.compile(r"(?:产值|增加值|收入|利润|投资|销售额|总额)[^，,。；;]{0,4}占")
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
    # a total of new units has new units for parts (新增…957户。其中,新增规上工业企业232户,…)
    amounts = [i for i, c in enumerate(candidates) if c.measure in (*_LEVEL_MEASURES, "increment")
               and c.unit != "%" and "百分" not in c.unit]  # 个百分点, 個百分點: changes of rates
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
    among = _among(text, segments, mentions, candidates)
    out += _subsets(text, segments, candidates, amounts,
                    frozenset(r.members[0] for r in among if r.kind == "part_le_whole"))
    out += among
    out += _structure_shares(out, candidates)
    out = _structures_with_levels(out)
    out += _restatements(candidates)
    out += _referring_counts(text, segments, candidates, out)
    out += _target_sequences(candidates)
    return _whole_at_first_statement(out)


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
        if share is not None and _OTHER_QUANTITY.search(text, candidates[part].end, candidates[share].start):
            share = None  # 48家企业产值占行业产值比重84.9%: a share of output, not of the count
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


def _structures_with_levels(found: list[CandidateRelation]) -> list[CandidateRelation]:
    """A ratio whose parts have stated levels (the shares tied above) binds them too, parts
    then levels in the same order: the structure rule checks each part against its level's
    share of their sum."""
    from .extractor import CandidateRelation

    shares = {r.members[2]: r.members[0] for r in found if r.kind == "share" and len(r.members) == 3}
    out = []
    for r in found:
        levels = [shares.get(m) for m in r.members] if r.kind == "structure" else [None]
        if None in levels:
            out.append(r)
            continue
        out.append(CandidateRelation("structure", (*r.members, *levels), r.items, r.list_open, r.confidence,
                                     "a ratio a:b:c sums to 100; each part is its stated level's share"))
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
    wholes = list(_OF_WHOLE.finditer(before))
    if not wholes:
        return None
    m = wholes[-1]
    part = next((j for j in reversed(levels) if j < i and candidates[j].start >= start
                 and candidates[j].period == c.period), None)
    if part is None:  # 第一产业增加值2861.18亿元…。第一产业增加值占地区生产总值的比重为14.2%
        named = re.split(r"[，,；;：:]", before[:m.start()])[-1]
        part = _named_earlier(segments, candidates, levels, i, named)
    if part is None:
        return None
    whole_name = _without_region(m.group(1))
    whole = next((j for j in reversed(levels) if j != part and candidates[j].start < c.start
                  and candidates[j].unit == candidates[part].unit and candidates[j].period == c.period
                  and candidates[j].value >= candidates[part].value
                  and (whole_name in (subject := _without_region(candidates[j].subject))
                       or subject and subject in whole_name)),
                 None)
    return (part, whole, i) if whole is not None else None


def _without_region(name: str) -> str:
    """年末全省常住人口 and 年末常住人口 name one whole."""
    return _WHOLE_REGION.sub("", name)


def _named_earlier(segments: Segments, candidates: list[Candidate], levels: list[int], i: int,
                   name: str) -> int | None:
    """The level stated earlier in the share's paragraph under the name the share gives its
    part (the words before 占)."""
    name = name.strip()
    paragraph_start, _ = segments.paragraph(candidates[i].start)
    return next((j for j in reversed(levels) if j < i and candidates[j].start >= paragraph_start
                 and candidates[j].period == candidates[i].period and len(name) >= 2
                 and candidates[j].subject.endswith(name)), None)


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
             levels: list[int], among_parts: frozenset[int] = frozenset()) -> list[CandidateRelation]:
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
        before = [j for j in range(len(candidates)) if floor <= candidates[j].start < m.start()
                  and candidates[j].measure in (*_LEVEL_MEASURES, "increment") and candidates[j].unit != "%"]
        # the nearest figure of the series that can hold the first part: 新增城镇就业7.6万人,其中…2.43万人
        # (an increment is a total too); 比上年增加63公顷 cannot hold 小麦21500公顷
        total = next((j for j in reversed(before) if _same_series(candidates[j], candidates[after[0]])
                      and candidates[j].value >= candidates[after[0]].value), None)
        if total is None:
            continue
        parts = [j for j in after if _same_series(candidates[j], candidates[total])
                 and candidates[j].value <= candidates[total].value and j not in among_parts
                 and (candidates[j].measure != "increment" or candidates[total].measure == "increment")]
        if len(parts) >= 2 and _adds_up(candidates, total, parts):
            out.append(CandidateRelation("sum_to_total", (total, *parts), (), False, 0.7,
                                         f"{m.group()}: the parts after it add up to the total before it"))
            continue
        # One part, or parts that do not add up (其中 names the largest items only): each is
        # a part of the total.
        for part in parts if len(parts) == 1 else [j for j in parts if candidates[j].value < candidates[total].value]:
            out.append(CandidateRelation("part_le_whole", (part, total), (), False, 0.6,
                                         f"{m.group()}: a part of the total before it"))
    return out


def _adds_up(candidates: list[Candidate], total: int, parts: list[int]) -> bool:
    """The parts sum to the total within the rounding of the figures as written (half a unit
    of the last written digit per figure)."""
    def half_unit(i: int) -> Decimal:
        exponent = candidates[i].value.as_tuple().exponent
        return Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal(0)

    gap = abs(sum(candidates[j].value for j in parts) - candidates[total].value)
    return gap <= sum(half_unit(j) for j in (total, *parts))


_COMPARISON_SUBJECT = re.compile(r"^(?:增速|增幅)?(?:比|较|与)")
_RATE_UNITS = ("%", "个百分点")


def _similar(a: Candidate, b: Candidate) -> bool:
    """Two statements of one series name it alike: a three-character run of one subject in the
    other's subject (a bare number of the same value is no restatement). Rates coincide
    often: one subject must hold the other whole, and a subject that only names a comparison
    (增速比1—9月份加快) names no series."""
    if a.unit in _RATE_UNITS:
        if any(not x or _COMPARISON_SUBJECT.match(x) for x in (a.subject, b.subject)):
            return False
        return len(min(a.subject, b.subject, key=len)) >= 4 and (a.subject in b.subject or b.subject in a.subject)
    for x, y in ((a.subject, b.subject), (b.subject, a.subject)):
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


def _end_year(period: str) -> str:
    return period.split("/")[-1][:4]


def _target_sequences(candidates: list[Candidate]) -> list[CandidateRelation]:
    """到2025年，…达到300家；到2027年，达到400家: a later target of the same series (same unit
    and measure, a subject alike) for a later year follows the nearest earlier one."""
    from .extractor import CandidateRelation

    out: list[CandidateRelation] = []
    used: set[int] = set()
    for i, c in enumerate(candidates):
        if c.kind != "target":
            continue
        earlier = [j for j in range(i - 1, -1, -1)
                   if j not in used and candidates[j].kind == "target" and candidates[j].unit == c.unit
                   and candidates[j].measure == c.measure and _end_year(candidates[j].period) < _end_year(c.period)
                   and c.start - candidates[j].start < _SEQUENCE_REACH and _similar(candidates[j], c)]
        if earlier:
            j = max(earlier, key=lambda k: _common_run(candidates[k].subject, c.subject))  # nearest among the best
            out.append(CandidateRelation("target_sequence", (j, i), (), False, 0.6,
                                         "a later target of the same series follows the earlier one"))
            used.add(j)
    return out


_SEQUENCE_REACH = 400  # characters: a plan states a series' targets for two years close together


def _common_run(a: str, b: str) -> int:
    """The length of the longest run of characters a and b share."""
    best = 0
    for k in range(len(a)):
        for n in range(best + 1, len(a) - k + 1):
            if a[k:k + n] in b:
                best = n
            else:
                break
    return best


_REFERENCE_REACH = 200  # characters: a count refers back to one stated shortly before


def _referring_counts(text: str, segments: Segments, candidates: list[Candidate],
                      found: list[CandidateRelation]) -> list[CandidateRelation]:
    """340家企业中,…48家; 48家超亿元企业…: a count opening its clause, with no subject before
    it, names the same count stated just before (a restatement)."""
    from .extractor import CandidateRelation

    restated = {r.members[1] for r in found if r.kind == "restatement"}
    out: list[CandidateRelation] = []
    for i, c in enumerate(candidates):
        if i in restated or c.unit not in v.COUNT_UNITS:
            continue
        clause_start, _ = segments.clause(c.start)
        if text[clause_start:c.start].strip():
            continue
        earlier = next((j for j in range(i - 1, -1, -1)
                        if c.start - candidates[j].end <= _REFERENCE_REACH and candidates[j].value == c.value
                        and candidates[j].unit == c.unit and candidates[j].period == c.period), None)
        if earlier is not None:
            out.append(CandidateRelation("restatement", (earlier, i), (), False, 0.6,
                                         "a count opening its clause refers to the same count stated before"))
    return out


def _whole_at_first_statement(found: list[CandidateRelation]) -> list[CandidateRelation]:
    """A part of a restated whole is bound to the whole's first statement (the series' row)."""
    first = {r.members[1]: r.members[0] for r in found if r.kind == "restatement"}
    out = []
    for r in found:
        if r.kind == "part_le_whole" and r.members[1] in first:
            r = replace(r, members=(r.members[0], first[r.members[1]]))
        out.append(r)
    return out