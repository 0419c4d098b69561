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

from orchestration.ingest.figures import QUALIFIERS, Unit, bounds, parse_period, parse_value_text
from orchestration.ingest.figures.signs import DECLINE_WORDS, decline_word_before, declines_everywhere, split_sign

from orchestration.vocabulary import (  # noqa: F401 (re-exported for the extractor and the studio)
    CHANGE_KINDS, CHANGE_MEASURES, CHANGE_UNITS, EXACT, KINDS, MEASURES, RATE_MEASURES, RELATION_ARITY, SEVERITIES)

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
    line: int  # 0: the file as a whole
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}" if self.line else f"{self.path}: {self.reason}"


class RawDataError(ValueError):
    """One or more bad rows in raw/; the message lists each with file, line and reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in raw inputs:\n" + "\n".join(f"  {p}" for p in problems))


class Collector:
    """Problems found so far, and the files that could not be read at all (whose
    dependents are not checked: they would only echo the one problem)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.unreadable: set[Path] = set()

    def add(self, path: Path, line: int, reason: str) -> None:
        self.problems.append(Problem(path, line, reason))

    def raise_if_any(self) -> None:
        if self.problems:
            raise RawDataError(self.problems)


def read_rows(path: Path, columns: list[str], problems: Collector | None = None) -> list[tuple[int, dict[str, str]]]:
    """The rows of a UTF-8 CSV file (a byte order mark is accepted) with their line
    numbers; the header must be exactly `columns` (in any order). Every row with the
    wrong number of fields is reported. With `problems`, they are added there and the good
    rows returned; without, a RawDataError lists them."""
    own = problems is None
    collector = Collector() if problems is None else problems
    rows = _read_rows(path, columns, collector)
    if own:
        collector.raise_if_any()
    return rows


def _read_rows(path: Path, columns: list[str], problems: Collector) -> list[tuple[int, dict[str, str]]]:
    def unreadable(line: int, reason: str) -> list[tuple[int, dict[str, str]]]:
        problems.add(path, line, reason)
        problems.unreadable.add(path)
        return []

    if path.is_symlink() or not path.is_file():
        return unreadable(0, "a symbolic link, not read" if path.is_symlink() else "file not found")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return unreadable(_line_of_byte(data, exc.start), f"not UTF-8 ({exc.reason}): save the file as UTF-8")
    reader = csv.DictReader(text.splitlines(keepends=True))
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        return unreadable(1, f"not a CSV file: {exc}")
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    doubled = sorted({c for c in header if header.count(c) > 1})
    if missing or extra or doubled:
        reasons = ([f"missing column(s): {', '.join(missing)}"] if missing else []) + \
                  ([f"unexpected column(s): {', '.join(repr(c) for c in extra)}"] if extra else []) + \
                  ([f"column(s) named twice: {', '.join(doubled)}"] if doubled else [])
        return unreadable(1, "; ".join(reasons) + f" (expected {', '.join(columns)})")
    rows = []
    line = 1
    try:
        for record in reader:
            start = line + 1
            line = reader.line_num
            if None in record or any(v is None for v in record.values()):
                count = len(record) - (None in record) + len(record.get(None) or []) - sum(v is None for v in record.values())
                problems.add(path, start, f"expected {len(header)} fields, got {count}")
                continue
            rows.append((start, {k: v.strip() if k != "quote" else v for k, v in record.items()}))
    except csv.Error as exc:  # e.g. a NUL byte: the rest of the file is not CSV
        problems.add(path, reader.line_num, f"not a CSV file from here: {exc}")
    return rows


def _line_of_byte(data: bytes, offset: int) -> int:
    """The 1-based line holding byte `offset` (a decoding error's position)."""
    return data.count(b"\n", 0, offset) + 1


def load_reference(raw: Path) -> dict[str, pd.DataFrame]:
    """regions, industries, indicators and units, with keys unique and parents known."""
    problems = Collector()
    frames = reference_frames(raw, problems)
    problems.raise_if_any()
    return frames


def reference_frames(raw: Path, problems: Collector) -> dict[str, pd.DataFrame]:
    """load_reference, adding its problems to `problems` and returning what it could read."""
    frames: dict[str, pd.DataFrame] = {}
    for name, columns in REFERENCE_COLUMNS.items():
        path = raw / "reference" / f"{name}.csv"
        rows = read_rows(path, columns, problems)
        key = columns[0]
        seen: set[str] = set()
        keys = {r[key] for _, r in rows}
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
            if "parent_code" in row and row["parent_code"] and row["parent_code"] not in keys:
                problems.add(path, line, f"unknown parent_code {row['parent_code']!r}")
        records = [{**r, "parent_code": r.get("parent_code") or None, "source_line": line} for line, r in rows]
        frames[name] = pd.DataFrame(records, columns=[*columns, "source_line"])
    return frames


def load_documents(raw: Path, reference: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """documents.csv with each text file read, its hash checked and its text attached."""
    problems = Collector()
    frame = document_frame(raw, reference, problems)
    problems.raise_if_any()
    return frame


def document_frame(raw: Path, reference: dict[str, pd.DataFrame], problems: Collector) -> pd.DataFrame:
    """load_documents, adding its problems to `problems`. A document whose text cannot be
    read is a row with text None, so its figures are not reported again as unknown."""
    path = raw / "documents" / "documents.csv"
    regions = set(reference["regions"]["region_code"])
    records = []
    seen: set[str] = set()
    for line, row in read_rows(path, DOCUMENT_COLUMNS, problems):
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
        text = None
        if text_path.is_symlink() or not text_path.is_file() or text_path.parent != path.parent:
            problems.add(path, line, f"document file {row['file']!r} not found (a regular file in raw/documents/)")
        else:
            data = text_path.read_bytes()
            if hashlib.sha256(data).hexdigest() != row["sha256"]:
                problems.add(path, line, f"sha256 of {row['file']} does not match the file")
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                problems.add(path, line, f"{row['file']} is not UTF-8 ({exc.reason} on its line "
                                         f"{_line_of_byte(data, exc.start)})")
        records.append({**row, "text": text, "char_count": len(text) if text is not None else None, "source_line": line})
    return pd.DataFrame(records, columns=[*DOCUMENT_COLUMNS, "text", "char_count", "source_line"])


def load_figures(raw: Path, documents: pd.DataFrame, reference: dict[str, pd.DataFrame], approx_band: float) -> pd.DataFrame:
    """All raw/figures/*.csv, each row checked and parsed (period, bounds, quote offset)."""
    problems = Collector()
    frame = figure_frame(raw, documents, reference, approx_band, problems)
    problems.raise_if_any()
    return frame


def is_change(kind: str, measure: str, canonical_unit: str | None) -> bool:
    """A change (growth rate, increment, percentage points) may be negative; nothing else."""
    return kind in CHANGE_KINDS or measure in CHANGE_MEASURES or canonical_unit in CHANGE_UNITS


def figure_frame(raw: Path, documents: pd.DataFrame, reference: dict[str, pd.DataFrame], approx_band: float,
                 problems: Collector) -> pd.DataFrame:
    """load_figures, adding its problems to `problems`; every row is returned."""
    texts = dict(zip(documents["doc_id"], documents["text"]))
    known = {name: set(frame[frame.columns[0]]) for name, frame in reference.items()}
    units = reference["units"].set_index("unit")
    counts = {unit: measure == "count" for unit, measure in zip(reference["units"]["unit"], reference["units"]["measure_type"])}
    indicator_units = dict(zip(reference["indicators"]["indicator_code"], reference["indicators"]["canonical_unit"]))
    records = []
    seen: dict[str, Problem] = {}
    for path in sorted((raw / "figures").glob("*.csv")):
        if path.is_symlink():
            continue  # named by raw_files.not_inputs, never read
        for line, row in read_rows(path, FIGURE_COLUMNS, problems):
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
            if row["doc_id"] not in texts:
                bad(f"unknown doc_id {row['doc_id']!r}")
            elif text is None:
                pass  # its document is unreadable, reported on its documents.csv line
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
            canonical = units.loc[row["unit"], "canonical_unit"] if row["unit"] in known["units"] else None
            if canonical is not None and row["indicator_code"] in indicator_units:
                expected = "percent" if row["measure"] in RATE_MEASURES else indicator_units[row["indicator_code"]]
                if canonical in CHANGE_UNITS:  # 回落1.2个百分点: the increment of a percent series
                    if row["measure"] != "increment" or indicator_units[row["indicator_code"]] != "percent":
                        bad(f"unit {row['unit']} ({canonical}) is the increment of a percent indicator: "
                            f"measure increment, not {row['measure']} of {row['indicator_code']}")
                elif canonical != expected:
                    bad(f"unit {row['unit']} ({canonical}) does not fit measure {row['measure']} of {row['indicator_code']} ({expected})")
            parsed = period = None
            minus, magnitude_text = split_sign(row["value_text"])
            try:
                parsed = parse_value_text(magnitude_text)
            except ValueError as exc:
                bad(f"value_text: {exc}")
            try:
                value = Decimal(row["value"])
                if not value.is_finite():
                    raise ArithmeticError
            except ArithmeticError:
                bad(f"value {row['value']!r} is not a decimal number")
                value = None
            if parsed is not None and value is not None:
                if abs(value) != parsed.value:
                    bad(f"value {row['value']} does not match value_text {row['value_text']!r} (reads as {parsed.value})")
                else:
                    sign_problem = _sign_problem(row, value, minus, is_change(row["kind"], row["measure"], canonical))
                    if sign_problem:
                        bad(sign_problem)
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
                if value is not None and value < 0:  # a decline: the interval of its size, mirrored
                    low, high = -high, -low
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
    return pd.DataFrame(records)


def _sign_problem(row: dict[str, str], value: Decimal, minus: bool, change: bool) -> str | None:
    """Why the sign of `value` disagrees with its quote (docs/curation.md, "Signed
    changes"), else None: a decline (a decline word right before the value text, or a
    minus written in it) is a negative change, and only a decline is negative."""
    word = decline_word_before(row["quote"], row["value_text"])
    if minus and word:
        return f"value_text {row['value_text']!r} has a minus sign after the decline word {word!r}: write one of them"
    if value < 0:
        if not change:
            return (f"value {row['value']} is negative, but only a change (kind growth_rate, measure increment, "
                    "yoy_growth or avg_annual_growth, unit 个百分点) has a sign")
        if not (minus or word):
            return (f"value {row['value']} is negative, but no decline word ({', '.join(DECLINE_WORDS[:7])} …) stands "
                    f"right before {row['value_text']!r} in the quote")
    elif value > 0:
        if minus:
            return f"value_text {row['value_text']!r} is written with a minus sign: value must be -{row['value']}"
        if declines_everywhere(row["quote"], row["value_text"]):
            if not change:
                return (f"{word}{row['value_text']} is a decline: a change (measure increment, yoy_growth, "
                        f"avg_annual_growth or unit 个百分点) with value -{row['value']}")
            return f"{word}{row['value_text']} is a decline: value must be -{row['value']}"
    return None


def load_relations(raw: Path, figures: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All raw/relations/*.csv, and their members (relation_id, position, figure_id)."""
    problems = Collector()
    frames = relation_frames(raw, figures, problems)
    problems.raise_if_any()
    return frames


def relation_frames(raw: Path, figures: pd.DataFrame, problems: Collector) -> tuple[pd.DataFrame, pd.DataFrame]:
    """load_relations, adding its problems to `problems`."""
    figure_ids = set(figures["figure_id"]) if len(figures) else set()
    relations, members = [], []
    restatements: list[_Restatement] = []
    seen: set[str] = set()
    for path in sorted((raw / "relations").glob("*.csv")):
        if path.is_symlink():
            continue  # named by raw_files.not_inputs, never read
        for line, row in read_rows(path, RELATION_COLUMNS, problems):
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
            elif row["kind"] == "restatement":
                restatements.append(_Restatement(rid, ids[0], ids[1], path, line))
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
    for restatement, reason in restatement_shape_problems(restatements):
        problems.add(restatement.path, restatement.line, f"relation {restatement.relation_id}: {reason}")
    return pd.DataFrame(relations), pd.DataFrame(members, columns=["relation_id", "position", "figure_id"])


@dataclass(frozen=True)
class _Restatement:
    relation_id: str
    first: str
    second: str
    path: Path
    line: int

    @property
    def where(self) -> str:
        return f"{self.relation_id} ({self.path.name}:{self.line})"


def restatement_shape_problems(restatements: list[_Restatement]) -> list[tuple[_Restatement, str]]:
    """A restatement ties a later statement to the first statement of its fact: never to
    itself, never in a cycle, each later statement to one first statement, and the first
    statement is not itself a restatement (fct_figure keeps the first, so a chain would
    hang a fact on a statement that is dropped)."""
    found: list[tuple[_Restatement, str]] = []
    by_second: dict[str, _Restatement] = {}
    for r in restatements:
        if r.first == r.second:
            found.append((r, f"{r.first} restates itself"))
        elif r.second in by_second:
            other = by_second[r.second]
            found.append((r, f"{r.second} is already a restatement of {other.first} in {other.where}: "
                             "a statement restates one first statement"))
        else:
            by_second[r.second] = r
    for r in by_second.values():
        if r.first not in by_second:
            continue
        path, figure = [r.second], r.first
        while figure in by_second and figure not in path:
            path.append(figure)
            figure = by_second[figure].first
        if figure == r.second:
            cycle = " restates ".join([*path, r.second])
            found.append((r, f"restatement cycle: {cycle}; one statement must be the first"))
        else:
            earlier = by_second[r.first]
            found.append((r, f"{r.first} is itself a restatement of {earlier.first} ({earlier.where}): "
                             f"tie {r.second} to the first statement {figure}"))
    return sorted(found, key=lambda item: (item[0].path, item[0].line))
