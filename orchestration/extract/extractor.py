"""The extractor: a document's text in, candidate figures and relations out.

Pure: no files, no reference data, and never the curated figures. Each candidate carries
what a `raw/figures` row needs from the text (quote, value as written, value, unit,
qualifier, kind, period, measure, subject) and a confidence with the reasons it is lower."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from .context import DocumentContext, measure_of, resolve
from .lists import count_lists, distributive_subjects
from .masks import find_masks
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


@dataclass(frozen=True)
class CandidateRelation:
    kind: str  # listed_count
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


def extract(text: str, published: datetime.date | None = None) -> Extraction:
    """Every quantitative figure of `text` as a candidate row. published (the document's
    date) decides what is a target; inferred from the text when None (ValueError if it
    cannot be)."""
    if published is None:
        published = infer_published(text)
        if published is None:
            raise ValueError("no publication date found in the text: give it (--published YYYY-MM-DD)")
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
        context = resolve(doc, mention, measure, _previous_rate(segments, mentions, measures, i))
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
        candidates.append(Candidate(
            mention.start, mention.end, quote, quote_start, mention.value_text, mention.value, mention.unit,
            context.qualifier, context.kind, context.period, context.measure, subject,
            _confidence(notes), tuple(notes)))

    relations = [
        CandidateRelation("listed_count", found.members, found.items, found.list_open,
                          0.6 if found.where == "slogan" else 0.75,
                          f"stated count with its list ({found.where} the count)")
        for found in count_lists(text, segments, mentions)
    ]
    return Extraction(published, candidates, relations)


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


# What lowers confidence, and by how much: the forms most often not a statistic or misread.
_PENALTIES = {
    "Chinese numeral": 0.15,
    "count in a quoted slogan": 0.3,
    "range: two rows, low end at_least and high end up_to": 0.1,
    "list item": 0.05,
    "period: no date in the sentence, publication year assumed": 0.05,
    "target: undated figure in a targets/tasks section": 0.1,
    "subject taken from the figure before it": 0.05,
    "no subject found": 0.15,
}


def _confidence(notes: list[str]) -> float:
    score = 0.95 - sum(_PENALTIES.get(note, 0.0) for note in notes)
    return round(min(0.99, max(0.05, score)), 2)
