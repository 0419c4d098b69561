"""tables/catalog.csv: which files (and sheets) are tables, in which layout."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orchestration.ingest.raw_inputs import Problem, RawDataError, read_rows

CATALOG_COLUMNS = ["table_id", "file", "sheet", "layout", "encoding", "indicator_code", "unit", "period", "source"]
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}


@dataclass(frozen=True)
class TableSpec:
    table_id: str
    path: Path
    sheet: str
    layout: str  # long | yearbook
    encoding: str
    indicator_code: str
    unit: str
    period: str
    catalog_line: int

    @property
    def format(self) -> str:
        return FORMATS[self.path.suffix.lower()]


def load_catalog(raw: Path) -> list[TableSpec]:
    """The catalog's tables; none when raw/ has no tables/ folder."""
    path = raw / "tables" / "catalog.csv"
    if not path.parent.exists():
        return []
    problems, specs, seen = [], [], set()
    for line, row in read_rows(path, CATALOG_COLUMNS):
        spec = TableSpec(row["table_id"], path.parent / row["file"], row["sheet"], row["layout"],
                         (row["encoding"] or "utf-8").lower(), row["indicator_code"], row["unit"], row["period"], line)
        reason = _problem(spec, seen, path.parent)
        if reason:
            problems.append(Problem(path, line, reason))
        seen.add(spec.table_id)
        specs.append(spec)
    if problems:
        raise RawDataError(problems)
    return specs


def _problem(spec: TableSpec, seen: set[str], catalog_folder: Path) -> str | None:
    if not spec.table_id:
        return "empty table_id"
    if spec.table_id in seen:
        return f"duplicate table_id {spec.table_id!r}"
    if spec.path.is_symlink() or not spec.path.is_file() or spec.path.parent != catalog_folder:
        return f"file {spec.path.name!r} not found in tables/ (a regular file beside catalog.csv)"
    if spec.path.suffix.lower() not in FORMATS:
        return f"{spec.path.name}: unknown format (use .csv, .xlsx or .parquet)"
    if spec.layout not in ("long", "yearbook"):
        return f"layout {spec.layout!r} is not long or yearbook"
    if spec.encoding not in ("utf-8", "gbk"):
        return f"encoding {spec.encoding!r} is not utf-8 or gbk"
    if spec.layout == "yearbook" and (spec.format != "xlsx" or not all((spec.sheet, spec.indicator_code, spec.unit, spec.period))):
        return "a yearbook table is an .xlsx sheet and names its sheet, indicator_code, unit and period"
    if spec.layout == "long" and spec.format == "xlsx":
        return "long tables are .csv or .parquet"
    return None
