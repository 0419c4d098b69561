"""Review decisions that are not figures: raw/reviews/<doc_id>.csv (DESIGN.md, raw contracts).

A rejected candidate figure or relation is kept there with its reason, so extracting the
document again never proposes it again. A figure is named by where its value stands in the
document text (the character offset of value_text, stable because a recorded text never
changes) and by its quote, so a changed extractor that quotes differently still recognises it.
A relation is named by its kind and the offsets of its members."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from orchestration.ingest.raw_inputs import DOCUMENT_COLUMNS, read_rows

from .review_files import csv_text, line_ending, write_atomic

REVIEWS_COLUMNS = ["doc_id", "item", "kind", "offset", "value_text", "quote", "unit", "reason"]
_DIGIT = re.compile(r"[0-9０-９.,，]")


def reviews_path(raw: Path, doc_id: str) -> Path:
    return raw / "reviews" / f"{doc_id}.csv"


def document_text(raw: Path, doc_id: str) -> str | None:
    """The recorded text of a document (raw/documents), or None when it is not recorded."""
    documents = raw / "documents" / "documents.csv"
    if not documents.is_file():
        return None
    for _, row in read_rows(documents, DOCUMENT_COLUMNS):
        if row["doc_id"] == doc_id:
            path = documents.parent / row["file"]
            return path.read_bytes().decode("utf-8") if path.is_file() else None
    return None


def locate(text: str, rows: Iterable[dict[str, str]]) -> dict[str, int]:
    """figure_id → offset of value_text in the text. The quote is found first (it occurs once);
    within it, a number standing alone (not a digit of a longer number) is preferred, and
    rows sharing a quote and value_text take its occurrences in order."""
    taken: dict[tuple[str, str], int] = defaultdict(int)
    found: dict[str, int] = {}
    for row in rows:
        quote, value_text = row.get("quote", ""), row.get("value_text", "")
        start = text.find(quote) if quote else -1
        if start < 0 or not value_text:
            continue
        spots = [m.start() for m in re.finditer(re.escape(value_text), quote)]
        alone = [s for s in spots if not _touches_digit(quote, s, s + len(value_text))]
        spots = alone or spots
        if not spots:
            continue
        key = (quote, value_text)
        found[row["figure_id"]] = start + spots[min(taken[key], len(spots) - 1)]
        taken[key] += 1
    return found


def _touches_digit(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return bool(before and _DIGIT.fullmatch(before) and before not in ",，") or bool(after and after.isdigit())


def read_rejections(raw: Path, doc_id: str) -> list[dict[str, str]]:
    path = reviews_path(raw, doc_id)
    return [row for _, row in read_rows(path, REVIEWS_COLUMNS)] if path.is_file() else []


def rejection_rows(doc_id: str, text: str | None, figures: list[dict[str, str]],
                   relations: list[dict[str, str]]) -> list[dict[str, str]]:
    """raw/reviews rows for the rejected rows of a review file (status reject; the note is
    the reason). figures: every row of the review file (relations name them by id)."""
    offsets = locate(text, figures) if text is not None else {}
    by_id = {row["figure_id"]: row for row in figures}
    records = []
    for row in figures:
        if row["status"].lower() == "reject":
            records.append({"doc_id": doc_id, "item": "figure", "kind": row["kind"],
                            "offset": str(offsets.get(row["figure_id"], "")), "value_text": row["value_text"],
                            "quote": row["quote"], "unit": row["unit"], "reason": row["note"]})
    for row in relations:
        if row["status"].lower() == "reject":
            members = [m.strip() for m in row["figure_ids"].split(";") if m.strip()]
            records.append({"doc_id": doc_id, "item": "relation", "kind": row["kind"],
                            "offset": ";".join(str(offsets.get(m, "")) for m in members),
                            "value_text": ";".join(by_id[m]["value_text"] if m in by_id else m for m in members),
                            "quote": "", "unit": "", "reason": row["note"]})
    return records


def append_rejections(raw: Path, doc_id: str, records: list[dict[str, str]]) -> None:
    """Add records to raw/reviews/<doc_id>.csv, its existing bytes untouched."""
    if not records:
        return
    path = reviews_path(raw, doc_id)
    if not path.exists():
        write_atomic(path, csv_text(REVIEWS_COLUMNS, records))
        return
    text = path.read_bytes().decode("utf-8")
    newline = line_ending(path)
    if text and not text.endswith("\n"):
        text += newline
    write_atomic(path, text + csv_text(REVIEWS_COLUMNS, records, header=False, newline=newline))


def is_rejected_figure(rejections: list[dict[str, str]], offset: int, value_text: str, quote: str) -> bool:
    return any(r["item"] == "figure" and r["value_text"] == value_text and (r["offset"] == str(offset) or r["quote"] == quote)
               for r in rejections)


def is_rejected_relation(rejections: list[dict[str, str]], kind: str, offsets: list[int]) -> bool:
    key = ";".join(map(str, offsets))
    return any(r["item"] == "relation" and r["kind"] == kind and r["offset"] == key for r in rejections)
