"""Codes a reviewer would otherwise type: the region, indicator and industry a candidate most
likely belongs to, found by names and keywords derived from the reference tables themselves
(raw/reference/regions.csv, indicators.csv and industries.csv), never from curated figures.

Region: a place name written in the figure's quote before its value (青岛市, 黄岛区, or the name
without its unit: 黄岛), matched against the complete GB/T 2260 table and kept only inside the
document's region (its descendants; an ancestor such as 全省 stays the document's); else the
document's region.

Only proposals: an unmatched candidate gets '' and the reviewer fills it in; accept refuses
accepted rows that still lack a code."""

from __future__ import annotations

import re

import pandas as pd

from .extractor import Candidate

_RATE_MEASURES = ("yoy_growth", "avg_annual_growth")
_QUOTES = re.compile(r"[“”‘’\"']")


def _indicator_keyword(name: str) -> str:
    """企业数 → 企业, 投资额 → 投资, 签约合同金额 → 签约合同: the words a text uses."""
    name = _QUOTES.sub("", name)
    for tail in ("金额", "数", "额"):
        if name.endswith(tail) and len(name) - len(tail) >= 2:
            return name[:-len(tail)]
    return name


def _industry_keyword(name: str) -> str:
    """生物医药产业 → 生物医药; 制造业 stays (too short once trimmed)."""
    for tail in ("产业集群", "产业"):
        if name.endswith(tail) and len(name) - len(tail) >= 2:
            return name[:-len(tail)]
    return name


_REGION_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区", "地区", "省", "市", "区", "县", "旗", "盟")
_MAX_NAME = 12


def _short_name(name: str) -> str | None:
    """黄岛区 → 黄岛, 青岛市 → 青岛; None when the rest is one character (东区) or a common word."""
    for suffix in _REGION_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[:-len(suffix)]
    return None


class RegionNames:
    """Place names (full and short) of the region table → codes, with each code's parent."""

    def __init__(self, regions: pd.DataFrame):
        self.parent = dict(zip(regions["region_code"], regions["parent_code"]))
        self.names: dict[str, list[str]] = {}
        for code, name in zip(regions["region_code"], regions["name_zh"]):
            for key in {name, _short_name(name)}:
                if key and len(key) >= 2:
                    self.names.setdefault(key, []).append(code)

    def within(self, code: str, ancestor: str) -> bool:
        seen = 0
        while code and seen < 6:
            if code == ancestor:
                return True
            code, seen = self.parent.get(code, ""), seen + 1
        return False

    def propose(self, text: str, document_region: str) -> str:
        """The last place name in `text` that lies within the document's region, else the
        document's region."""
        found = ""
        i = 0
        while i < len(text):
            hit = ""
            for n in range(min(_MAX_NAME, len(text) - i), 1, -1):
                codes = self.names.get(text[i:i + n])
                if codes:
                    inside = [c for c in codes if self.within(c, document_region)]
                    if inside:  # 北京市 is a province and its districts' city: the higher level
                        hit = min(inside, key=lambda c: (c[4:] != "00", c[2:] != "0000", c))
                    if hit:
                        i += n - 1
                        break
            if hit:
                found = hit
            i += 1
        return found or document_region


class CodeProposer:
    def __init__(self, reference: dict[str, pd.DataFrame]):
        self.regions = RegionNames(reference["regions"])
        units = reference["units"]
        self.canonical = dict(zip(units["unit"], units["canonical_unit"]))
        self.indicators = [
            (_indicator_keyword(r.name_zh), r.indicator_code, r.measure_type, r.canonical_unit)
            for r in reference["indicators"].itertuples()
        ]
        self.industries = [(_industry_keyword(r.name_zh), r.industry_code) for r in reference["industries"].itertuples()]

    def _fits(self, candidate: Candidate, measure_type: str, canonical_unit: str) -> bool:
        if candidate.measure == "share":
            return measure_type == "ratio"
        if candidate.measure in _RATE_MEASURES:
            return measure_type != "ratio"  # the growth of a level
        return self.canonical.get(candidate.unit) == canonical_unit

    def propose_indicators(self, candidates: list[Candidate]) -> list[str]:
        """indicator() of each candidate; a rate or change that names none (同比增长5%) takes
        the indicator of the level before it in the same quote (规上工业增加值100亿元，同比增长5%)."""
        out: list[str] = []
        for i, c in enumerate(candidates):
            code = self.indicator(c)
            if not code and c.measure in (*_RATE_MEASURES, "increment") and c.unit in ("%", "个百分点", "個百分點"):
                code = next((out[j] for j in range(i - 1, -1, -1)
                             if candidates[j].quote_start == c.quote_start and out[j]
                             and candidates[j].measure in ("level", "cumulative")), "")
            out.append(code)
        return out

    def indicator(self, candidate: Candidate) -> str:
        """The longest fitting indicator keyword in the subject, else in the quote before the
        value (规上 read as 规模以上, its usual abbreviation)."""
        before = candidate.quote[:max(0, candidate.start - candidate.quote_start)]
        for text in (candidate.subject.replace("规上", "规模以上"), before.replace("规上", "规模以上")):
            found = [(len(k), code) for k, code, mtype, unit in self.indicators
                     if k and k in text and self._fits(candidate, mtype, unit)]
            if found:
                return max(found)[1]
        return ""

    def region(self, candidate: Candidate, document_region: str) -> str:
        """A place within the document's region named in the quote before the value."""
        if not document_region:
            return ""
        before = candidate.quote[:max(0, candidate.start - candidate.quote_start)]
        return self.regions.propose(before, document_region)

    def industry(self, candidate: Candidate, document_industry: str = "") -> str:
        """The longest industry keyword in the subject, else in the quote before the value,
        else the document's industry (document_industry: the one its title names)."""
        before = candidate.quote[:max(0, candidate.start - candidate.quote_start)]
        for text in (candidate.subject, before):
            found = self._industries_in(text)
            if found:
                return found
        return document_industry

    def _industries_in(self, text: str) -> str:
        found = [(len(k), code) for k, code in self.industries if len(k) >= 2 and k in text]
        return max(found)[1] if found else ""

    def document_industry(self, title: str) -> str:
        """The industry a document's title names (…战略性新兴产业…), else ''."""
        return self._industries_in(title)
