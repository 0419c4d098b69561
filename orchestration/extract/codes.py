"""Codes a reviewer would otherwise type: the indicator and industry a candidate most
likely belongs to, found by keywords derived from the reference tables themselves
(raw/reference/indicators.csv and industries.csv), never from curated figures.

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


class CodeProposer:
    def __init__(self, reference: dict[str, pd.DataFrame]):
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

    def indicator(self, candidate: Candidate) -> str:
        """The longest fitting indicator keyword in the subject, else in the quote before the value."""
        before = candidate.quote[:max(0, candidate.start - candidate.quote_start)]
        for text in (candidate.subject, before):
            found = [(len(k), code) for k, code, mtype, unit in self.indicators
                     if k and k in text and self._fits(candidate, mtype, unit)]
            if found:
                return max(found)[1]
        return ""

    def industry(self, candidate: Candidate) -> str:
        before = candidate.quote[:max(0, candidate.start - candidate.quote_start)]
        for text in (candidate.subject, before):
            found = [(len(k), code) for k, code in self.industries if len(k) >= 2 and k in text]
            if found:
                return max(found)[1]
        return ""
