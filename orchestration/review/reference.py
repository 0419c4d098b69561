"""Reference rows from the studio and the CLI (`regstat reference add …`): searching the
tables by code, Chinese or English name, and adding a missing row, validated by ingest's own
load_reference on a copy before raw/reference/<table>.csv changes."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from orchestration.extract.review_files import csv_text, line_ending, write_atomic
from orchestration.ingest.raw_inputs import REFERENCE_COLUMNS, Problem, RawDataError, load_reference, read_rows

# The CLI's singular names (regstat reference add region …) → the table files.
TABLES = {"region": "regions", "industry": "industries", "indicator": "indicators", "unit": "units"}
OPTIONAL = {"parent_code"}


def table_name(name: str) -> str:
    if name in TABLES.values():
        return name
    if name not in TABLES:
        raise ValueError(f"unknown reference table {name!r} (expected one of {', '.join(TABLES)})")
    return TABLES[name]


def search(raw: Path, table: str, query: str, limit: int = 15) -> list[dict[str, str]]:
    """Rows whose code, Chinese or English name contains the query (case-insensitive): exact
    codes first, then names that start with it, then the rest, in file order."""
    table = table_name(table)
    rows = [row for _, row in read_rows(raw / "reference" / f"{table}.csv", REFERENCE_COLUMNS[table])]
    key = REFERENCE_COLUMNS[table][0]
    q = query.strip().lower()
    if not q:
        return rows[:limit]

    def rank(row: dict[str, str]) -> int | None:
        names = [row[key].lower(), row.get("name_zh", "").lower(), row.get("name_en", "").lower()]
        if row[key].lower() == q:
            return 0
        if any(n.startswith(q) for n in names):
            return 1
        if any(q in n for n in names):
            return 2
        return None

    ranked = sorted(((r, i, row) for i, row in enumerate(rows) if (r := rank(row)) is not None), key=lambda t: t[:2])
    return [row for _, _, row in ranked[:limit]]


def add_reference(raw: Path, table: str, values: dict[str, str]) -> tuple[Path, int]:
    """Append one row to raw/reference/<table>.csv after the checks ingest makes (key unique,
    parent known, a unit's factor and measure type); (file, line) of the new row. On any
    problem nothing changes and RawDataError names the file, the new row's line and the reason."""
    table = table_name(table)
    columns = REFERENCE_COLUMNS[table]
    path = raw / "reference" / f"{table}.csv"
    row = {c: (values.get(c) or "").strip() for c in columns}
    line = len(read_rows(path, columns)) + 2  # the header is line 1
    missing = [c for c in columns if not row[c] and c not in OPTIONAL]
    if missing:
        raise RawDataError([Problem(path, line, f"new {table} row: {', '.join(missing)} "
                                    f"{'is' if len(missing) == 1 else 'are'} empty")])
    unknown = sorted(set(values) - set(columns))
    if unknown:
        raise RawDataError([Problem(path, line, f"new {table} row: unknown column(s) {', '.join(unknown)}")])
    text = path.read_bytes().decode("utf-8")
    newline = line_ending(path)
    if text and not text.endswith("\n"):
        text += newline
    text += csv_text(columns, [row], header=False, newline=newline)
    with tempfile.TemporaryDirectory(prefix="regstat-reference-") as tmp:
        copy = Path(tmp) / "raw"
        shutil.copytree(raw / "reference", copy / "reference")
        (copy / "reference" / path.name).write_text(text, encoding="utf-8", newline="")
        try:
            load_reference(copy)
        except RawDataError as exc:
            raise RawDataError([Problem(raw / p.path.relative_to(copy), p.line, p.reason) for p in exc.problems]) from None
    write_atomic(path, text)
    return path, line
