"""Period, kind and measure of a mention, read from the words before it in its sentence.

- A time marker sets the period of what follows it in the sentence: 到/截至2023年底 (as of
  a date), 2021年7月 (a month), 2023年 (a year), 2013年以来 (a range up to the data year),
  2021—2023年 and 近三年 (ranges). A date after the publication date makes a target.
- Future words (将新增, 预计, 力争…) make a target; so does an undated figure in a section
  titled …目标 or …任务 of a plan.
- Measure: growth (增长 x%, 年均增长); any other percent a share (占, 比重, …率);
  个百分点 a change of the preceding rate; increment (新增), cumulative (累计, 以来), else level.
- Kind: target if a target, else growth_rate / share for those measures, else actual.
"""

from __future__ import annotations

import calendar
import datetime
import re
from bisect import bisect_left
from dataclasses import dataclass

from orchestration.ingest.figures import parse_period, parse_value_text

from . import lexicon as v
from .masks import Masks
from .segments import Segments
from .tokens import Mention

_YEAR = r"(?:19|20)\d{2}"
_CN_COUNT = "一二两三四五六七八九十"
_TIME = re.compile(
    rf"(?:自|从)?(?P<since>{_YEAR})年(?:以来|来)"
    rf"|(?P<r1>{_YEAR})年?\s*(?:[-－—~～]{{1,2}}|至|到)\s*(?P<r2>{_YEAR})年"
    rf"|(?:到|至|截至|截止到|截止|截至到)\s*(?P<asof>{_YEAR})年(?:(?P<asof_m>\d{{1,2}})月)?(?P<asof_end>底|末|年底|年末)?"
    rf"|(?:(?P<mr_y>{_YEAR})年)?(?P<mr1>1[0-2]|[1-9])\s*(?:月份?)?\s*(?:[-－—–~～]{{1,2}}|至|到)\s*(?P<mr2>1[0-2]|[1-9])月份?"
    rf"|(?:(?P<fm_y>{_YEAR})年|今年|本年)?前(?P<fm>1[0-2]|[1-9]|十[一二]|[一二两三四五六七八九十])个?月份?"
    rf"|(?:今年|本年)(?P<tm>1[0-2]|[1-9])月份?(?![0-9]|日|\s*(?:[-－—–~～]|至|到))"
    rf"|(?:(?P<qe_y>{_YEAR})年)?第?(?P<qe>[一二三四1-4])季度末"
    rf"|(?<![比较上去])(?P<ye>年末|年底)"
    rf"|(?:(?P<q_y>{_YEAR})年)?(?P<q>前三季度|前两季度|上半年|下半年|全年|第?[一二三四1-4]季度)"
    rf"|(?P<my>{_YEAR})年(?P<mm>\d{{1,2}})月(?:份|(?:\d{{1,2}})日)?"
    rf"|(?P<year>{_YEAR})年"
    rf"|(?:近|最近|过去)(?P<recent>[0-9{_CN_COUNT}]{{1,2}})年"
    rf"|(?P<now>今年|目前|当前|现阶段)"
    rf"|(?<![比较同与和及])(?P<prev>上年|去年)(?!同期|同月)"
    rf"|(?<![0-9年])(?P<mo>1[0-2]|[1-9])月份?(?![0-9]|日)"
)
# Quarters and halves as months of their year: 前三季度 → 01..09.
_PART_YEAR = {"前三季度": (1, 9), "前两季度": (1, 6), "上半年": (1, 6), "下半年": (7, 12),
              "一季度": (1, 3), "二季度": (4, 6), "三季度": (7, 9), "四季度": (10, 12)}
_QUARTER_DIGITS = str.maketrans("1234", "一二三四")
_MONTH_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                   "十一": 11, "十二": 12}
# A period named after 较/比 is what a change is measured against, not the figure's period.
# What may stand before a date that opens a sentence: 力争, 提出, 其中提出 …
_OPENING_CUE = re.compile(r"\s*(?:[^，,。；;]{0,6}(?:提出|明确|要求)[,，]?)?\s*(?:力争|争取|预计)?\s*")
_COMPARED_BRACKET = re.compile(r"(?:较|比|与)(?P<t>[^，,。；;（()）]{1,8})[（(]\s*$")
_COMPARED = re.compile(r"(?:较|比(?!例|重)|与|同(?!时))[^，,。；;]{0,12}$")
_COMPARED_AFTER = re.compile(r"(?:份|末|同期)?(?:相比|相较|比较)")  # 和6月相比


@dataclass(frozen=True)
class TimeMarker:
    start: int
    end: int
    period: str
    last_day: datetime.date
    grain: str  # asof, month, year, since, range, recent, now, months (a run of months), previous


@dataclass(frozen=True)
class Context:
    period: str
    kind: str
    measure: str
    qualifier: str
    notes: tuple[str, ...]
    marker_start: int | None  # where the time marker setting the period starts, if any


def _last_day(year: int, month: int | None = None) -> datetime.date:
    if month is None:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


_REPORT_TITLE = re.compile(r"(?P<year>(?:19|20)\d{2})年.*(?:公报|年报|年鉴|统计|工作报告)")
# An opening that presents the year's plan or targets (印发2025年…发展计划, 围绕2023年的发展目标):
# the document's undated figures are that year's targets.
_PLAN_OPENING = re.compile(r"(?P<year>(?:19|20)\d{2})年[^。\n，,]{0,20}?(?:计划|发展目标|目标任务|工作要点)")
_PLAN_TITLE = re.compile(
    r"(?:规划|方案|计划|纲要).{0,3}?(?P<first>(?:19|20)\d{2})\s*年?\s*[-－—–~～至到]{1,2}\s*(?P<last>(?:19|20)\d{2})\s*年")


class DocumentContext:
    """The time markers, sections and publication date of one document."""

    def __init__(self, text: str, segments: Segments, masks: Masks, published: datetime.date):
        self.text = text
        self.segments = segments
        self.published = published
        raw = [m for m in _TIME.finditer(text) if not masks.any(m.start(), m.end())]
        self.data_year = self._data_year(raw)
        self.report_year, self.plan_period = self._title_periods(text)
        self._opening_year(raw)
        self.plan_year = self._plan_year(text)
        self.report_period = str(self.report_year)
        self.markers = [marker for m in raw if (marker := self._marker(m)) is not None]
        self._opening_period()
        self._starts = [marker.start for marker in self.markers]
        self._paragraph_targets: dict[int, TimeMarker | None] = {}

    def _data_year(self, matches: list[re.Match[str]]) -> int:
        """The year the document's actuals describe: the latest year-end it states (到/截至
        2023年底) or past year it names; the publication year if none. 2013年以来 ends there."""
        years = [int(m["asof"]) for m in matches if m["asof"] and _last_day(int(m["asof"])) <= self.published]
        years += [int(m["year"]) for m in matches if m["year"] and int(m["year"]) < self.published.year]
        return max(years, default=self.published.year)

    def _title_periods(self, text: str) -> tuple[int, str | None]:
        """From the title (one of the first lines): the year an undated actual describes and
        the period of an undated target. A yearly report titled with a past year
        (南康区2023年…统计公报, published 2024) reports that year's 全年; a plan titled with
        its years (行动方案（2024—2026年）) sets its targets for them. Otherwise actuals are
        the state at publication and targets open-ended from it."""
        report_year, plan_period = self.published.year, None
        lines = [line for line in text.splitlines() if line.strip()][:8]
        for line in lines:
            if (m := _PLAN_TITLE.search(line)) and plan_period is None:
                plan_period = f"{m['first']}/{m['last']}"
            elif (m := _REPORT_TITLE.search(line)) and int(m["year"]) < self.published.year:
                report_year = min(report_year, int(m["year"]))
        return report_year, plan_period

    def _plan_year(self, text: str) -> int | None:
        """The year a plan or target-setting report (its opening says so) sets targets for:
        the publication year or later, named in the first 400 characters."""
        for m in _PLAN_OPENING.finditer(text, 0, min(len(text), 400)):
            if int(m["year"]) >= self.published.year:
                return int(m["year"])
        return None

    def _opening_end(self) -> int:
        """Where the opening ends: the first two lines (a title, maybe a date line) and the
        first sentence of the text after them."""
        end = 0
        for _ in range(2):
            nl = self.text.find("\n", end)
            end = len(self.text) if nl < 0 else nl + 1
        if end < len(self.text):
            end = self.segments.sentence(end)[1]
        return end

    def _opening_year(self, matches: list[re.Match[str]]) -> None:
        """A release that opens with its year (2021年…, 淮北市2023年规上工业…, 2023年1—10月份…)
        dates its undated figures in that year, though published in the next."""
        end = self._opening_end()
        for m in matches:
            if m.start() >= end:
                break
            year = m["year"] or m["my"] or m["mr_y"] or m["q_y"]
            if year and int(year) <= self.published.year and not self.text[max(0, m.start() - 2):m.start()].endswith(
                    ("到", "至", "截至")):
                self.report_year = int(year)
                return

    def _opening_period(self) -> None:
        """The opening's run of months (2021年一季度, 1—10月份) dates undated figures of a
        quarterly or monthly release with it."""
        end = self._opening_end()
        for marker in self.markers:
            if marker.start >= end:
                break
            if marker.grain in ("months", "month") and marker.period.startswith(str(self.report_year)):
                self.report_period = marker.period
                return

    def compared_period(self, pos: int) -> str | None:
        """较一季度(-10.8%), 较上年同期(3.2%): a rate in brackets right after the period it is
        compared with restates that period's rate, so it takes that period."""
        m = _COMPARED_BRACKET.search(self.text, max(0, pos - 16), pos)
        if m is None:
            return None
        if m["t"] in ("上年同期", "去年同期"):
            return re.sub(r"\d{4}", lambda y: str(int(y.group()) - 1), self.report_period)
        t = _TIME.fullmatch(m["t"])
        marker = self._marker(t, compared_ok=True) if t else None
        return self.cumulative(marker.period) if marker else None

    def cumulative(self, period: str) -> str:
        """二季度 in a release for the first half (上半年): quarterly accounts run from January,
        so a quarter ending where the release's run of months ends is that run."""
        run = _MONTH_RUN.fullmatch(period)
        report = _MONTH_RUN.fullmatch(self.report_period)
        if run and report and self.report_period[5:7] == "01" and run["last"] == report["last"]:
            return self.report_period
        return period

    def _marker(self, m: re.Match[str], compared_ok: bool = False) -> TimeMarker | None:
        start, end = m.start(), m.end()
        if not compared_ok and (m["mr1"] or m["fm"] or m["tm"] or m["q"] or m["prev"] or m["mo"] or m["year"]) \
                and (_COMPARED.search(self.text, max(0, start - 14), start) or _COMPARED_AFTER.match(self.text, end)):
            return None
        if m["mr1"]:
            year, first, last = int(m["mr_y"] or self.report_year), int(m["mr1"]), int(m["mr2"])
            if first >= last:
                return None
            period = f"{year}-{first:02d}/{year}-{last:02d}" if first > 1 or last < 12 else str(year)
            return TimeMarker(start, end, period, _last_day(year, last), "months")
        if m["fm"]:
            # 前4月, 今年前7个月: the months of the year up to that one.
            year = int(m["fm_y"] or self.report_year)
            last = int(m["fm"]) if m["fm"].isdigit() else _MONTH_NUMERALS[m["fm"]]
            if last < 2:
                return None
            period = f"{year}-01/{year}-{last:02d}" if last < 12 else str(year)
            return TimeMarker(start, end, period, _last_day(year, last), "months")
        if m["tm"]:
            year, month = self.report_year, int(m["tm"])
            return TimeMarker(start, end, f"{year}-{month:02d}", _last_day(year, month), "month")
        if m["qe"]:  # 二季度末: a stock at the quarter's last month
            year = int(m["qe_y"] or self.report_year)
            month = _PART_YEAR[m["qe"].translate(_QUARTER_DIGITS) + "季度"][1]
            return TimeMarker(start, end, f"{year}-{month:02d}", _last_day(year, month), "month")
        if m["ye"]:  # 年末全市常住人口: the reported year's end, whatever the sentence named before
            return TimeMarker(start, end, str(self.report_year), _last_day(self.report_year), "year")
        if m["q"]:
            year = int(m["q_y"] or self.report_year)
            name = m["q"].removeprefix("第").translate(_QUARTER_DIGITS)
            if name == "全年":
                return TimeMarker(start, end, str(year), _last_day(year), "year")
            first, last = _PART_YEAR[name]
            return TimeMarker(start, end, f"{year}-{first:02d}/{year}-{last:02d}", _last_day(year, last), "months")
        if m["prev"]:
            # 上年 is the year before the one reported on; 去年 is the speaker's last year,
            # counted from the publication date (a January briefing's 去年 is the year it reports)
            year = (self.published.year if m["prev"] == "去年" else self.report_year) - 1
            return TimeMarker(start, end, str(year), _last_day(year), "previous")
        if m["mo"]:
            year, month = self.report_year, int(m["mo"])
            return TimeMarker(start, end, f"{year}-{month:02d}", _last_day(year, month), "month")
        if m["since"]:
            first = int(m["since"])
            last = max(first, self.data_year)
            return TimeMarker(start, end, f"{first}/{last}", _last_day(last), "since")
        if m["r1"]:
            first, last = int(m["r1"]), int(m["r2"])
            return TimeMarker(start, end, f"{first}/{last}", _last_day(last), "range") if first < last else None
        if m["asof"]:
            year, month = int(m["asof"]), int(m["asof_m"]) if m["asof_m"] else None
            if month is not None and not 1 <= month <= 12:
                return None
            period = f"{year}-{month:02d}" if month else str(year)
            return TimeMarker(start, end, period, _last_day(year, month), "asof")
        if m["my"]:
            year, month = int(m["my"]), int(m["mm"])
            if not 1 <= month <= 12:
                return None
            return TimeMarker(start, end, f"{year}-{month:02d}", _last_day(year, month), "month")
        if m["year"]:
            return TimeMarker(start, end, m["year"], _last_day(int(m["year"])), "year")
        if m["recent"]:
            try:
                n = int(parse_value_text(m["recent"]).value)
            except ValueError:
                return None
            if n < 1:
                return None
            return TimeMarker(start, end, f"{self.data_year - n + 1}/{self.data_year}", _last_day(self.data_year), "recent")
        return TimeMarker(start, end, str(self.published.year), self.published, "now")

    def marker_before(self, pos: int) -> TimeMarker | None:
        """The last time marker in pos's sentence that ends before pos."""
        sentence_start, _ = self.segments.sentence(pos)
        for i in range(bisect_left(self._starts, pos) - 1, -1, -1):
            marker = self.markers[i]
            if marker.start < sentence_start:
                return None
            if marker.end <= pos:
                return marker
        return None

    def paragraph_year_before(self, pos: int) -> TimeMarker | None:
        """The last past year (2023年, not 到2023年底) that opens a sentence earlier in pos's paragraph:
        "2023年，全市…。其中…29家" dates the rest of the paragraph; a year named inside a
        sentence (面对2020年…) does not."""
        paragraph_start, _ = self.segments.paragraph(pos)
        for i in range(bisect_left(self._starts, pos) - 1, -1, -1):
            marker = self.markers[i]
            if marker.start < paragraph_start:
                return None
            sentence_start, _ = self.segments.sentence(marker.start)
            opens = not self.text[sentence_start:marker.start].strip()
            if opens and marker.grain == "year" and not self.is_future(marker):
                return marker
        return None

    def paragraph_target_before(self, pos: int) -> TimeMarker | None:
        """A future date opening a sentence earlier in pos's paragraph (力争到2025年，…。…) sets
        the targets of the paragraph's later undated sentences."""
        sentence_start, _ = self.segments.sentence(pos)
        if sentence_start not in self._paragraph_targets:
            self._paragraph_targets[sentence_start] = self._paragraph_target(pos, sentence_start)
        return self._paragraph_targets[sentence_start]

    def _paragraph_target(self, pos: int, sentence_start: int) -> TimeMarker | None:
        paragraph_start, _ = self.segments.paragraph(pos)
        for i in range(bisect_left(self._starts, sentence_start) - 1, -1, -1):
            marker = self.markers[i]
            if marker.start < paragraph_start:
                return None
            if marker.grain in ("now", "previous"):
                return None  # 目前…: the paragraph turned to the present
            opening_start, _ = self.segments.sentence(marker.start)
            opens = _OPENING_CUE.fullmatch(self.text[opening_start:marker.start]) is not None
            # 到2025年 or 2025年, heads what follows; 力争2025年材料产业… dates its own sentence only.
            heads = marker.grain == "asof" or self.text[marker.end:marker.end + 1] in "，,：:"
            if opens and heads and self.is_future(marker):
                return marker
        return None

    def is_future(self, marker: TimeMarker) -> bool:
        """2013年以来 and 近三年 look back from now, whatever the data year."""
        return marker.grain not in ("since", "recent") and marker.last_day > self.published

    def future_word_before(self, pos: int, marker: TimeMarker | None) -> str | None:
        """A future cue (将新增, 预计, 力争…) between the sentence's start (or its time marker)
        and pos."""
        sentence_start, _ = self.segments.sentence(pos)
        start = max(sentence_start, marker.end if marker else sentence_start)
        window = self.text[start:pos]
        if m := v.FUTURE_VERB.search(window):
            return m.group()
        return next((w for w in v.FUTURE_WORDS if w in window), None)

    def strive_applies(self, pos: int) -> bool:
        """力争 before pos in its clause, or 力争 directly before a time marker (力争到2025年，…)
        anywhere earlier in its part of the sentence."""
        clause_start, _ = self.segments.clause(pos)
        if v.STRIVE_MARKER in self.text[clause_start:pos]:
            return True
        part_start, _ = self.segments.part(pos)
        return re.search(rf"{v.STRIVE_MARKER}(?:到|在)?{_YEAR}年", self.text[part_start:pos]) is not None

    def section_year(self, pos: int) -> str | None:
        """The past year a section's title names (一、2024年工作回顾 in a report published in
        2025): its undated figures are of that year."""
        title = self.segments.section_title(pos) or ""
        years = {int(y) for y in re.findall(r"((?:19|20)\d{2})年", title)}
        if len(years) == 1 and _last_day(year := years.pop()) <= self.published:
            return str(year)
        return None

    def has_ended(self, period: str) -> bool:
        """The period (2024, 2024-01/2024-09, 2024-09) is over at publication."""
        try:
            end = parse_period(period).end
        except ValueError:
            return False
        return end is not None and end <= self.published

    def in_target_section(self, pos: int) -> bool:
        title = self.segments.section_title(pos)
        return title is not None and any(w in title for w in v.TARGET_SECTION_WORDS)


def measure_of(text: str, clause_start: int, mention: Mention) -> str:
    """The statistical form of a mention from the words just before it in its clause."""
    before = text[clause_start:mention.span_start]
    if mention.unit in v.POINT_UNITS:
        return "increment"
    if mention.unit == "%":
        if _GROWTH_AFTER.match(text, mention.span_end):
            return "yoy_growth"  # 以7%的增速, 以6.9%的增长
        growth = _growth_word(before)
        if growth is not None:
            return "avg_annual_growth" if any(w in before for w in v.AVG_GROWTH_WORDS) else "yoy_growth"
        return "share"
    if any(w in before for w in v.INCREMENT_WORDS) or _CHANGE_VERB.search(before):
        return "increment"
    # 共有340家 is a stock; 公共, 共同, 共享 hold 共 without summing anything
    plain = re.sub("共有|公共|共同|共享|共建", "", before)
    words = [w for w in v.CUMULATIVE_WORDS if w in plain]
    if mention.unit in v.STOCK_UNITS and set(words) <= {"共", "共计", "总计"}:
        words = []  # 企业共9家: enterprises are counted at a date, never summed
    if words:
        return "cumulative"
    return "level"


_GROWTH_AFTER = re.compile(r"的?(?:增速|增幅|涨幅)|的增长")
# 增加值高于全国1.6个百分点: value added is compared by its growth.
_VALUE_ADDED_GAP = re.compile(r"增加值[^，,。；;]{0,6}(?:高于|低于|快于|慢于|高出|低出)")
_CHANGE_VERB = re.compile("(?:" + "|".join(v.CHANGE_VERBS) + r")(?:了|约|近|超过|超|逾|\s)*$")
_CHANGED_TO = re.compile(r"(?:调整|变化|转变|变|优化|提高|提升|上升|下降|降低|增加|减少)(?:为|到|至)")
_GROWTH_GAP = re.compile(r"(?:了|为|达到|达|是|分别|分别为|分别达到|约|近|超过|超)?")


def _growth_word(before: str) -> str | None:
    """增长 in 同比增长9.2% or 增速达到12%; not 提高到45% (a level reached)."""
    for word in v.GROWTH_WORDS:
        i = before.rfind(word)
        if i < 0:
            continue
        gap = before[i + len(word):]
        if gap.startswith(v.LEVEL_VERB_SUFFIXES):
            return None
        if _GROWTH_GAP.fullmatch(gap):
            return word
    return None


def resolve(doc: DocumentContext, mention: Mention, measure: str, previous_rate: str | None) -> Context:
    """Period, kind, measure and final qualifier of a mention. previous_rate is the measure
    of the nearest percent figure before it in the sentence (for 个百分点)."""
    notes: list[str] = []
    marker = doc.marker_before(mention.span_start)
    future_word = doc.future_word_before(mention.span_start, marker)
    dated_future = marker is not None and doc.is_future(marker)
    if future_word == "预计" and not dated_future and \
            doc.has_ended(marker.period if marker else _undated_period(doc, mention.span_start)[0]):
        # 预计全年增长4% in a January review of the year, 预计…增长31.1% in a release after its
        # quarter: an estimate of a period already over, not a target
        future_word = None
        notes.append("预计 of a period already over: an estimate, not a target")
    target = dated_future or future_word is not None
    if marker is None and not target and doc.in_target_section(mention.start):
        target = True
        notes.append("target: undated figure in a targets/tasks section")
    if marker is None and not target and (ahead := doc.paragraph_target_before(mention.span_start)) is not None:
        target, marker, dated_future = True, ahead, True
        notes.append(f"target: undated figure after {doc.text[ahead.start:ahead.end]} earlier in the paragraph")
    if marker is None and not target and doc.plan_year is not None:
        target = True
        notes.append(f"target: undated figure of a plan for {doc.plan_year}")
    if marker is not None and marker.grain == "previous" and \
            _CHANGED_TO.search(doc.text, marker.end, mention.span_start):
        period = doc.report_period  # 由上年的8.8:41.5:49.7调整为8.6:42.0:49.4: the new state is now
    elif (compared := doc.compared_period(mention.span_start)) is not None:
        period = compared
        notes.append(f"period: the compared period {compared} (a rate in brackets after it)")
    elif marker is not None and not dated_future and future_word is None:
        period = doc.cumulative(marker.period) if marker.grain == "months" else marker.period
    elif dated_future:
        period = marker.period
    elif target:
        period = doc.plan_period or (str(doc.plan_year) if doc.plan_year else f"{doc.published.year}/..")
    else:
        period, note = _undated_period(doc, mention.span_start)
        notes.append(note)
    if marker is not None and marker.grain in ("since", "range", "recent") and measure == "level":
        measure = "cumulative"

    qualifier = mention.qualifier
    if qualifier == "exact" and doc.strive_applies(mention.start):
        qualifier = "strive"
    if measure == "increment" and mention.unit in v.POINT_UNITS:
        sentence_start, _ = doc.segments.sentence(mention.start)
        before = doc.text[sentence_start:mention.span_start]
        growth_cue = any(w in before for w in v.GROWTH_CUES)
        clause_start, _ = doc.segments.clause(mention.start)
        # 拉动规模以上工业增长4.2个百分点: the clause itself says the points are of growth.
        clause_growth = v.GROWTH_CONTRIBUTION.search(doc.text, clause_start, mention.span_start) is not None or \
            _VALUE_ADDED_GAP.search(doc.text, clause_start, mention.span_start) is not None
        growth = clause_growth or previous_rate in ("yoy_growth", "avg_annual_growth") or \
            (previous_rate is None and growth_cue)
        rate_kind = "growth_rate" if growth else "share"
    else:
        rate_kind = {"yoy_growth": "growth_rate", "avg_annual_growth": "growth_rate", "share": "share"}.get(measure)
    if kind_is_stock(mention.unit, measure) and (run := _MONTH_RUN.fullmatch(period)):
        period = run["last"]  # 1至2月,共有340家: a count of units stands at the run's last month
    kind = "target" if target else (rate_kind or "actual")
    return Context(period, kind, measure, qualifier, tuple(notes), marker.start if marker else None)


def _undated_period(doc: DocumentContext, pos: int) -> tuple[str, str]:
    """The period of an actual whose sentence names none, and the note saying where it came from."""
    if (lead := doc.paragraph_year_before(pos)) is not None:
        return lead.period, f"period: no date in the sentence, {lead.period} from earlier in the paragraph"
    if (year := doc.section_year(pos)) is not None:
        return year, f"period: no date in the sentence, {year} from the section's title"
    return doc.report_period, f"period: no date in the sentence, {doc.report_period} (the document's report period) assumed"


_MONTH_RUN = re.compile(r"\d{4}-\d{2}/(?P<last>\d{4}-\d{2})")


def kind_is_stock(unit: str, measure: str) -> bool:
    """A level counted in units (家, 户: enterprises, households) is a stock at a date, not a
    flow over months."""
    return measure == "level" and unit in v.STOCK_UNITS
