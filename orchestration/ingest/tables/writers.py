"""Writing tables in the layouts the readers take: for the synthetic data and for tests.
Output is byte-for-byte reproducible (fixed workbook dates and zip timestamps)."""

from __future__ import annotations

import datetime
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment

_FIXED = datetime.datetime(2000, 1, 1)


@dataclass
class YearbookSheet:
    """One sheet: a title, column groups (a section label merged over its columns), one row
    per region and the total row; each row's values in column order, its 合计 last when
    `total_column`."""

    title: str
    sections: list[tuple[str, list[str]]]
    rows: list[tuple[str, list[object]]]
    total_column: bool = True
    footnote: str = "注：本表为合成数据，由 regstat generate 生成。"
    corner: str = "地区"


def write_yearbook_xlsx(path: Path, sheets: dict[str, YearbookSheet]) -> None:
    """A workbook laid out like a statistical yearbook: title row, a two-row header whose
    upper row merges each section over its columns (and 地区 / 合计 over both rows), region
    rows, a footnote."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, spec in sheets.items():
        ws = workbook.create_sheet(name)
        columns = [label for _, labels in spec.sections for label in labels] + (["合计"] if spec.total_column else [])
        width = len(columns) + 1
        ws.cell(1, 1, spec.title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.cell(2, 1, spec.corner)
        ws.merge_cells(start_row=2, start_column=1, end_row=3, end_column=1)
        column = 2
        for section, labels in spec.sections:
            ws.cell(2, column, section).alignment = Alignment(horizontal="center")
            if len(labels) > 1:
                ws.merge_cells(start_row=2, start_column=column, end_row=2, end_column=column + len(labels) - 1)
            for offset, label in enumerate(labels):
                ws.cell(3, column + offset, label)
            column += len(labels)
        if spec.total_column:
            ws.cell(2, column, "合计")
            ws.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
        for r, (label, values) in enumerate(spec.rows, start=4):
            ws.cell(r, 1, label)
            for c, value in enumerate(values, start=2):
                ws.cell(r, c, value)
        ws.cell(4 + len(spec.rows), 1, spec.footnote)
    workbook.properties.created = workbook.properties.modified = _FIXED
    workbook.save(path)
    _fix_zip_times(path)


def _fix_zip_times(path: Path) -> None:
    """openpyxl stamps zip entries, and the workbook's modified property at save, with the
    current time; rewrite both with a fixed one."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                stamp = _FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\2", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)


def write_long_csv(path: Path, frame: pd.DataFrame, encoding: str = "utf-8") -> None:
    """A long table as CSV in the given encoding (gbk for the offices that still use it)."""
    path.write_bytes(frame.to_csv(index=False, lineterminator="\n").encode(encoding))


def write_parquet(path: Path, frame: pd.DataFrame) -> None:
    with duckdb.connect() as con:
        con.register("_frame", frame)
        con.execute(f"copy (select * from _frame) to '{path}' (format parquet)")
