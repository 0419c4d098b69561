"""Reading and validating the versioned inputs under raw/.

Every problem is reported with its file, line and reason, and all problems of an input are
reported together; a run with any of them stops before anything is written.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from orchestration.figures import QUALIFIERS, Unit, bounds, parse_period, parse_value_text

from orchestration.vocabulary import EXACT, KINDS, MEASURES, RATE_MEASURES, RELATION_ARITY, SEVERITIES  # noqa: F401

DOCUMENT_COLUMNS = ["doc_id", "file", "title", "publisher", "region_code", "published_on", "source", "sha256"]
FIGURE_COLUMNS = [
    "figure_id", "doc_id", "quote", "value_text", "value", "unit", "qualifier", "kind", "period",
    "region_code", "industry_code", "indicator_code", "measure", "subject_zh",
]
RELATION_COLUMNS = ["relation_id", "doc_id", "kind", "figure_ids", "items", "list_open", "severity", "reason"]
REFERENCE_COLUMNS = {
    "regions": ["region_code", "name_zh", "name_en", "level", "parent_code"],
    "industries": ["industry_code", "name_zh", "name_en", "classification", "parent_code"],
    "indicators": ["indicator_code", "name_zh", "name_en", "measure_type", "canonical_unit"],
    "units": ["unit", "canonical_unit", "factor", "measure_type"],
}


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


class RawDataError(ValueError):
    """One or more bad rows in raw/; the message lists each with file, line and reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in raw inputs:\n" + "\n".join(f"  {p}" for p in problems))


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path, line: int, reason: str) -> None:
        self.problems.append(Problem(path, line, reason))

    def raise_if_any(self) -> None:
        if self.problems:
            raise RawDataError(self.problems)


def read_rows(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    """The rows of a UTF-8 CSV file with their line numbers; the header must hold `columns`."""
    if not path.is_file():
        raise RawDataError([Problem(path, 0, "file not found")])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RawDataError([Problem(path, 0, f"not UTF-8: {exc.reason} at byte {exc.start}")]) from exc
    reader = csv.DictReader(text.splitlines(keepends=True))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise RawDataError([Problem(path, 1, f"missing column(s): {', '.join(missing)}")])
    rows = []
    line = 1
    for record in reader:
        start = line + 1
        line = reader.line_num
        if None in record or any(v is None for v in record.values()):
            raise RawDataError([Problem(path, start, f"expected {len(reader.fieldnames)} fields, got a different number")])
        rows.append((start, {k: v.strip() if k != "quote" else v for k, v in record.items()}))
    return rows


def load_reference(raw: Path) -> dict[str, pd.DataFrame]:
    """regions, industries, indicators and units, with keys unique and parents known."""
    problems = _Collector()
    frames: dict[str, pd.DataFrame] = {}
    for name, columns in REFERENCE_COLUMNS.items():
        path = raw / "reference" / f"{name}.csv"
        rows = read_rows(path, columns)
        key = columns[0]
        seen: set[str] = set()
        for line, row in rows:
            if not row[key]:
                problems.add(path, line, f"empty {key}")
            elif row[key] in seen:
                problems.add(path, line, f"duplicate {key} {row[key]!r}")
            seen.add(row[key])
            if name == "units":
                try:
                    Unit(row["unit"], row["canonical_unit"], row["factor"], row["measure_type"])
                except ValueError as exc:
                    problems.add(path, line, str(exc))
            if "parent_code" in row and row["parent_code"] and row["parent_code"] not in {r[key] for _, r in rows}:
                problems.add(path, line, f"unknown parent_code {row['parent_code']!r}")
        records = [{**r, "parent_code": r.get("parent_code") or None, "source_line": line} for line, r in rows]
        frames[name] = pd.DataFrame(records, columns=[*columns, "source_line"])
    problems.raise_if_any()
    return frames


def load_documents(raw: Path, reference: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """documents.csv with each text file read, its hash checked and its text attached."""
    path = raw / "documents" / "documents.csv"
    problems = _Collector()
    regions = set(reference["regions"]["region_code"])
    records = []
    seen: set[str] = set()
    for line, row in read_rows(path, DOCUMENT_COLUMNS):
        if row["doc_id"] in seen:
            problems.add(path, line, f"duplicate doc_id {row['doc_id']!r}")
        seen.add(row["doc_id"])
        if row["region_code"] not in regions:
            problems.add(path, line, f"unknown region_code {row['region_code']!r}")
        try:
            pd.Timestamp.fromisoformat(row["published_on"])
        except ValueError:
            problems.add(path, line, f"published_on {row['published_on']!r} is not an ISO date")
        text_path = path.parent / row["file"]
        if not text_path.is_file():
            problems.add(path, line, f"document file {row['file']!r} not found")
            continue
        data = text_path.read_bytes()
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            problems.add(path, line, f"sha256 of {row['file']} does not match the file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            problems.add(path, line, f"{row['file']} is not UTF-8")
            continue
        records.append({**row, "text": text, "char_count": len(text), "source_line": line})
    problems.raise_if_any()
    return pd.DataFrame(records)


def load_figures(raw: Path, documents: pd.DataFrame, reference: dict[str, pd.DataFrame], approx_band: float) -> pd.DataFrame:
    """All raw/figures/*.csv, each row checked and parsed (period, bounds, quote offset)."""
    problems = _Collector()
    texts = dict(zip(documents["doc_id"], documents["text"]))
    known = {name: set(frame[frame.columns[0]]) for name, frame in reference.items()}
    units = reference["units"].set_index("unit")
    counts = {unit: measure == "count" for unit, measure in zip(reference["units"]["unit"], reference["units"]["measure_type"])}
    indicator_units = dict(zip(reference["indicators"]["indicator_code"], reference["indicators"]["canonical_unit"]))
    records = []
    seen: dict[str, Problem] = {}
    for path in sorted((raw / "figures").glob("*.csv")):
        for line, row in read_rows(path, FIGURE_COLUMNS):
            here = Problem(path, line, "")
            fid = row["figure_id"]

            def bad(reason: str) -> None:
                problems.add(path, line, f"figure {fid or '?'}: {reason}")

            if not fid:
                bad("empty figure_id")
            elif fid in seen:
                bad(f"duplicate figure_id, first at {seen[fid].path.name}:{seen[fid].line}")
            seen[fid] = here
            if row["doc_id"] != path.stem:
                bad(f"doc_id {row['doc_id']!r} does not match the file name {path.stem!r}")
            text = texts.get(row["doc_id"])
            if text is None:
                bad(f"unknown doc_id {row['doc_id']!r}")
            elif not row["quote"] or row["quote"] not in text:
                bad(f"quote not found in document {row['doc_id']}: {row['quote'][:40]!r}")
            if row["value_text"] not in row["quote"] or not row["value_text"]:
                bad(f"value_text {row['value_text']!r} not found in the quote")
            for column, table in (("region_code", "regions"), ("industry_code", "industries"), ("indicator_code", "indicators"), ("unit", "units")):
                if row[column] not in known[table]:
                    bad(f"unknown {column} {row[column]!r} (not in raw/reference/{table}.csv)")
            for column, allowed in (("qualifier", QUALIFIERS), ("kind", KINDS), ("measure", MEASURES)):
                if row[column] not in allowed:
                    bad(f"unknown {column} {row[column]!r} (expected one of {', '.join(allowed)})")
            if row["unit"] in known["units"] and row["indicator_code"] in indicator_units:
                canonical = units.loc[row["unit"], "canonical_unit"]
                expected = "percent" if row["measure"] in RATE_MEASURES else indicator_units[row["indicator_code"]]
                if canonical != expected:
                    bad(f"unit {row['unit']} ({canonical}) does not fit measure {row['measure']} of {row['indicator_code']} ({expected})")
            parsed = period = None
            try:
                parsed = parse_value_text(row["value_text"])
            except ValueError as exc:
                bad(f"value_text: {exc}")
            try:
                value = Decimal(row["value"])
            except ArithmeticError:
                bad(f"value {row['value']!r} is not a decimal number")
                value = None
            if parsed is not None and value is not None and parsed.value != value:
                bad(f"value {row['value']} does not match value_text {row['value_text']!r} (reads as {parsed.value})")
            if parsed is not None and parsed.implied_qualifier and parsed.implied_qualifier != row["qualifier"]:
                bad(f"qualifier {row['qualifier']!r} contradicts value_text {row['value_text']!r} ({parsed.implied_qualifier})")
            try:
                period = parse_period(row["period"])
            except ValueError as exc:
                bad(str(exc))
            low = high = None
            if parsed is not None and row["qualifier"] in QUALIFIERS:
                low, high = bounds(parsed, row["qualifier"], Decimal(str(approx_band)))
                if row["qualifier"] in EXACT and counts.get(row["unit"]):
                    low = high = float(parsed.value)  # 5家 is five: a count has no rounding
            records.append({
                **row,
                "value": float(value) if value is not None else None,
                "period_start": period.start if period else None,
                "period_end": period.end if period else None,
                "reported_low": low,
                "reported_high": high,
                "quote_offset": text.find(row["quote"]) if text else -1,
                "source_file": path.name,
                "source_line": line,
            })
    problems.raise_if_any()
    return pd.DataFrame(records)


def load_relations(raw: Path, figures: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All raw/relations/*.csv, and their members (relation_id, position, figure_id)."""
    problems = _Collector()
    figure_ids = set(figures["figure_id"])
    relations, members = [], []
    seen: set[str] = set()
    for path in sorted((raw / "relations").glob("*.csv")):
        for line, row in read_rows(path, RELATION_COLUMNS):
            rid = row["relation_id"]

            def bad(reason: str) -> None:
                problems.add(path, line, f"relation {rid or '?'}: {reason}")

            if not rid or rid in seen:
                bad("empty or duplicate relation_id")
            seen.add(rid)
            ids = [i.strip() for i in row["figure_ids"].split(";") if i.strip()]
            arity = RELATION_ARITY.get(row["kind"])
            if arity is None:
                bad(f"unknown kind {row['kind']!r} (expected one of {', '.join(RELATION_ARITY)})")
            elif len(ids) < arity[0] or (arity[1] is not None and len(ids) > arity[1]):
                bad(f"{row['kind']} takes {arity[0]}{'' if arity[1] == arity[0] else '+'} figure ids, got {len(ids)}")
            for fid in ids:
                if fid not in figure_ids:
                    bad(f"unknown figure id {fid!r}")
            if row["severity"] not in SEVERITIES:
                bad(f"unknown severity {row['severity']!r}")
            if row["list_open"] not in ("true", "false"):
                bad(f"list_open must be true or false, got {row['list_open']!r}")
            items = [i for i in row["items"].split("|") if i.strip()]
            if row["kind"] == "listed_count" and not items:
                bad("listed_count without items")
            relations.append({
                **row,
                "list_open": row["list_open"] == "true",
                "item_count": len(items),
                "source_file": path.name,
                "source_line": line,
            })
            members.extend({"relation_id": rid, "position": i, "figure_id": fid} for i, fid in enumerate(ids, start=1))
    problems.raise_if_any()
    return pd.DataFrame(relations), pd.DataFrame(members, columns=["relation_id", "position", "figure_id"])
