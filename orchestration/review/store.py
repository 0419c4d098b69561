"""What the studio reads and writes: the documents of raw/, each one's review files
(warehouse/review/<doc_id>.csv and .relations.csv, the files `regstat add-document` writes)
and its curated rows. Every save carries the version (a hash of both review files) it was
made from; a save from a stale version is refused, so two tabs never overwrite each other."""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orchestration import settings
from orchestration.extract.rejections import document_text, locate, read_rejections
from orchestration.extract.review_files import (
    RELATION_REVIEW_COLUMNS,
    REVIEW_COLUMNS,
    STATUSES,
    csv_text,
    default_review_dir,
    review_paths,
    write_atomic,
)
from orchestration.ingest.figures import parse_value_text
from orchestration.ingest.raw_inputs import (
    DOCUMENT_COLUMNS,
    FIGURE_COLUMNS,
    REFERENCE_COLUMNS,
    RELATION_COLUMNS,
    Problem,
    RawDataError,
    read_rows,
)

# One writer at a time inside the server: the version check and the write are one step.
WRITE_LOCK = threading.Lock()

# A document's kind, read from its title (documents.csv has none): the genre decides what
# figures to expect (a communiqué reports actuals, a plan states targets).
_KINDS = (("公报", "communiqué"), ("实录", "briefing"), ("发布会", "briefing"), ("问答", "briefing"),
          ("方案", "plan"), ("规划", "plan"), ("意见", "plan"), ("通知", "notice"), ("报告", "report"),
          ("通报", "report"))
_CLAUSE_END = "。；;！？!?\n"
_CLAUSE_START = "。；;！？!?\n，,："


class StaleVersion(Exception):
    """The review files changed since the page read them (another tab, or the CLI)."""


@dataclass(frozen=True)
class Paths:
    raw: Path
    review_dir: Path

    @classmethod
    def default(cls) -> Paths:
        return cls(settings.raw_dir(), default_review_dir())

    def review(self, doc_id: str) -> tuple[Path, Path]:
        return review_paths(self.review_dir, doc_id)


def document_kind(title: str) -> str:
    return next((kind for word, kind in _KINDS if word in title), "other")


def documents(paths: Paths) -> list[dict[str, str]]:
    return [row for _, row in read_rows(paths.raw / "documents" / "documents.csv", DOCUMENT_COLUMNS)]


def document(paths: Paths, doc_id: str) -> dict[str, str]:
    found = next((row for row in documents(paths) if row["doc_id"] == doc_id), None)
    if found is None:
        raise KeyError(doc_id)
    return found


def version(paths: Paths, doc_id: str) -> str:
    digest = hashlib.sha256()
    for path in paths.review(doc_id):
        digest.update(path.read_bytes() if path.exists() else b"-")
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def review_rows(paths: Paths, doc_id: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    figures_path, relations_path = paths.review(doc_id)
    figures = [row for _, row in read_rows(figures_path, REVIEW_COLUMNS)] if figures_path.exists() else []
    relations = [row for _, row in read_rows(relations_path, RELATION_REVIEW_COLUMNS)] if relations_path.exists() else []
    return figures, relations


def curated_rows(paths: Paths, doc_id: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    figures_path = paths.raw / "figures" / f"{doc_id}.csv"
    relations_path = paths.raw / "relations" / f"{doc_id}.csv"
    figures = [row for _, row in read_rows(figures_path, FIGURE_COLUMNS)] if figures_path.exists() else []
    relations = [row for _, row in read_rows(relations_path, RELATION_COLUMNS)] if relations_path.exists() else []
    return figures, relations


def review_state(figures: list[dict[str, str]], relations: list[dict[str, str]], curated: int) -> str:
    """new (nothing decided), in review (some decided or some curated, some pending) or
    accepted (curated, nothing pending)."""
    pending = figures or relations
    if not pending:
        return "accepted" if curated else "new"
    decided = any(row["status"] for row in [*figures, *relations])
    return "in review" if decided or curated else "new"


def summaries(paths: Paths, checks: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """One row per document for the documents list."""
    regions = _names(paths.raw / "reference", "regions")
    rows = []
    for record in documents(paths):
        doc_id = record["doc_id"]
        figures, relations = review_rows(paths, doc_id)
        curated, _ = curated_rows(paths, doc_id)
        rows.append({**record, "region_name": regions.get(record["region_code"], ""),
                     "kind": document_kind(record["title"]), "curated": len(curated),
                     "pending": sum(not r["status"] for r in figures), "decided": sum(bool(r["status"]) for r in figures),
                     "state": review_state(figures, relations, len(curated)),
                     "checks": checks.get(doc_id, {})})
    return rows


def _names(folder: Path, table: str) -> dict[str, str]:
    """code → Chinese name of a reference table (read with its whole contract of columns)."""
    path, columns = folder / f"{table}.csv", REFERENCE_COLUMNS[table]
    if not path.is_file():
        return {}
    return {row[columns[0]]: row.get("name_zh", "") for _, row in read_rows(path, columns)}


def state(paths: Paths, doc_id: str) -> dict[str, Any]:
    """Everything the document page shows: text, candidates with where they stand in it,
    curated rows, rejected ones, and the version saves must quote."""
    record = document(paths, doc_id)
    text = document_text(paths.raw, doc_id) or ""
    figures, relations = review_rows(paths, doc_id)
    curated, curated_relations = curated_rows(paths, doc_id)
    return {
        "doc": {**record, "kind": document_kind(record["title"])},
        "text": text,
        "version": version(paths, doc_id),
        "figures": _placed(text, figures),
        "relations": relations,
        "curated": _placed(text, curated),
        "curated_relations": curated_relations,
        "rejected": read_rejections(paths.raw, doc_id),
        "state": review_state(figures, relations, len(curated)),
    }


def _placed(text: str, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    offsets = locate(text, rows)
    placed = []
    for row in rows:
        start = offsets.get(row["figure_id"])
        placed.append({**row, "start": start, "end": None if start is None else start + len(row["value_text"])})
    return placed


def _check_version(paths: Paths, doc_id: str, expected: str) -> None:
    current = version(paths, doc_id)
    if expected != current:
        raise StaleVersion(f"the review of {doc_id} changed since this page read it (another tab or the CLI "
                           f"saved it: version {current}, this page has {expected}); reload to see it — "
                           "this change was not saved")


def save(paths: Paths, doc_id: str, expected: str, figures: list[dict[str, Any]],
         relations: list[dict[str, Any]]) -> str:
    """Write both review files from the page's rows if nobody saved in between; the new version."""
    document(paths, doc_id)
    figures_path, relations_path = paths.review(doc_id)
    problems = [Problem(figures_path, n, f"status {row.get('status')!r}: expected accept, reject or empty")
                for n, row in enumerate(figures, start=2) if str(row.get("status", "")).lower() not in STATUSES]
    problems += [Problem(figures_path, n, f"row {row.get('figure_id')}: doc_id {row.get('doc_id')!r} is not {doc_id!r}")
                 for n, row in enumerate(figures, start=2) if row.get("doc_id") != doc_id]
    if problems:
        raise RawDataError(problems)
    with WRITE_LOCK:
        _check_version(paths, doc_id, expected)
        write_atomic(figures_path, csv_text(REVIEW_COLUMNS, [_strings(r, REVIEW_COLUMNS) for r in figures]))
        write_atomic(relations_path, csv_text(RELATION_REVIEW_COLUMNS,
                                              [_strings(r, RELATION_REVIEW_COLUMNS) for r in relations]))
        return version(paths, doc_id)


def _strings(row: dict[str, Any], columns: list[str]) -> dict[str, str]:
    return {c: "" if row.get(c) is None else str(row[c]) for c in columns}


def missed_figure(paths: Paths, doc_id: str, start: int, end: int) -> dict[str, str]:
    """A candidate row for a figure the extractor missed, from the selected characters: the
    quote is its clause (widened until it occurs once), the unit the longest unit of
    raw/reference/units.csv right after it; the rest for the reviewer to set."""
    record = document(paths, doc_id)
    text = document_text(paths.raw, doc_id) or ""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"selection {start}..{end} is outside the text ({len(text)} characters)")
    value_text = text[start:end].strip()
    try:
        parsed = parse_value_text(value_text)
    except ValueError as exc:
        raise ValueError(f"{value_text!r} is not a number as written: {exc}") from None
    units = [row["unit"] for _, row in read_rows(paths.raw / "reference" / "units.csv", REFERENCE_COLUMNS["units"])]
    unit = max((u for u in units if text.startswith(u, end)), key=len, default="")
    clause_from = max((text.rfind(c, 0, start) for c in _CLAUSE_START), default=-1) + 1
    clause_to = min((i for c in _CLAUSE_END if (i := text.find(c, end)) >= 0), default=len(text))
    while text.count(text[clause_from:clause_to]) > 1:  # widen until the quote occurs once
        if clause_from > 0:
            clause_from = max((text.rfind(c, 0, clause_from - 1) for c in _CLAUSE_START), default=-1) + 1
        elif clause_to < len(text):
            clause_to = min((i for c in _CLAUSE_END if (i := text.find(c, clause_to + 1)) >= 0), default=len(text))
        else:
            break
    years = re.findall(r"((?:19|20)\d{2})年", text[clause_from:start])
    return {"doc_id": doc_id, "quote": text[clause_from:clause_to], "value_text": value_text,
            "value": str(parsed.value), "unit": unit, "qualifier": parsed.implied_qualifier or "exact",
            "kind": "actual", "period": years[-1] if years else record["published_on"][:4],
            "region_code": record["region_code"], "industry_code": "", "indicator_code": "", "measure": "level",
            "subject_zh": "", "confidence": "1.00", "status": "", "note": "added by the reviewer"}


def add_missed(paths: Paths, doc_id: str, expected: str, start: int, end: int) -> str:
    row = missed_figure(paths, doc_id, start, end)
    with WRITE_LOCK:
        _check_version(paths, doc_id, expected)
        figures, relations = review_rows(paths, doc_id)
        taken = [int(m[1]) for r in figures if (m := re.fullmatch(r"c-(\d+)", r["figure_id"]))]
        row["figure_id"] = f"c-{max(taken, default=0) + 1:03d}"
        figures_path, relations_path = paths.review(doc_id)
        write_atomic(figures_path, csv_text(REVIEW_COLUMNS, [*figures, row]))
        if not relations_path.exists():
            write_atomic(relations_path, csv_text(RELATION_REVIEW_COLUMNS, relations))
        return row["figure_id"]


def problems_by_row(paths: Paths, doc_id: str, error: RawDataError) -> list[dict[str, Any]]:
    """accept's problems, each tied to the review row (figure or relation id) it names."""
    figures_path, relations_path = paths.review(doc_id)
    ids: dict[tuple[Path, int], tuple[str, str]] = {}
    for path, columns, key, item in ((figures_path, REVIEW_COLUMNS, "figure_id", "figure"),
                                     (relations_path, RELATION_REVIEW_COLUMNS, "relation_id", "relation")):
        if path.exists():
            ids.update({(path, line): (item, row[key]) for line, row in read_rows(path, columns)})
    listed = []
    for p in error.problems:
        item, row_id = ids.get((p.path, p.line), ("file", ""))
        listed.append({"item": item, "id": row_id, "file": str(p.path), "line": p.line, "reason": p.reason,
                       "text": str(p)})
    return listed
