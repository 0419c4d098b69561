"""Review files: the candidates of one document in the raw/figures format plus
`confidence`, `status` (empty, accept or reject) and `note`; and its candidate relations in
the raw/relations format plus the same three columns.

Candidates carry provisional ids (c-001, relations c-r01) so relations can name them; accept
gives accepted rows their permanent ids. Review files are work in progress: they live in
warehouse/review/ (git-ignored), not in raw/, whose files start builds when they change."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from orchestration import settings
from orchestration.ingest.raw_inputs import FIGURE_COLUMNS, RELATION_COLUMNS

from .codes import CodeProposer
from .extractor import Extraction
from .memory import RECALLED_NOTE, CodeMemory, fill_in

REVIEW_EXTRA = ["confidence", "status", "note"]
REVIEW_COLUMNS = [*FIGURE_COLUMNS, *REVIEW_EXTRA]
RELATION_REVIEW_COLUMNS = [*RELATION_COLUMNS, *REVIEW_EXTRA]
STATUSES = ("", "accept", "reject")
CANDIDATE_PREFIX = "c-"


def default_review_dir() -> Path:
    return settings.warehouse_dir() / "review"


def review_paths(review_dir: Path, doc_id: str) -> tuple[Path, Path]:
    """(figures review file, relations review file) of a document."""
    return review_dir / f"{doc_id}.csv", review_dir / f"{doc_id}.relations.csv"


def relations_path_for(review_file: Path) -> Path:
    return review_file.with_name(f"{review_file.stem}.relations.csv")


def candidate_rows(extraction: Extraction, doc_id: str, region_code: str, proposer: CodeProposer | None = None,
                   memory: CodeMemory | None = None) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Review rows for the figures and the relations of one extraction (codes from the
    proposer's rules, filled in from the memory of accepted figures)."""
    ids = [f"{CANDIDATE_PREFIX}{i:03d}" for i in range(1, len(extraction.candidates) + 1)]
    document_industry = proposer.document_industry(extraction.title, region_code) if proposer else ""
    indicators = proposer.propose_indicators(extraction.candidates, extraction.text, extraction.title) if proposer \
        else [""] * len(extraction.candidates)
    industries = proposer.in_region(region_code).propose_industries(extraction.candidates, document_industry,
                                                                            extraction.text) if proposer \
        else [""] * len(extraction.candidates)
    codes = fill_in(memory, extraction.candidates, industries, indicators,
                    ("", proposer.all_industries if proposer else ""))
    figures = []
    for fid, c, (industry, indicator, recalled) in zip(ids, extraction.candidates, codes):
        figures.append({
            "figure_id": fid, "doc_id": doc_id, "quote": c.quote, "value_text": c.value_text, "value": str(c.value),
            "unit": c.unit, "qualifier": c.qualifier, "kind": c.kind, "period": c.period,
            "region_code": proposer.region(c, region_code) if proposer else region_code,
            "industry_code": industry,
            "indicator_code": indicator,
            "measure": c.measure, "subject_zh": c.subject, "confidence": f"{c.confidence:.2f}", "status": "",
            "note": "; ".join([*c.notes, *([RECALLED_NOTE] if recalled else [])]),
        })
    relations = []
    for n, r in enumerate(extraction.relations, start=1):
        relations.append({
            "relation_id": f"{CANDIDATE_PREFIX}r{n:02d}", "doc_id": doc_id, "kind": r.kind,
            "figure_ids": ";".join(ids[m] for m in r.members), "items": "|".join(r.items),
            "list_open": "true" if r.list_open else "false", "severity": "error", "reason": r.reason,
            "confidence": f"{r.confidence:.2f}", "status": "", "note": "",
        })
    return figures, relations


def csv_text(columns: list[str], rows: Iterable[dict[str, str]], header: bool = True, newline: str = "\r\n") -> str:
    """CSV as the raw/ files write it (standard quoting; the line ending of the file)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator=newline, extrasaction="ignore")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_atomic(path: Path, content: str) -> None:
    """Write beside the target and rename over it: a reader sees the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_review(review_dir: Path, doc_id: str, figures: list[dict[str, str]],
                 relations: list[dict[str, str]]) -> tuple[Path, Path]:
    figures_path, relations_path = review_paths(review_dir, doc_id)
    write_atomic(figures_path, csv_text(REVIEW_COLUMNS, figures))
    write_atomic(relations_path, csv_text(RELATION_REVIEW_COLUMNS, relations))
    return figures_path, relations_path


def line_ending(path: Path) -> str:
    """The line ending a CSV file uses (\\r\\n for csv-module files, \\n for hand-written ones)."""
    with path.open("rb") as handle:
        first = handle.readline()
    return "\r\n" if first.endswith(b"\r\n") else "\n"
