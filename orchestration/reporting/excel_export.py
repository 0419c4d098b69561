"""Excel workbooks written with openpyxl (the DuckDB excel extension would be a download at
run time): `regstat export --xlsx FILE` puts every analyst view on a sheet of its own, with
Chinese headers that carry the unit; query commands write their rows with `--format xlsx`."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from orchestration.warehouse import connect

# Chinese header of each analyst column; a unit that is the same on every row is in the header.
HEADERS_ZH: dict[str, str] = {
    "region_code": "地区代码", "region_zh": "地区", "region_en": "地区（英文）", "region_level": "地区层级",
    "parent_region_code": "上级地区代码",
    "industry_code": "产业代码", "industry_zh": "产业", "industry_en": "产业（英文）",
    "indicator_code": "指标代码", "indicator_zh": "指标", "indicator_en": "指标（英文）",
    "measure": "统计口径", "kind": "类别", "period": "时期", "year": "年份",
    "value": "数值（标准单位）", "unit": "标准单位", "display_value": "数值（显示单位）", "display_unit": "显示单位",
    "qualifier": "限定词", "value_low": "下限（标准单位）", "value_high": "上限（标准单位）",
    "display_low": "下限（显示单位）", "display_high": "上限（显示单位）", "is_aspirational": "力争目标",
    "value_text": "原文数字", "reported_unit": "原文单位", "subject_zh": "主题", "quote": "原文引文",
    "doc_id": "文件代码", "doc_title": "文件标题", "title": "文件标题", "publisher": "发布机构", "published_on": "发布日期",
    "figure_id": "数据编号", "figures": "数据条数",
    "status": "状态", "target_period": "目标年份", "target_value": "目标值（标准单位）", "target_qualifier": "目标限定词",
    "actual_period": "实际值时期", "actual_value": "实际值（标准单位）",
    "required_annual_growth": "所需年均增速（%）", "observed_annual_growth": "实际年均增速（%）",
    "status_reason": "状态说明", "target_quote": "目标原文", "actual_quote": "实际值原文",
    "target_figure_id": "目标数据编号", "actual_figure_id": "实际值数据编号",
    "target_display": "目标值（显示单位）", "actual_display": "实际值（显示单位）",
    "observed_growth_source": "实际增速来源", "judged": "可评估", "missing": "缺少的数据",
    "severity": "严重级别", "rule": "规则", "check_id": "检查编号", "observed": "观测值", "expected": "期望值",
    "tolerance": "容差", "message": "说明", "figure_ids": "数据编号列表", "figure_quotes": "相关原文",
    "status_order": "状态排序",
    "enterprise_count": "企业数（家）", "above_scale_enterprise_count": "规模以上企业数（家）",
    "high_tech_enterprise_count": "高新技术企业数（家）", "specialized_sme_count": "专精特新企业数（家）",
    "gazelle_enterprise_count": "瞪羚企业数（家）", "single_champion_count": "单项冠军企业数（家）",
    "series_id": "序列编号", "period_end": "时期截止日", "vintage": "版本日期", "vintage_number": "版本序号",
    "vintage_count": "版本数", "first_value": "首次发布值（标准单位）", "first_vintage": "首次发布日期",
    "is_revised": "是否修订", "superseded_on": "被取代日期", "previous_value": "上一版本值（标准单位）",
    "revision": "修订幅度（标准单位）", "revision_share": "修订比例",
    "target_doc_id": "目标文件代码", "target_published_on": "目标发布日期", "outcome": "结果",
    "outcome_value": "结果值（标准单位）", "outcome_doc_id": "结果文件代码", "outcome_vintage": "结果版本日期",
    "outcome_quote": "结果原文",
    "output_value_cny": "产值（元）", "output_value_yi": "产值（亿元）",
    "operating_revenue_cny": "营业收入（元）", "operating_revenue_yi": "营业收入（亿元）",
}


def header_zh(column: str) -> str:
    """The Chinese header of an analyst column; a wide view's year column y2023 → 2023年（显示单位）."""
    if column in HEADERS_ZH:
        return HEADERS_ZH[column]
    if len(column) == 5 and column[0] == "y" and column[1:].isdigit():
        return f"{column[1:]}年（显示单位）"
    raise KeyError(column)


def _cell(value: object) -> object:
    """A value Excel can hold: empty for missing, ±inf as text (Excel has no infinity)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def write_sheets(path: Path, sheets: dict[str, pd.DataFrame], headers: dict[str, list[str]] | None = None) -> Path:
    """One sheet per frame, header row bold and frozen; `headers` replaces a sheet's column names."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, frame in sheets.items():
        sheet = workbook.create_sheet(title=name[:31])
        titles = (headers or {}).get(name) or [str(c) for c in frame.columns]
        sheet.append(titles)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in frame.itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        sheet.freeze_panes = "A2"
        for index, title in enumerate(titles, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, 2 * len(title) + 2))
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def analyst_views(db: Path) -> dict[str, pd.DataFrame]:
    """Every view of schema analyst, in a stable order, by name."""
    with connect(db, read_only=True) as con:
        names = [n for (n,) in con.execute("select view_name from duckdb_views() where schema_name = 'analyst'"
                                           " order by view_name").fetchall()]
        return {name: con.execute(f'select * from analyst."{name}"').df() for name in names}


def export_views(db: Path, path: Path) -> dict[str, int]:
    """The analyst views of `db` as one workbook at `path`; rows per sheet."""
    views = analyst_views(db)
    write_sheets(path, views, {name: [header_zh(c) for c in frame.columns] for name, frame in views.items()})
    return {name: len(frame) for name, frame in views.items()}
