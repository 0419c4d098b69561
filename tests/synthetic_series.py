"""Two invented statistical communiqués of one city (marked synthetic), added to a copy of
raw/: the second restates the first's 2020 levels (revisions), states 2021 levels with
their growth (one level planted wrong), and reports the year the first set targets for.

Series of 黄山 (341000; no committed document is about it), whole economy (ALL), amounts in 亿元:
- gdp 2020: 4000 (A, 2021-03-01) → 4500 (B, 2022-03-01): revised +12.5 %, beyond the 5 %
  share: warns. GDP 2021 grows 8 % 按可比价格 (real): not compared with nominal levels.
- vat_revenue 2020: 100 (A) → 101 (B): +1 %, a revision that passes. 2021: 110 with growth
  8.9 %: matches B's 101 × 1.089 (the latest vintage at B's date) — A's 100 would not.
- general_budget_revenue 2020: 300 (A); 2021: 400 with growth 10 %: 300 × 1.1 = 330, the
  planted wrong level (growth_across_years warns and names sb-07).
- targets in A for 2021: vat_revenue ≥ 105 (met by B's 110); revenue ≥ 450 (missed: 400).
- resident_population (persons): 2020 1,500,000 (A); 2021 1,520,000 stated 比上年末增加3万人:
  1,500,000 + 30,000 = 1,530,000, the planted wrong level of an increment (warns, names sb-09).
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

REGION = "341000"
# doc_id: (published_on, text, {figure_id: (quote, value_text, value, qualifier, kind, period, indicator, measure)})
DOCUMENTS = {
    "synthetic-series-2020": ("2021-03-01", (
        "合成测试公报甲(synthetic)。2020年全市生产总值4000亿元。全年增值税100亿元。"
        "全年一般公共预算收入300亿元。年末常住人口150万人。到2021年增值税达到105亿元以上,一般公共预算收入达到450亿元以上。"), {
        "sa-01": ("2020年全市生产总值4000亿元", "4000", "4000", "exact", "actual", "2020", "gdp", "level"),
        "sa-02": ("全年增值税100亿元", "100", "100", "exact", "actual", "2020", "vat_revenue", "level"),
        "sa-03": ("全年一般公共预算收入300亿元", "300", "300", "exact", "actual", "2020", "general_budget_revenue", "level"),
        "sa-04": ("到2021年增值税达到105亿元以上", "105", "105", "at_least", "target", "2021", "vat_revenue", "level"),
        "sa-05": ("一般公共预算收入达到450亿元以上", "450", "450", "at_least", "target", "2021",
                  "general_budget_revenue", "level"),
        "sa-06": ("年末常住人口150万人", "150万", "1500000", "exact", "actual", "2020", "resident_population", "level"),
    }),
    "synthetic-series-2021": ("2022-03-01", (
        "合成测试公报乙(synthetic)。经核实,2020年全市生产总值为4500亿元,增值税为101亿元。"
        "2021年全市生产总值4700亿元,按可比价格计算,比上年增长8%。"
        "全年增值税110亿元,比上年增长8.9%。全年一般公共预算收入400亿元,比上年增长10%。"
        "年末常住人口152万人,比上年末增加3万人。"), {
        "sb-01": ("2020年全市生产总值为4500亿元", "4500", "4500", "exact", "actual", "2020", "gdp", "level"),
        "sb-02": ("增值税为101亿元", "101", "101", "exact", "actual", "2020", "vat_revenue", "level"),
        "sb-03": ("2021年全市生产总值4700亿元", "4700", "4700", "exact", "actual", "2021", "gdp", "level"),
        "sb-04": ("按可比价格计算,比上年增长8%", "8", "8", "exact", "growth_rate", "2021", "gdp", "yoy_growth"),
        "sb-05": ("全年增值税110亿元", "110", "110", "exact", "actual", "2021", "vat_revenue", "level"),
        "sb-06": ("全年增值税110亿元,比上年增长8.9%", "8.9", "8.9", "exact", "growth_rate", "2021", "vat_revenue",
                  "yoy_growth"),
        "sb-07": ("全年一般公共预算收入400亿元", "400", "400", "exact", "actual", "2021", "general_budget_revenue",
                  "level"),
        "sb-08": ("全年一般公共预算收入400亿元,比上年增长10%", "10", "10", "exact", "growth_rate", "2021",
                  "general_budget_revenue", "yoy_growth"),
        "sb-09": ("年末常住人口152万人", "152万", "1520000", "exact", "actual", "2021", "resident_population", "level"),
        "sb-10": ("年末常住人口152万人,比上年末增加3万人", "3万", "30000", "exact", "actual", "2021",
                  "resident_population", "increment"),
    }),
}


def write_series(raw: Path, source: Path) -> Path:
    """Copy the project's raw/ to `raw` and add the two synthetic communiqués."""
    shutil.copytree(source, raw)
    with (raw / "documents" / "documents.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for doc_id, (published_on, text, _) in DOCUMENTS.items():
            data = text.encode("utf-8")
            (raw / "documents" / f"{doc_id}.txt").write_bytes(data)
            writer.writerow([doc_id, f"{doc_id}.txt", f"{doc_id} 合成测试公报 (synthetic)", "regstat tests", REGION,
                             published_on, "tests/synthetic_series.py", hashlib.sha256(data).hexdigest()])
    for doc_id, (_, _, figures) in DOCUMENTS.items():
        with (raw / "figures" / f"{doc_id}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["figure_id", "doc_id", "quote", "value_text", "value", "unit", "qualifier", "kind",
                             "period", "region_code", "industry_code", "indicator_code", "measure", "subject_zh"])
            for fid, (quote, text, value, qualifier, kind, period, indicator, measure) in figures.items():
                unit = "%" if measure == "yoy_growth" else "人" if indicator == "resident_population" else "亿元"
                writer.writerow([fid, doc_id, quote, text, value, unit, qualifier, kind, period, REGION, "ALL",
                                 indicator, measure, quote])
    return raw
