"""Reading the tables of the catalog into one long frame of values (raw.table_values).

Regions and industries may be written as codes or as their Chinese names; a yearbook's
合计/全市/总计 row is the stated total of the regions listed (their common parent), its
合计 column the stated total of the industries listed. Every problem is reported with file,
sheet, row and column, all of them together.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from orchestration.ingest.raw_inputs import Problem, RawDataError
from orchestration.ingest.tables.cells import parse_cell
from orchestration.ingest.tables.catalog import TableSpec, load_catalog

TABLE_VALUE_COLUMNS = ["table_id", "source_ref", "region_code", "industry_code", "period", "indicator_code", "value",
                       "unit", "is_stated_total"]
LONG_COLUMNS = ["region_code", "industry_code", "period", "indicator_code", "value", "unit"]
TOTAL_LABELS = {"合计", "总计", "全市", "全省", "全区", "全县", "总量"}
FOOTNOTE_STARTS = ("注", "说明", "资料来源", "数据来源")


class _Reference:
    """Codes and names of regions, industries, indicators and units."""

    def __init__(self, reference: dict[str, pd.DataFrame]):
        regions, industries = reference["regions"], reference["industries"]
        self.region_parent = dict(zip(regions["region_code"], regions["parent_code"]))
        self.industry_parent = dict(zip(industries["industry_code"], industries["parent_code"]))
        self.region_by_name = {**dict(zip(regions["name_zh"], regions["region_code"])), **{c: c for c in self.region_parent}}
        self.industry_by_name = {**dict(zip(industries["name_zh"], industries["industry_code"])),
                                 **{c: c for c in self.industry_parent}}
        self.indicator_unit = dict(zip(reference["indicators"]["indicator_code"], reference["indicators"]["canonical_unit"]))
        units = reference["units"]
        self.unit = {u: (c, Decimal(str(f))) for u, c, f in zip(units["unit"], units["canonical_unit"], units["factor"])}

    def canonical(self, value: Decimal, unit: str, indicator: str) -> tuple[float, str]:
        if indicator not in self.indicator_unit:
            raise ValueError(f"unknown indicator_code {indicator!r}")
        if unit not in self.unit:
            raise ValueError(f"unknown unit {unit!r}")
        canonical, factor = self.unit[unit]
        if canonical != self.indicator_unit[indicator]:
            raise ValueError(f"unit {unit!r} ({canonical}) does not fit {indicator} ({self.indicator_unit[indicator]})")
        return float(value * factor), canonical


def load_tables(raw: Path, reference: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every value of every table of tables/catalog.csv (none if there is no tables/)."""
    ref = _Reference(reference)
    rows: list[tuple] = []
    problems: list[Problem] = []
    for spec in load_catalog(raw):
        reader = _read_yearbook if spec.layout == "yearbook" else _read_long
        for item in reader(spec, ref):
            (problems if isinstance(item, Problem) else rows).append(item)
    if problems:
        raise RawDataError(problems)
    frame = pd.DataFrame(rows, columns=TABLE_VALUE_COLUMNS)
    duplicated = frame.duplicated(["table_id", "region_code", "industry_code", "period", "indicator_code"], keep=False)
    if duplicated.any():
        raise RawDataError([Problem(raw / "tables" / ref_.split(":")[0], 0, f"{ref_}: the same region, industry, period "
                                    "and indicator appear twice in this table") for ref_ in frame.loc[duplicated, "source_ref"]])
    return frame.astype({"value": "float64", "is_stated_total": "bool"})


def _long_records(spec: TableSpec) -> Iterator[tuple[int, dict[str, str]] | Problem]:
    """(row number, record) of a long CSV or Parquet table; the header is row 1."""
    if spec.format == "parquet":
        try:
            with duckdb.connect() as con:
                frame = con.execute("select * from read_parquet(?)", [str(spec.path)]).df()
        except duckdb.Error as exc:
            yield Problem(spec.path, 0, f"cannot read as Parquet (catalog.csv line {spec.catalog_line}): "
                                        f"{str(exc).splitlines()[0]}")
            return
        missing = [c for c in LONG_COLUMNS if c not in frame.columns]
        extra = [c for c in frame.columns if c not in LONG_COLUMNS]
        if missing or extra:
            yield Problem(spec.path, 1, _header_problem(missing, extra))
            return
        for i, record in enumerate(frame[LONG_COLUMNS].to_dict("records")):
            yield i + 2, {k: (None if pd.isna(v) else v) for k, v in record.items()}
        return
    data = spec.path.read_bytes()
    try:
        text = data.decode("utf-8-sig" if spec.encoding == "utf-8" else spec.encoding)
    except UnicodeDecodeError as exc:
        yield Problem(spec.path, data.count(b"\n", 0, exc.start) + 1,
                      f"not {spec.encoding} as catalog.csv line {spec.catalog_line} says ({exc.reason})")
        return
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in LONG_COLUMNS if c not in (reader.fieldnames or [])]
    extra = [c for c in (reader.fieldnames or []) if c not in LONG_COLUMNS]
    if missing or extra:
        yield Problem(spec.path, 1, _header_problem(missing, extra))
        return
    try:
        for record in reader:
            yield reader.line_num, record
    except csv.Error as exc:  # e.g. a NUL byte: the rest of the file is not CSV
        yield Problem(spec.path, reader.line_num, f"not a CSV file from here: {exc}")


def _header_problem(missing: list[str], extra: list[str]) -> str:
    return "; ".join(([f"missing column(s): {', '.join(missing)}"] if missing else [])
                     + ([f"unexpected column(s): {', '.join(repr(c) for c in extra)}"] if extra else []))


def _read_long(spec: TableSpec, ref: _Reference) -> Iterator[tuple | Problem]:
    for item in _long_records(spec):
        if isinstance(item, Problem):
            yield item
            continue
        line, r = item
        where = f"{spec.path.name}::{line}"
        try:
            value = parse_cell(r["value"])
            region = _code(ref.region_by_name, r["region_code"], "region")
            industry = _code(ref.industry_by_name, r["industry_code"], "industry")
            if value is None:
                continue
            amount, unit = ref.canonical(value, str(r["unit"]).strip(), str(r["indicator_code"]).strip())
        except ValueError as exc:
            yield Problem(spec.path, line, str(exc))
            continue
        yield (spec.table_id, where, region, industry, str(r["period"]).strip(), str(r["indicator_code"]).strip(),
               amount, unit, False)


def _code(by_name: dict[str, str], written: object, what: str) -> str:
    text = str(written or "").strip()
    if text not in by_name:
        raise ValueError(f"unknown {what} {text!r} (neither a code nor a name of reference/{what}s.csv)")
    return by_name[text]


def _common_parent(codes: list[str], parent: dict[str, str | None], what: str) -> str:
    parents = {parent.get(c) for c in codes}
    if len(parents) != 1 or None in parents:
        raise ValueError(f"the {what}s listed have no single common parent, so the total has no {what}: {sorted(codes)}")
    return parents.pop()


def _read_yearbook(spec: TableSpec, ref: _Reference) -> Iterator[tuple | Problem]:
    """A yearbook sheet: title and section rows (merged cells) above one row of industry
    labels; region rows below it until a footnote or the end."""
    try:
        workbook = load_workbook(spec.path, read_only=False, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises KeyError, BadZipFile, ValueError… on a bad file
        yield Problem(spec.path, 0, f"cannot read as an .xlsx workbook (catalog.csv line {spec.catalog_line}): "
                                    f"{type(exc).__name__}: {exc}")
        return
    if spec.sheet not in workbook.sheetnames:
        yield Problem(spec.path, 0, f"no sheet {spec.sheet!r} (sheets: {', '.join(workbook.sheetnames)})")
        return
    sheet = workbook[spec.sheet]
    grid = [list(row) for row in sheet.iter_rows(values_only=True)]

    def problem(row: int, column: int | None, reason: str) -> Problem:
        place = f"sheet {spec.sheet}, " + (f"column {get_column_letter(column)}" if column else "row") + ": "
        return Problem(spec.path, row, place + reason)

    top = next((i for i, row in enumerate(grid) if _is_industry_row(row, ref)), None)
    if top is None:
        yield problem(1, None, "no header row of industry names or codes (with 合计 for a total column) found")
        return
    header = top  # the header's last row: section rows (merged cells) sit above the industries
    while header + 1 < len(grid) and _is_industry_row(grid[header + 1], ref):
        header += 1
    labels = {}
    for j in range(1, max(len(row) for row in grid[top:header + 1])):
        # a cell merged down over the header rows (合计) holds its label in the top row only
        above = [grid[i][j] for i in range(header, top - 1, -1) if j < len(grid[i]) and grid[i][j] is not None]
        if above and str(above[0]).strip():
            labels[j] = str(above[0]).strip()
    industries = {j: ref.industry_by_name[t] for j, t in labels.items() if t not in TOTAL_LABELS}
    total_columns = [j for j, t in labels.items() if t in TOTAL_LABELS]
    body = []
    for i in range(header + 1, len(grid)):
        first = grid[i][0]
        label = str(first).strip() if first is not None else ""
        if label.startswith(FOOTNOTE_STARTS):
            break
        if label:
            body.append((i, label))
    listed = [ref.region_by_name[label] for _, label in body if label in ref.region_by_name and label not in TOTAL_LABELS]
    try:
        total_region = _common_parent(listed, ref.region_parent, "region") if any(
            label in TOTAL_LABELS for _, label in body) else None
        total_industry = _common_parent(list(industries.values()), ref.industry_parent, "industry") if total_columns else None
    except ValueError as exc:
        yield problem(header + 1, None, str(exc))
        return
    for i, label in body:
        if label in TOTAL_LABELS:
            region, row_total = total_region, True
        elif label in ref.region_by_name:
            region, row_total = ref.region_by_name[label], False
        else:
            yield problem(i + 1, 1, f"unknown region {label!r}")
            continue
        for j in [*industries, *total_columns]:
            cell = grid[i][j] if j < len(grid[i]) else None
            try:
                value = parse_cell(cell)
                if value is None:
                    continue
                amount, unit = ref.canonical(value, spec.unit, spec.indicator_code)
            except ValueError as exc:
                yield problem(i + 1, j + 1, str(exc))
                continue
            industry = industries.get(j, total_industry)
            ref_ = f"{spec.path.name}:{spec.sheet}:{i + 1}:{get_column_letter(j + 1)}"
            yield (spec.table_id, ref_, region, industry, spec.period, spec.indicator_code, amount, unit,
                   row_total or j in total_columns)


def _is_industry_row(row: list, ref: _Reference) -> bool:
    """Every label after the first column names an industry (or 合计), and one at least."""
    labels = [str(v).strip() for v in row[1:] if v is not None and str(v).strip()]
    return bool(labels) and any(t not in TOTAL_LABELS for t in labels) and all(
        t in ref.industry_by_name or t in TOTAL_LABELS for t in labels)
