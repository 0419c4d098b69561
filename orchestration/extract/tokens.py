"""Numbers with their units and adjacent qualifier markers: the mentions a figure is made of.

A mention is a number as written (Arabic with separators, full-width, Chinese numerals,
万/亿, 多/余) followed by a unit (亿元, 家, %, 个百分点…), with the markers around it (约,
超过, 以上, 左右…). Numbers without a unit count only inside a range (3至5个) or a list
sharing the last unit (33、8、4家). Skip rules drop ordinals, ranks, rates per unit, vague
counts, size classes and thresholds inside a definition (过1000亿元的集群)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from orchestration.ingest.figures import QUALIFIER_MARKERS, ParsedNumber, parse_value_text

from . import lexicon as v
from .masks import Masks, ratio_spans

_ARABIC = r"[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?"
_CHINESE_CHARS = "零〇一二两三四五六七八九十百千"
# 一万二千: 万/亿 inside a Chinese numeral (figures.numbers reads it); a final 万/亿 is the magnitude
_CHINESE = rf"[{_CHINESE_CHARS}]+(?:[万亿][{_CHINESE_CHARS}]+(?![瓦米克元时]))*"  # 三千万千瓦 is 3000 万千瓦
# A minus written before a number (增长-8.7%, （-10.8%）) only where no digit, percent sign or
# unit stands right before it: 10%-15% and 2021-2023 are ranges. Text copied from PDFs puts
# spaces between a number and its magnitude or unit (3520.47 亿元, 6.3 万人).
_MINUS = r"(?:(?<![0-9０-９%％A-Za-z_.．])(?P<minus>[-−－]))?"
_GAP = r"[ \u3000\u00a0]{0,2}"
NUMBER = re.compile(rf"{_MINUS}(?P<num>{_ARABIC}|{_CHINESE})(?P<m1>[多余])?(?:{_GAP}(?P<mag>万亿|亿|万))?(?P<m2>[多余])?")
_SPACES = re.compile(_GAP)
_RATIO_PART = re.compile(r"\d+(?:\.\d+)?")
# A unit the vocabulary does not know: one to three Han characters (or 微克/立方米) right after
# a number and right before punctuation or a change word. Proposed as written, flagged.
_UNKNOWN_UNIT = re.compile(r"(?:[\u4e00-\u9fff]{1,4}/[\u4e00-\u9fff]{1,4}|[\u4e00-\u9fff]{1,3})"
                           r"(?=[，,。；;、）)]|$|\s*(?:同比|比上年|比去年|较上年|增长|下降|减少|增加|以上|左右))")
# 元/人, 元/吨, 千克/亩: a known unit divided by a unit written after a slash.
_NUMBER_TAIL = re.compile(r"[\d.·．][.·．]$")
_PER_UNIT = re.compile(r"/[\u4e00-\u9fff]{1,3}"
                       r"(?=[，,。；;、）)]|$|\s*(?:同比|比上年|比去年|较上年|增长|下降|减少|增加|以上|左右))")
# Words that make 位 a rank moved, not a count of people: 前移7位, 上升3位.
_RANK_MOVES = ("前移", "后移", "上升", "下降", "提升", "前进", "后退", "上移", "下移", "居第", "列第", "排名", "位列第")
_RANK_MOVE = re.compile("(?:" + "|".join(_RANK_MOVES) + r")(?:了|至|到|第)?[0-9.位、和及与\s]*$")
_PERCENT_WORDS = re.compile(rf"百分之(?P<num>{_ARABIC}|{_CHINESE})(?![点.．])")
_RANGE_SEPARATOR = re.compile(r"\s*(?:[-－—~～]{1,2}|至|到)\s*")
_LIST_SEPARATOR = re.compile(r"\s*(?:、|和|与|及|以及|或)\s*")
_CJK_NUMERALS = "一二两三四五六七八九十"
_SLOGAN = re.compile(rf"(?:[{_CJK_NUMERALS}](?![{_CJK_NUMERALS}零〇百千万亿])[\u4e00-\u9fff]){{2,}}")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Mention:
    """A number with its unit, as found in the text.

    start/end: the value text's span; span_start/span_end: with prefix marker, unit and
    suffix marker. form: number, range_low, range_high, list_item, slogan or percent_words.
    group: mentions of one range or shared-unit list share a group number."""

    start: int
    end: int
    value_text: str
    value: Decimal
    unit: str
    qualifier: str
    span_start: int
    span_end: int
    form: str = "number"
    chinese: bool = False
    group: int | None = None
    notes: tuple[str, ...] = field(default=())


@dataclass
class _Token:
    """A number, possibly without unit, before grouping."""

    start: int
    end: int
    value_text: str
    parsed: ParsedNumber
    chinese: bool
    unit: str | None
    unit_end: int
    unknown_unit: str = ""  # a unit outside the vocabulary, proposed as written


_UNIT = re.compile("大?(?:" + "|".join(map(re.escape, v.UNITS)) + ")")  # v.UNITS is longest first


def _match_unit(text: str, pos: int, chinese: bool) -> tuple[str | None, int]:
    """The unit written at pos (大 infix allowed before 系列/类; up to two spaces before it),
    and where it ends."""
    gap = _SPACES.match(text, pos)
    if gap and gap.end() > pos:
        unit, end = _match_unit(text, gap.end(), chinese)
        return (unit, end) if unit else (None, pos)
    m = _UNIT.match(text, pos)
    if m is None:
        return None, pos
    unit = m.group()
    if unit.startswith("大") and unit not in v.UNITS:
        if unit[1:] not in v.BIG_INFIX_UNITS:
            return None, pos
        unit, pos = unit[1:], pos + 1
    end = pos + len(unit)
    if any(text.startswith(b, end) for b in v.UNIT_BREAKERS.get(unit[-1], ())):
        return None, pos
    if chinese and unit not in v.CHINESE_NUMERAL_UNITS and not _is_amount(text, pos, unit):
        return None, pos
    return unit, end


def _is_amount(text: str, pos: int, unit: str) -> bool:
    """一千二百亿元, 三千万千瓦: a Chinese numeral of two or more characters (or one with a
    magnitude) before a unit of measure reads as an amount; 两条腿 stays an idiom."""
    if unit in v.COUNT_UNITS:
        return False
    start = pos
    while start > 0 and text[start - 1] in _CHINESE_CHARS + "万亿":
        start -= 1
    return pos - start >= 2


def _token(text: str, m: re.Match[str]) -> _Token | None:
    """The number at m with its unit: a compound unit (亿元) keeps the magnitude out of
    the value text, any other unit folds it in (8万人 → 8万, 人)."""
    num, mag, m2 = m.group("num", "mag", "m2")
    chinese = num[0] in _CHINESE_CHARS
    unit, unit_end = _match_unit(text, m.end(), chinese)
    value_end = m.end()
    if mag and unit and not m2 and mag + unit in v.COMPOUND_UNITS:
        unit, value_end = mag + unit, m.end("m1") if m.group("m1") else m.end("num")
    elif mag and not unit and (bare := _match_unit(text, m.end("mag"), chinese))[0] is None and \
            (compound := _match_unit(text, m.start("mag"), chinese))[0] in v.COMPOUND_UNITS:
        unit, unit_end, value_end = compound[0], compound[1], m.end("m1") if m.group("m1") else m.end("num")
    value_text = text[m.start():value_end]
    try:
        parsed = parse_value_text(value_text.lstrip("-−－"))
    except ValueError:
        return None
    if m.group("minus"):
        parsed = replace(parsed, value=-parsed.value)
    if unit is None and not chinese and _UNIT.match(text, m.end()) is None:
        unknown = _UNKNOWN_UNIT.match(text, m.end())
        if unknown and not any(text.startswith(w, m.end()) for w in _NOT_UNITS):
            if mag:  # 12万标箱: the magnitude joins the unit, as in 万吨
                value_text = text[m.start():m.end("m1") if m.group("m1") else m.end("num")]
                value_end = m.start() + len(value_text)
                parsed = parse_value_text(value_text.lstrip("-−－"))
                if m.group("minus"):
                    parsed = replace(parsed, value=-parsed.value)
                return _Token(m.start(), value_end, value_text, parsed, chinese, None, unknown.end(),
                              mag + unknown.group())
            return _Token(m.start(), value_end, value_text, parsed, chinese, None, unknown.end(), unknown.group())
    if unit is not None and (per := _PER_UNIT.match(text, unit_end)):
        unit, unit_end = unit + per.group(), per.end()  # 103797元/人: a rate per unit, one unit
    return _Token(m.start(), value_end, value_text, parsed, chinese, unit, unit_end)


# Han characters after a number that are no unit: dates, ordinals, list markers, code words.
_NOT_UNITS = ("年", "月", "日", "号", "时", "分", "秒", "岁", "周", "届", "期", "版", "号", "楼", "层", "路", "届",
              "级", "倍", "成", "折", "强", "大", "季", "代", "点")


def _prefix_marker(text: str, start: int) -> str:
    for marker in v.PREFIX_MARKERS:
        if text.startswith(marker, start - len(marker)):
            if len(marker) == 1 and text[max(0, start - 2):start] in v.FALSE_PREFIX_WORDS:
                return ""
            return marker
    return ""


def _suffix_marker(text: str, end: int) -> str:
    return next((m for m in v.SUFFIX_MARKERS if text.startswith(m, end)), "")


def _skip_reason(text: str, token: _Token, prefix: str) -> str | None:
    """Why the number is not a quantity, or None."""
    before = text[max(0, token.start - len(prefix) - 2):token.start - len(prefix)]
    after = text[token.unit_end:token.unit_end + 1]
    if _NUMBER_TAIL.search(text, max(0, token.start - len(prefix) - 2), token.start - len(prefix)):
        return "tail of a malformed number"  # 14..3%, 1·8% (a typo in the source), 5.0.1
    if before.endswith(v.ORDINAL_PREFIXES):
        return "ordinal"
    if before.endswith(v.RANK_PREFIXES) and token.unit in v.RANK_UNITS:
        return "rank"
    if token.unit in v.RANK_UNITS and _RANK_MOVE.search(text, max(0, token.start - 30), token.start - len(prefix)):
        return "rank"
    if before.endswith(v.PER_PREFIXES):
        return "per unit"
    if token.chinese and before.endswith(v.VAGUE_PREFIXES) and not prefix:
        return "vague count"  # 数十家, 几十个 (Arabic: 企业数316家 is exact)
    if after in v.CLASS_SUFFIXES:
        return "size class"
    if before and _ASCII_LETTER.fullmatch(before[-1]):
        return "code"
    if token.chinese and token.parsed.value == 1:
        return "article 一"
    return None


def _is_threshold(text: str, unit: str, bounded: bool, end: int) -> bool:
    """过1000亿元的集群, 10亿元以上项目: a bounded amount followed by the noun it defines.
    Counts are exempt: 100家以上企业 is a count of enterprises."""
    if v.QUANTITY_AFTER_DE.match(text, end) or text.startswith("大关", end):
        return False  # 以超9414亿元的GDP总量, 突破2000亿元大关: the amount is the quantity itself, not a class
    return bounded and unit not in v.COUNT_UNITS and end < len(text) and text[end] not in v.STATEMENT_FOLLOWERS


def find_mentions(text: str, masks: Masks) -> list[Mention]:
    """Every number with a unit, in text order; see the module docstring."""
    ratios = [(a, b) for a, b in ratio_spans(text) if not masks.any(a, b)]
    tokens = [t for m in NUMBER.finditer(text)
              if not masks.any(m.start(), m.end()) and not any(a <= m.start() < b for a, b in ratios)
              and (t := _token(text, m)) is not None]
    tokens = _share_units(text, tokens)
    mentions: list[Mention] = []
    ranges = _ranges(text, tokens)
    group = 0
    for i, token in enumerate(tokens):
        if i in ranges:
            low, high = ranges[i]
            if i == low:
                group += 1
            if not masks.any(tokens[low].start, tokens[high].unit_end):
                mentions.append(_range_mention(text, token, tokens[high].unit or "", i == low, group))
            continue
        if token.unknown_unit and token.unit is None and not masks.any(token.start, token.unit_end):
            token = replace(token, unit=token.unknown_unit)
        if token.unit is None or masks.any(token.start, token.unit_end):
            continue
        mention = _mention(text, token)
        if mention is not None:
            mentions.append(mention)
    group = max([group, *(m.group or 0 for m in mentions)])
    mentions += _ratio_parts(text, ratios, group)
    mentions += _percent_words(text, masks)
    mentions += slogan_counts(text, masks)
    mentions.sort(key=lambda m: m.start)
    return _number_lists(text, [m for i, m in enumerate(mentions) if not _names_a_kind(text, mentions, i)])


# 四种肉产量5989.4吨, 10种有色金属增长15.3%: a number of kinds that opens the name of the figure
# after it in its clause is part of that name (猪牛羊禽四种肉, 十种有色金属), not a count.
_KIND_UNITS = ("种",)
_NAME_THEN_FIGURE = re.compile(r"[\u4e00-\u9fff]{2,12}")


def _names_a_kind(text: str, mentions: list[Mention], i: int) -> bool:
    m = mentions[i]
    if m.unit not in _KIND_UNITS or i + 1 >= len(mentions) or m.group is not None:
        return False
    return _NAME_THEN_FIGURE.fullmatch(text, m.span_end, mentions[i + 1].start) is not None


def _mention(text: str, token: _Token) -> Mention | None:
    prefix = _prefix_marker(text, token.start)
    if _skip_reason(text, token, prefix):
        return None
    suffix = _suffix_marker(text, token.unit_end)
    marker = prefix or suffix
    qualifier = token.parsed.implied_qualifier or (QUALIFIER_MARKERS[marker] if marker else "exact")
    span_end = token.unit_end + len(suffix)
    bounded = qualifier in ("at_least", "up_to") and bool(prefix or suffix)
    if _is_threshold(text, token.unit, bounded, span_end):
        return None
    notes = ("Chinese numeral",) if token.chinese else ()
    if token.unknown_unit and token.unit == token.unknown_unit:
        notes += (f"unit {token.unit!r} is not in the vocabulary: check it and add it to raw/reference/units.csv",)
    return Mention(token.start, token.end, token.value_text, token.parsed.value, _normalise(token.unit), qualifier,
                   token.start - len(prefix), span_end, chinese=token.chinese, notes=notes)


def _normalise(unit: str) -> str:
    return v.UNIT_NORMALISED.get(unit, unit)


def _share_units(text: str, tokens: list[_Token]) -> list[_Token]:
    """33、8、4家: numbers without a unit take the unit of the list's last number."""
    out = list(tokens)
    for i in range(len(out) - 2, -1, -1):
        token, following = out[i], out[i + 1]
        if token.unit is not None and following.unit is not None and token.unit != following.unit and \
                following.unit.startswith(token.unit) and following.unit in v.POINT_UNITS and \
                _LIST_SEPARATOR.fullmatch(text[token.unit_end:following.start]):
            # 分别提高7.9个、3.4个和1.7个百分点: 个 is the head of the list's last unit
            out[i] = replace(token, unit=following.unit)
            continue
        if token.unit is None and following.unit is not None and \
                _LIST_SEPARATOR.fullmatch(text[token.end:following.start]) and \
                (not token.chinese or following.unit in v.CHINESE_NUMERAL_UNITS):
            out[i] = replace(token, unit=following.unit, unit_end=token.end)
    return out


def _ranges(text: str, tokens: list[_Token]) -> dict[int, tuple[int, int]]:
    """3至5个, 10%-15%, 15%—20%: index → (low index, high index), low < high; the low end
    may omit the unit (3至5个)."""
    found: dict[int, tuple[int, int]] = {}
    for i in range(len(tokens) - 1):
        low, high = tokens[i], tokens[i + 1]
        if high.unit is None or low.unit not in (None, high.unit) or low.chinese != high.chinese:
            continue
        gap_start = low.unit_end if low.unit else low.end
        if _RANGE_SEPARATOR.fullmatch(text[gap_start:high.start]) and low.parsed.value < high.parsed.value:
            found[i] = found[i + 1] = (i, i + 1)
    return found


def _range_mention(text: str, token: _Token, unit: str, is_low: bool, group: int) -> Mention:
    """A range end: the low end is at_least, the high end up_to (two rows, one interval)."""
    end = token.unit_end if token.unit else token.end
    span_start = token.start - len(_prefix_marker(text, token.start)) if is_low else token.start
    span_end = end if is_low else end + len(_suffix_marker(text, end))
    return Mention(token.start, token.end, token.value_text, token.parsed.value, _normalise(unit),
                   "at_least" if is_low else "up_to", span_start, span_end, form="range_low" if is_low else "range_high",
                   chinese=token.chinese, group=group, notes=("range: two rows, low end at_least and high end up_to",))


def _ratio_parts(text: str, spans: list[tuple[int, int]], group: int) -> list[Mention]:
    """8.8:41.5:49.7 → three shares in percent, one group (a `structure` relation binds them)."""
    out = []
    for start, end in spans:
        group += 1
        for m in _RATIO_PART.finditer(text, start, end):
            out.append(Mention(m.start(), m.end(), m.group(), Decimal(m.group()), "%", "exact", m.start(), m.end(),
                               form="ratio_part", group=group, notes=("part of a ratio a:b:c, in percent",)))
    return out


def _percent_words(text: str, masks: Masks) -> list[Mention]:
    """百分之三十 → 30 %: the value text is the numeral after 百分之."""
    out = []
    for m in _PERCENT_WORDS.finditer(text):
        if masks.any(m.start(), m.end()):
            continue
        try:
            parsed = parse_value_text(m.group("num"))
        except ValueError:
            continue
        out.append(Mention(m.start("num"), m.end("num"), m.group("num"), parsed.value, "%", "exact",
                           m.start(), m.end(), form="percent_words", chinese=True))
    return out


def slogan_counts(text: str, masks: Masks) -> list[Mention]:
    """“一梁五柱”, “一港四园、多点支撑”: a short quoted slogan made of numeral + one-character
    noun pairs counts each noun (1 梁, 5 柱). All ones (“一带一路”) is a name, not a count."""
    out: list[Mention] = []
    for start, end in masks.quoted:
        for m in _SLOGAN.finditer(text, start + 1, end - 1):
            if text[m.start() - 1] not in "“「‘、" or text[m.end()] not in "”」’、":
                continue
            pairs = [(m.start() + i, text[m.start() + i], text[m.start() + i + 1]) for i in range(0, len(m.group()), 2)]
            if all(numeral == "一" for _, numeral, _ in pairs) or any(unit in v.COUNT_UNITS for _, _, unit in pairs):
                continue  # “三个一批”: a classifier is no counted thing; the slogan is a name
            for pos, numeral, unit in pairs:
                out.append(Mention(pos, pos + 1, numeral, parse_value_text(numeral).value, unit, "exact",
                                   pos, pos + 2, form="slogan", chinese=True,
                                   notes=("count in a quoted slogan",)))
    return out


def _number_lists(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions joined by list separators (600家和1000家, 33、8、4家) share a group, so
    distributive subjects (分别) and inherited measures can be read per list."""
    out = list(mentions)
    group = max((m.group or 0 for m in out), default=0)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and out[j + 1].form == out[j].form == "number" and out[j + 1].unit == out[j].unit \
                and _LIST_SEPARATOR.fullmatch(text[out[j].span_end:out[j + 1].span_start]):
            j += 1
        if j > i:
            group += 1
            for k in range(i, j + 1):
                out[k] = replace(out[k], form="list_item", group=group)
        i = j + 1
    return out
