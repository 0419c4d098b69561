"""The extractor: a document's text in, candidate figures and relations out.

Pure: no files, no reference data, and never the curated figures. Each candidate carries
what a `raw/figures` row needs from the text (quote, value as written, value, unit,
qualifier, kind, period, measure, subject) and a confidence with the reasons it is lower."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from orchestration.ingest.figures.signs import decline_word_at

from .context import DocumentContext, measure_of, resolve
from .lists import count_lists, distributive_subjects
from .masks import find_masks
from .normalise import matching_text
from .relations import propose_relations
from .segments import Segments
from .subjects import quote_for, subject_of
from .tokens import Mention, find_mentions


@dataclass(frozen=True)
class Candidate:
    start: int  # offset of value_text in the document
    end: int
    quote: str
    quote_start: int
    value_text: str
    value: Decimal
    unit: str
    qualifier: str
    kind: str
    period: str
    measure: str
    subject: str
    confidence: float
    notes: tuple[str, ...]

    @property
    def said_before(self) -> str:
        """The quote up to the value, as written (what the figure's own words say of it)."""
        return self.quote[:max(0, self.start - self.quote_start)]


@dataclass(frozen=True)
class CandidateRelation:
    kind: str  # listed_count, sum_to_total, share, part_le_whole, growth, restatement, structure, target_sequence
    members: tuple[int, ...]  # indices into Extraction.candidates
    items: tuple[str, ...]
    list_open: bool
    confidence: float
    reason: str


@dataclass(frozen=True)
class Extraction:
    published: datetime.date
    candidates: list[Candidate]
    relations: list[CandidateRelation]
    published_assumed: bool = False  # no date in the text: periods inferred, the date to review
    title: str = ""
    text: str = ""  # the matching text the offsets refer to (codes read a figure's paragraph)


_DATED_LABEL = re.compile(r"(?:发布日期|发布时间|发表时间|成文日期|发文日期|日期|时间)\s*[:：]?\s*"
                          r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_CHINESE_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")


def infer_published(text: str) -> datetime.date | None:
    """The publication date a page states (发布日期:2022-10-26), else the latest full date
    written in the text (a notice's signature date); None if there is none."""
    for pattern in (_DATED_LABEL, _CHINESE_DATE):
        dates = []
        for m in pattern.finditer(text):
            try:
                dates.append(datetime.date(int(m[1]), int(m[2]), int(m[3])))
            except ValueError:
                continue
        if dates:
            return dates[0] if pattern is _DATED_LABEL else max(dates)
    return None


_YEAR_WRITTEN = re.compile(r"(?<![到至止0-9])((?:19|20)\d{2})年")


def assumed_published(text: str) -> datetime.date:
    """For a text that states no date: the end of the latest year it names outside a
    target (到2025年), else today. The reviewer checks it (Extraction.published_assumed)."""
    years = [int(m[1]) for m in _YEAR_WRITTEN.finditer(matching_text(text))]
    today = datetime.date.today()
    years = [y for y in years if y <= today.year]
    return datetime.date(max(years), 12, 31) if years else today


def extract(text: str, published: datetime.date | None = None) -> Extraction:
    """Every quantitative figure of `text` as a candidate row. published (the document's
    date) decides what is a target; inferred from the text when None, and when the text
    states none, assumed (assumed_published) and flagged on every candidate.

    The rules read a matching text of the same length (normalise.matching_text: 億元 → 亿元,
    二〇二三年 → 2023年); quotes, value texts and subjects are cut from `text` as written."""
    original = text
    text = matching_text(text)
    assumed = False
    if published is None:
        published = infer_published(text)
        if published is None:
            published, assumed = assumed_published(text), True
    masks = find_masks(text)
    segments = Segments.of(text)
    doc = DocumentContext(text, segments, masks, published)
    mentions = find_mentions(text, masks)
    distributive = distributive_subjects(text, segments, mentions)

    candidates: list[Candidate] = []
    measures: list[str] = []
    for i, mention in enumerate(mentions):
        clause_start, _ = segments.clause(mention.span_start)
        same_group = mention.group is not None and i > 0 and mentions[i - 1].group == mention.group
        measure = measures[i - 1] if same_group else measure_of(text, clause_start, mention)
        previous_rate = _previous_rate(segments, mentions, measures, i)
        if measure == "share" and text[mention.span_start - 1:mention.span_start] in "（(" and \
                previous_rate in ("yoy_growth", "avg_annual_growth"):
            measure = previous_rate  # 增长-8.7%,较一季度(-10.8%): the bracket restates the compared rate
        elif measure == "share" and previous_rate in ("yoy_growth", "avg_annual_growth") and \
                _PARALLEL_NAME.fullmatch(text, clause_start, mention.span_start):
            measure = previous_rate  # 金昌市增长31.1%,白银市为19.1%: the next name's rate, said once
        elif measure == "level" and i > 0 and candidates and measures[-1] == "increment" \
                and mention.unit in _UNIT_COUNTS and mentions[i - 1].unit == mention.unit \
                and segments.sentence(mentions[i - 1].start) == segments.sentence(mention.start) \
                and _BARE_NAME.fullmatch(text, clause_start, mention.span_start):
            measure = "increment"  # 新增规上工业企业232户,限上商贸企业246户: 新增 said once for the list
        context = resolve(doc, mention, measure, previous_rate)
        measures.append(context.measure)
        floor = mentions[i - 1].span_end if i > 0 and mentions[i - 1].span_end <= mention.span_start else 0
        subject = distributive.get(i) or subject_of(text, segments, mention, floor)
        notes = [*mention.notes, *context.notes]
        if not subject or len(subject) < 2:
            subject = _inherited_subject(segments, mentions, candidates, i, context.measure) or subject
            notes.append("subject taken from the figure before it" if subject else "no subject found")
        if mention.group is not None and mention.form == "list_item" and i not in distributive:
            notes.append("list item")
        quote, quote_start = quote_for(text, segments, mention.span_start, _group_end(mentions, i),
                                       context.marker_start)
        value = mention.value
        window = text[max(0, mention.start - 16):mention.start]
        if value > 0 and _is_change(context.kind, context.measure, mention.unit) and \
                decline_word_at(window, len(window)) is not None:
            value = -value
            notes.append("negative: a decline word stands before the value")
        if assumed:
            notes.append(f"publication date not in the text: {published} assumed, periods inferred; check the date")
        candidates.append(Candidate(
            mention.start, mention.end, original[quote_start:quote_start + len(quote)], quote_start,
            original[mention.start:mention.end], value, _unit_as_written(original, text, mention),
            context.qualifier, context.kind, context.period, context.measure, _as_written(original, text, subject,
                                                                                           mention.start),
            _confidence(notes), tuple(notes)))

    relations = [
        CandidateRelation("listed_count", found.members, found.items, found.list_open,
                          0.6 if found.where == "slogan" else 0.75,
                          f"stated count with its list ({found.where} the count)")
        for found in count_lists(text, segments, mentions)
    ]
    relations += propose_relations(text, segments, mentions, candidates)
    return Extraction(published, candidates, relations, assumed, infer_title(original), text)


def _unit_as_written(original: str, text: str, mention: Mention) -> str:
    """個百分點 where the document writes it so (the unit is matched as 个百分点); a unit the
    list's last value gives (高7.6和5.8個百分點) as written there."""
    if original is text:
        return mention.unit
    at = text.find(mention.unit, mention.end, mention.span_end)
    if at < 0:
        at = text.find(mention.unit, mention.end, mention.end + _SHARED_UNIT_REACH)
    return original[at:at + len(mention.unit)] if at >= 0 else mention.unit


_SHARED_UNIT_REACH = 40  # characters from a value to the unit its list shares


def _is_change(kind: str, measure: str, unit: str) -> bool:
    """A change may be negative (docs/curation.md, Signed changes)."""
    return kind == "growth_rate" or measure in ("increment", "yoy_growth", "avg_annual_growth") or unit in ("个百分点",)


def _as_written(original: str, text: str, phrase: str, before: int) -> str:
    """`phrase` (found in the matching text before offset `before`) as the document writes it."""
    if original is text or not phrase:
        return phrase
    at = text.rfind(phrase, 0, before + 1)
    return original[at:at + len(phrase)] if at >= 0 else phrase


# Lines that are page furniture, not a title: navigation, tables of contents, tool bars.
_FURNITURE = re.compile(r"目\s*录|首页|当前位置|您的位置|[>»›]|\|.*\||字号|打印|关闭|分享|收藏|返回|登录|注册|"
                        r"浏览次数|阅读次数|^\s*[\d.\-—\s]+$|\.{4,}|…{2,}")
# 三、工业和建筑业, 第二章 …: a section of the text, not its title.
_SECTION_HEADING = re.compile(r"[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+[章节部分]")
_TITLE_CUES = ("公报", "报告", "情况", "规划", "方案", "计划", "通知", "意见", "发布会", "纲要", "简析", "分析", "运行",
               "统计", "办法", "措施", "实施")


def infer_title(text: str) -> str:
    """The document's title: among its first lines, the first that is no page furniture
    (a table of contents line, a breadcrumb, a tool bar) and reads as a title (6 to 80
    characters; one with a title word such as 公报, 规划, 情况 preferred)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:12]
    plausible = [line for line in lines if 6 <= len(line) <= 80 and not _FURNITURE.search(line)
                 and not line.endswith(("。", "；", "，")) and not _SECTION_HEADING.match(line)]
    cued = [line for line in plausible if any(cue in line for cue in _TITLE_CUES)]
    return (cued or plausible or lines or [""])[0][:100]


# A clause that only names its subject before the number (白银市为19.1%, 临夏州15.7%): no share
# word (占, 比重, 率 …) of its own.
_PARALLEL_NAME = re.compile(r"[^占比重率例额\d%]{1,12}?(?:为|是|达|达到)?\s*")


_UNIT_COUNTS = ("户", "戶", "家", "个", "個")  # enterprises and units, not persons
# A clause that is a name only, no verb or stock word of its own (总数达到187家 is a stock).
_BARE_NAME = re.compile(r"[^\d%占比重率例额总共累计达为是有完成实现]{2,12}\s*")


def _previous_rate(segments: Segments, mentions: list[Mention], measures: list[str], i: int) -> str | None:
    """The measure of the nearest percent figure before mention i in its sentence."""
    sentence_start, _ = segments.sentence(mentions[i].start)
    for j in range(i - 1, -1, -1):
        if mentions[j].start < sentence_start:
            return None
        if mentions[j].unit == "%":
            return measures[j]
    return None


_RATE_SUFFIX = {"yoy_growth": "增长", "avg_annual_growth": "年均增长", "share": "占比"}


def _inherited_subject(segments: Segments, mentions: list[Mention], candidates: list[Candidate], i: int,
                       measure: str) -> str:
    """到2027年,达到400家左右: the subject of the previous figure in the sentence with the
    same unit; a rate without one (产值达到869.1亿元、增长11.5%) names the level it is of."""
    sentence_start, _ = segments.sentence(mentions[i].start)
    earlier = [c for c, m in zip(reversed(candidates[:i]), reversed(mentions[:i]))
               if m.start >= sentence_start and len(c.subject) >= 2]
    if measure in _RATE_SUFFIX and earlier and earlier[0].unit != "%":
        # 第二产业增加值为1080242万元,增长-12.7%: the rate is of the level just before it, not
        # named like the previous rate (第一产业增加值增长)
        return earlier[0].subject + _RATE_SUFFIX[measure]
    same_unit = next((c.subject for c in earlier if c.unit == mentions[i].unit), "")
    if same_unit or measure not in _RATE_SUFFIX or not earlier:
        return same_unit
    return earlier[0].subject + _RATE_SUFFIX[measure]


def _group_end(mentions: list[Mention], i: int) -> int:
    """The end of mention i's list or range (a quote holds the whole list)."""
    end = mentions[i].span_end
    for later in mentions[i + 1:]:
        if mentions[i].group is None or later.group != mentions[i].group:
            break
        end = later.span_end
    return end


# What lowers confidence, and by how much (a note containing the key): the forms most often
# not a statistic or misread.
_PENALTIES = {
    "Chinese numeral": 0.15,
    "count in a quoted slogan": 0.3,
    "range: two rows, low end at_least and high end up_to": 0.1,
    "list item": 0.05,
    "period: no date in the sentence": 0.05,
    "publication date not in the text": 0.1,
    "is not in the vocabulary": 0.15,
    "part of a ratio": 0.0,
    "target: undated figure in a targets/tasks section": 0.1,
    "subject taken from the figure before it": 0.05,
    "no subject found": 0.15,
}


def _confidence(notes: list[str]) -> float:
    score = 0.95 - sum(penalty for note in notes for key, penalty in _PENALTIES.items() if key in note)
    return round(min(0.99, max(0.05, score)), 2)
