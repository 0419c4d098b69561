"""What the query commands print or write: a table for people (values in their display unit,
869.1 亿元), or every column as CSV, JSON, Excel (openpyxl) or Parquet (DuckDB)."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pandas as pd

FORMATS = ("table", "csv", "json", "xlsx", "parquet")
BINARY = {"xlsx", "parquet"}


def number(x: object) -> str:
    """869.1 → 869.1; 1000.0 → 1000; 8.691e10 → 86910000000; inf stays inf; empty stays empty."""
    if x is None or (isinstance(x, float) and x != x):
        return ""
    if not isinstance(x, (int, float)):
        return str(x)
    if x in (float("inf"), float("-inf")):
        return str(x)
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.4f}".rstrip("0")


def with_unit(values: pd.Series, units: pd.Series) -> list[str]:
    """Each value with its unit (869.1 亿元); empty where the value is."""
    return [f"{number(v)} {u}".strip() if number(v) else "" for v, u in zip(values, units)]


def show(frame: pd.DataFrame, out=None) -> None:
    out = out or sys.stdout
    if frame.empty:
        print("(no rows)", file=out)
        return
    frame = frame.astype(object).where(frame.notna(), "")  # an empty cell, not None or NaN
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 250,
                           "display.max_colwidth", 60, "display.float_format", number):
        print(frame.to_string(index=False), file=out)


def write(frame: pd.DataFrame, fmt: str, output: Path | None, table: pd.DataFrame | None = None) -> None:
    """Write `frame` (every column) in `fmt` to `output` or stdout; a table shows `table`
    (the columns for reading) when given. Excel and Parquet need a file."""
    if fmt in BINARY and output is None:
        raise ValueError(f"--format {fmt} writes a file: add --output FILE")
    if fmt == "table":
        if output is None:
            show(table if table is not None else frame)
        else:
            with output.open("w", encoding="utf-8") as f:
                show(table if table is not None else frame, f)
    elif fmt == "csv":
        # with a byte-order mark in a file, so Excel reads the Chinese text as UTF-8
        text = frame.to_csv(index=False)
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8-sig")
    elif fmt == "json":
        text = frame.to_json(orient="records", force_ascii=False, indent=1, date_format="iso")
        if output is None:
            print(text)
        else:
            output.write_text(text + "\n", encoding="utf-8")
    elif fmt == "xlsx":
        _xlsx(frame, output)
    elif fmt == "parquet":
        con = duckdb.connect()
        try:
            con.register("frame", frame)
            con.execute(f"copy (select * from frame) to '{_sql_path(output)}' (format parquet)")
        finally:
            con.close()
    else:
        raise ValueError(f"unknown format {fmt}: one of {', '.join(FORMATS)}")
    if output is not None:
        print(f"{len(frame)} rows written to {output}", file=sys.stderr)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _xlsx(frame: pd.DataFrame, output: Path) -> None:
    from orchestration.reporting.excel_export import write_sheets

    write_sheets(output, {"rows": frame})
