"""A small generated raw/ dataset with one passing and one failing case for every rule kind.

The document is invented (marked synthetic in its title) and never written into the
project's raw/. EXPECTED_STATUS is what the checks must conclude for each relation.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

DOC_ID = "synthetic-rules"
TEXT = (
    "合成测试文档。全市产值100亿元,A企业产值40亿元,B企业产值60亿元,C企业产值30亿元。"
    "A企业占40%。另一处写作A企业占50%。2022年产值90亿元。产值增长11.1%。又一处写作产值增长20%。"
    "四个产业:甲、乙、丙、丁。五个园区:子、丑、寅。六个项目:天、地、人等。"
    "到2025年产值达到120亿元。到2027年产值达到150亿元。另有到2027年产值力争110亿元。"
    "重申到2025年产值达到120亿元。又称到2025年产值达到125亿元。"
    "D企业2022年产值80亿元,2023年产值76亿元,比上年下降5%。又称D企业产值下降10%。"
    "三次产业结构为8.8:41.5:49.7。另一结构为8.8:41.5:48.7。A与B企业产值之比为40:60。"
)

# figure_id: (quote, value_text, value, unit, qualifier, kind, period, indicator, measure)
FIGURES = {
    "sy-01": ("全市产值100亿元", "100", "100", "亿元", "exact", "actual", "2023", "output_value", "level"),
    "sy-02": ("A企业产值40亿元", "40", "40", "亿元", "exact", "actual", "2023", "output_value", "level"),
    "sy-03": ("B企业产值60亿元", "60", "60", "亿元", "exact", "actual", "2023", "output_value", "level"),
    "sy-04": ("C企业产值30亿元", "30", "30", "亿元", "exact", "actual", "2023", "output_value", "level"),
    "sy-05": ("A企业占40%", "40", "40", "%", "exact", "share", "2023", "revenue_share", "share"),
    "sy-06": ("A企业占50%", "50", "50", "%", "exact", "share", "2023", "revenue_share", "share"),
    "sy-07": ("2022年产值90亿元", "90", "90", "亿元", "exact", "actual", "2022", "output_value", "level"),
    "sy-08": ("产值增长11.1%", "11.1", "11.1", "%", "exact", "growth_rate", "2023", "output_value", "yoy_growth"),
    "sy-09": ("产值增长20%", "20", "20", "%", "exact", "growth_rate", "2023", "output_value", "yoy_growth"),
    "sy-10": ("四个产业", "四", "4", "个", "exact", "actual", "2023", "core_industry_count", "level"),
    "sy-11": ("五个园区", "五", "5", "个", "exact", "actual", "2023", "industrial_park_count", "level"),
    "sy-12": ("六个项目", "六", "6", "个", "exact", "actual", "2023", "project_count", "level"),
    "sy-13": ("到2025年产值达到120亿元", "120", "120", "亿元", "exact", "target", "2025", "output_value", "level"),
    "sy-14": ("到2027年产值达到150亿元", "150", "150", "亿元", "exact", "target", "2027", "output_value", "level"),
    "sy-15": ("到2027年产值力争110亿元", "110", "110", "亿元", "strive", "target", "2027", "output_value", "level"),
    "sy-16": ("重申到2025年产值达到120亿元", "120", "120", "亿元", "exact", "target", "2025", "output_value", "level"),
    "sy-17": ("又称到2025年产值达到125亿元", "125", "125", "亿元", "exact", "target", "2025", "output_value", "level"),
    # a decline keeps its sign: 下降5% is -5 (80 → 76 亿元)
    "sy-18": ("D企业2022年产值80亿元", "80", "80", "亿元", "exact", "actual", "2022", "output_value", "level"),
    "sy-19": ("2023年产值76亿元", "76", "76", "亿元", "exact", "actual", "2023", "output_value", "level"),
    "sy-20": ("比上年下降5%", "5", "-5", "%", "exact", "growth_rate", "2023", "output_value", "yoy_growth"),
    "sy-21": ("又称D企业产值下降10%", "10", "-10", "%", "exact", "growth_rate", "2023", "output_value", "yoy_growth"),
    "sy-22": ("三次产业结构为8.8:41.5:49.7", "8.8", "8.8", "%", "exact", "share", "2023", "revenue_share", "share"),
    "sy-23": ("三次产业结构为8.8:41.5:49.7", "41.5", "41.5", "%", "exact", "share", "2023", "revenue_share", "share"),
    "sy-24": ("三次产业结构为8.8:41.5:49.7", "49.7", "49.7", "%", "exact", "share", "2023", "revenue_share", "share"),
    "sy-25": ("另一结构为8.8:41.5:48.7", "8.8", "8.8", "%", "exact", "share", "2023", "revenue_share", "share"),
    "sy-26": ("另一结构为8.8:41.5:48.7", "41.5", "41.5", "%", "exact", "share", "2023", "revenue_share", "share"),
    "sy-27": ("另一结构为8.8:41.5:48.7", "48.7", "48.7", "%", "exact", "share", "2023", "revenue_share", "share"),
    "sy-28": ("A与B企业产值之比为40:60", "40", "40", "%", "exact", "share", "2023", "revenue_share", "share"),
    "sy-29": ("A与B企业产值之比为40:60", "60", "60", "%", "exact", "share", "2023", "revenue_share", "share"),
}

# relation_id: (kind, figure_ids, items, list_open, severity, expected status)
RELATIONS = {
    "share-pass": ("share", "sy-02;sy-01;sy-05", "", "false", "error", "pass"),
    "share-fail": ("share", "sy-02;sy-01;sy-06", "", "false", "error", "fail"),
    "sum-pass": ("sum_to_total", "sy-01;sy-02;sy-03", "", "false", "error", "pass"),
    "sum-fail": ("sum_to_total", "sy-01;sy-02;sy-04", "", "false", "error", "fail"),
    "part-pass": ("part_le_whole", "sy-02;sy-01", "", "false", "error", "pass"),
    "part-fail": ("part_le_whole", "sy-01;sy-02", "", "false", "error", "fail"),
    "part-warn": ("part_le_whole", "sy-01;sy-03", "", "false", "warn", "warn"),
    "growth-pass": ("growth", "sy-01;sy-08;sy-07", "", "false", "error", "pass"),
    "growth-fail": ("growth", "sy-01;sy-09;sy-07", "", "false", "error", "fail"),
    "list-pass": ("listed_count", "sy-10", "甲|乙|丙|丁", "false", "error", "pass"),
    "list-fail": ("listed_count", "sy-11", "子|丑|寅", "false", "error", "fail"),
    "list-open-warn": ("listed_count", "sy-12", "天|地|人", "true", "error", "warn"),
    "sequence-pass": ("target_sequence", "sy-13;sy-14", "", "false", "error", "pass"),
    "sequence-fail": ("target_sequence", "sy-13;sy-15", "", "false", "error", "fail"),
    "restatement-pass": ("restatement", "sy-13;sy-16", "", "false", "error", "pass"),
    "restatement-fail": ("restatement", "sy-13;sy-17", "", "false", "error", "fail"),
    "restatement-warn": ("restatement", "sy-14;sy-15", "", "false", "warn", "warn"),
    "growth-decline-pass": ("growth", "sy-19;sy-20;sy-18", "", "false", "error", "pass"),
    "growth-decline-fail": ("growth", "sy-19;sy-21;sy-18", "", "false", "error", "fail"),
    "structure-pass": ("structure", "sy-22;sy-23;sy-24", "", "false", "error", "pass"),
    "structure-fail": ("structure", "sy-25;sy-26;sy-27", "", "false", "error", "fail"),
    "structure-levels-pass": ("structure", "sy-28;sy-29;sy-02;sy-03", "", "false", "error", "pass"),
    "structure-levels-fail": ("structure", "sy-28;sy-29;sy-03;sy-02", "", "false", "error", "fail"),
}
# Restatements whose check passes leave fct_figure; a disagreeing one stays a fact.
DROPPED_RESTATEMENTS = {"sy-16"}
EXPECTED_STATUS = {rid: spec[-1] for rid, spec in RELATIONS.items()}


def write_dataset(raw: Path, reference_from: Path) -> Path:
    """Write the synthetic raw/ tree at `raw`, reusing the project's reference data."""
    shutil.copytree(reference_from / "reference", raw / "reference")
    for sub in ("documents", "figures", "relations"):
        (raw / sub).mkdir(parents=True, exist_ok=True)
    data = TEXT.encode("utf-8")
    (raw / "documents" / f"{DOC_ID}.txt").write_bytes(data)
    _write(raw / "documents" / "documents.csv",
           ["doc_id", "file", "title", "publisher", "region_code", "published_on", "source", "sha256"],
           [[DOC_ID, f"{DOC_ID}.txt", "合成测试文档 (synthetic)", "regstat tests", "371700", "2024-01-01",
             "tests/synthetic_rules.py", hashlib.sha256(data).hexdigest()]])
    _write(raw / "figures" / f"{DOC_ID}.csv",
           ["figure_id", "doc_id", "quote", "value_text", "value", "unit", "qualifier", "kind", "period",
            "region_code", "industry_code", "indicator_code", "measure", "subject_zh"],
           [[fid, DOC_ID, q, vt, v, u, ql, k, p, "371700", "SEI0401", ind, m, q]
            for fid, (q, vt, v, u, ql, k, p, ind, m) in FIGURES.items()])
    _write(raw / "relations" / f"{DOC_ID}.csv",
           ["relation_id", "doc_id", "kind", "figure_ids", "items", "list_open", "severity", "reason"],
           [[rid, DOC_ID, k, ids, items, open_, sev, f"synthetic case {rid}"]
            for rid, (k, ids, items, open_, sev, _) in RELATIONS.items()])
    return raw


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
