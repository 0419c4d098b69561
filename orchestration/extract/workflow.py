"""The review workflow: add a document (text into raw/documents, its candidates into a
review file) and accept reviewed rows (into raw/figures and raw/relations).

Both validate with the ingest code (orchestration.ingest.raw_inputs) and change nothing when
anything is wrong; every problem is reported as file:line: reason."""

from __future__ import annotations

import datetime
import hashlib
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from orchestration import settings
from orchestration.ingest.raw_inputs import (
    DOCUMENT_COLUMNS,
    FIGURE_COLUMNS,
    RELATION_COLUMNS,
    Problem,
    RawDataError,
    load_documents,
    load_figures,
    load_reference,
    load_relations,
    read_rows,
)

from .codes import CodeProposer
from .extractor import Extraction, extract
from .memory import learn_from_raw
from .rejections import (
    append_rejections,
    document_text,
    is_rejected_figure,
    is_rejected_relation,
    locate,
    read_rejections,
    rejection_rows,
)
from .review_files import (
    RELATION_REVIEW_COLUMNS,
    REVIEW_COLUMNS,
    STATUSES,
    candidate_rows,
    csv_text,
    default_review_dir,
    line_ending,
    relations_path_for,
    review_paths,
    write_atomic,
    write_review,
)

_DOC_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_FIGURE_ID = re.compile(r"(?P<prefix>.+)-(?P<n>[0-9]+)")
_RELATION_ID = re.compile(r"(?P<prefix>.+)-r(?P<n>[0-9]+)")
# Columns an accepted row must have filled in (figure_id is assigned by accept).
REQUIRED = [c for c in FIGURE_COLUMNS if c != "figure_id"]


@dataclass(frozen=True)
class AddedDocument:
    doc_id: str
    text_path: Path
    review_path: Path
    relations_review_path: Path
    candidates: int
    relations: int


@dataclass(frozen=True)
class Accepted:
    doc_id: str
    figures_path: Path
    new_ids: dict[str, str]  # candidate id → figure id
    rejected: int
    pending: int
    relations: int


def _fail(path: Path, line: int, reason: str) -> RawDataError:
    return RawDataError([Problem(path, line, reason)])


def add_document(source: Path, region: str, published: datetime.date, *, doc_id: str | None = None,
                 title: str | None = None, publisher: str = "", source_url: str = "", raw: Path | None = None,
                 review_dir: Path | None = None) -> AddedDocument:
    """Copy the text byte for byte to raw/documents/<doc_id>.txt, record it in documents.csv
    with its sha256 and where it came from (source_url, else the file's name), and write its
    candidates to <review_dir>/<doc_id>.csv."""
    raw = raw or settings.raw_dir()
    review_dir = review_dir or default_review_dir()
    reference = load_reference(raw)
    documents_csv = raw / "documents" / "documents.csv"
    if not source.is_file():
        raise _fail(source, 0, "file not found")
    data = source.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(source, 0, f"not UTF-8: {exc.reason} at byte {exc.start}") from exc
    doc_id = doc_id or re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-")
    if not _DOC_ID.fullmatch(doc_id):
        raise _fail(source, 0, f"cannot make a doc_id from the file name ({doc_id!r}): give --doc-id (a-z, 0-9, -)")
    if region not in set(reference["regions"]["region_code"]):
        raise _fail(raw / "reference" / "regions.csv", 0, f"unknown region_code {region!r}")
    sha = hashlib.sha256(data).hexdigest()
    target = raw / "documents" / f"{doc_id}.txt"
    for line, row in read_rows(documents_csv, DOCUMENT_COLUMNS):
        if row["doc_id"] == doc_id:
            raise _fail(documents_csv, line, f"doc_id {doc_id!r} is already recorded")
        if row["sha256"] == sha:
            raise _fail(documents_csv, line, f"this text is already recorded as {row['doc_id']!r}")
    if target.exists():
        raise _fail(target, 0, "a document file of this name already exists")

    extraction = without_decided(extract(text, published), raw, doc_id, text)
    # the title given (the curator's) names the document's industry better than a guessed one
    proposer = CodeProposer(reference)
    figures, relations = candidate_rows(replace(extraction, title=title or extraction.title), doc_id, region,
                                        proposer, learn_from_raw(raw, proposer.regions.place_names))
    title = title or extraction.title or doc_id
    record = {"doc_id": doc_id, "file": target.name, "title": title, "publisher": publisher, "region_code": region,
              "published_on": published.isoformat(), "source": source_url or source.name, "sha256": sha}

    before = documents_csv.read_bytes()
    shutil.copyfile(source, target)
    try:
        newline = line_ending(documents_csv)
        separator = "" if before.endswith(b"\n") else newline
        write_atomic(documents_csv, before.decode("utf-8") + separator +
                     csv_text(DOCUMENT_COLUMNS, [record], header=False, newline=newline))
        load_documents(raw, reference)  # the same check ingest makes (hash, date, region)
    except BaseException:
        target.unlink(missing_ok=True)
        documents_csv.write_bytes(before)
        raise
    review_path, relations_path = write_review(review_dir, doc_id, figures, relations)
    return AddedDocument(doc_id, target, review_path, relations_path, len(figures), len(relations))


def without_decided(extraction: Extraction, raw: Path, doc_id: str, text: str) -> Extraction:
    """The extraction less what was decided before: candidates rejected in raw/reviews/<doc_id>.csv
    (with their reason) or already curated in raw/figures/<doc_id>.csv, and relations that
    were rejected or name a candidate left out."""
    rejections = read_rejections(raw, doc_id)
    figures_path = raw / "figures" / f"{doc_id}.csv"
    curated = [row for _, row in read_rows(figures_path, FIGURE_COLUMNS)] if figures_path.exists() else []
    taken = {(offset, row["value_text"]) for row in curated
             if (offset := locate(text, [row]).get(row["figure_id"])) is not None}
    kept = [i for i, c in enumerate(extraction.candidates)
            if not is_rejected_figure(rejections, c.start, c.value_text, c.quote) and (c.start, c.value_text) not in taken]
    index = {old: new for new, old in enumerate(kept)}
    relations = [replace(r, members=tuple(index[m] for m in r.members)) for r in extraction.relations
                 if all(m in index for m in r.members)
                 and not is_rejected_relation(rejections, r.kind, [extraction.candidates[m].start for m in r.members])]
    return replace(extraction, candidates=[extraction.candidates[i] for i in kept], relations=relations)


def reextract(doc_id: str, raw: Path | None = None, review_dir: Path | None = None) -> AddedDocument:
    """Propose a recorded document's candidates again (after the extractor or the reference
    tables changed), less everything decided before; replaces its review files."""
    raw = raw or settings.raw_dir()
    review_dir = review_dir or default_review_dir()
    reference = load_reference(raw)
    documents_csv = raw / "documents" / "documents.csv"
    record = next((row for _, row in read_rows(documents_csv, DOCUMENT_COLUMNS) if row["doc_id"] == doc_id), None)
    text = document_text(raw, doc_id)
    if record is None or text is None:
        raise _fail(documents_csv, 0, f"doc_id {doc_id!r} is not recorded (add it with add-document)")
    for path, columns in zip(review_paths(review_dir, doc_id), (REVIEW_COLUMNS, RELATION_REVIEW_COLUMNS)):
        decided = [line for line, row in read_rows(path, columns) if row["status"]] if path.exists() else []
        if decided:  # replacing the file would lose them
            raise _fail(path, decided[0], "decided rows not yet accepted: run accept first (or clear their status)")
    extraction = without_decided(extract(text, datetime.date.fromisoformat(record["published_on"])), raw, doc_id, text)
    proposer = CodeProposer(reference)
    figures, relations = candidate_rows(extraction, doc_id, record["region_code"], proposer,
                                        learn_from_raw(raw, proposer.regions.place_names))
    review_path, relations_path = write_review(review_dir, doc_id, figures, relations)
    return AddedDocument(doc_id, raw / "documents" / record["file"], review_path, relations_path,
                         len(figures), len(relations))


def accept(review_file: Path, raw: Path | None = None, id_prefix: str | None = None) -> Accepted:
    """Move the rows marked `accept` into raw/figures/<doc_id>.csv (and accepted relations into
    raw/relations/<doc_id>.csv) with permanent ids, drop the rows marked `reject`, and keep the
    rest in the review files. All or nothing: on any problem nothing changes and
    RawDataError lists each as file:line: reason."""
    raw = raw or settings.raw_dir()
    relations_file = relations_path_for(review_file)
    rows = read_rows(review_file, REVIEW_COLUMNS)
    relation_rows = read_rows(relations_file, RELATION_REVIEW_COLUMNS) if relations_file.exists() else []
    if not rows and not relation_rows:  # everything was accepted or rejected before
        return Accepted(review_file.stem, raw / "figures" / f"{review_file.stem}.csv", {}, 0, 0, 0)
    problems: list[Problem] = []
    doc_id = _document_of(review_file, rows, relation_rows)
    figures_path = raw / "figures" / f"{doc_id}.csv"
    relations_path = raw / "relations" / f"{doc_id}.csv"
    existing = read_rows(figures_path, FIGURE_COLUMNS) if figures_path.exists() else []
    existing_relations = read_rows(relations_path, RELATION_COLUMNS) if relations_path.exists() else []

    for path, checked in ((review_file, rows), (relations_file, relation_rows)):
        problems += [Problem(path, line, f"status {row['status']!r}: expected accept, reject or empty")
                     for line, row in checked if row["status"].lower() not in STATUSES]
    accepted = [(line, row) for line, row in rows if row["status"].lower() == "accept"]
    for line, row in accepted:
        missing = [c for c in REQUIRED if not row[c]]
        if missing:
            problems.append(Problem(review_file, line, f"row {row['figure_id']} is accepted but {', '.join(missing)} "
                                    f"{'is' if len(missing) == 1 else 'are'} empty: fill in or reject the row"))

    prefix, next_n = _next_id(figures_path, [r["figure_id"] for _, r in existing], _FIGURE_ID, id_prefix or doc_id)
    new_ids = {row["figure_id"]: f"{prefix}-{next_n + k:03d}" for k, (_, row) in enumerate(accepted)}
    known_ids = {r["figure_id"] for _, r in existing} | set(new_ids.values())
    accepted_relations = []
    for line, row in relation_rows:
        if row["status"].lower() != "accept":
            continue
        ids = [new_ids.get(f.strip(), f.strip()) for f in row["figure_ids"].split(";") if f.strip()]
        unknown = [f for f in ids if f not in known_ids]
        if unknown:
            problems.append(Problem(relations_file, line, f"relation {row['relation_id']} is accepted but refers to "
                                    f"{', '.join(unknown)}, not accepted figures"))
        accepted_relations.append((line, {**row, "figure_ids": ";".join(ids)}))
    if problems:
        raise RawDataError(problems)

    r_prefix, next_r = _next_id(relations_path, [r["relation_id"] for _, r in existing_relations], _RELATION_ID, prefix)
    new_figures = [{**row, "figure_id": new_ids[row["figure_id"]]} for _, row in accepted]
    new_relations = [{**row, "relation_id": f"{r_prefix}-r{next_r + k:02d}"}
                     for k, (_, row) in enumerate(accepted_relations)]
    figures_text = _appended(figures_path, FIGURE_COLUMNS, new_figures)
    relations_text = _appended(relations_path, RELATION_COLUMNS, new_relations)
    _validate(raw, doc_id, figures_text, relations_text,
              {"figures": (review_file, [(line, row["figure_id"]) for line, row in accepted]),
               "relations": (relations_file, [(line, row["relation_id"]) for line, row in accepted_relations])})

    if new_figures:
        write_atomic(figures_path, figures_text)
    if new_relations:
        write_atomic(relations_path, relations_text)
    # rejected rows and their reasons (the note) stay in raw/reviews: never proposed again
    append_rejections(raw, doc_id, rejection_rows(doc_id, document_text(raw, doc_id), [r for _, r in rows],
                                                  [r for _, r in relation_rows]))
    pending = [r for _, r in rows if not r["status"]]
    pending_relations = [{**r, "figure_ids": ";".join(new_ids.get(f, f) for f in r["figure_ids"].split(";"))}
                         for _, r in relation_rows if not r["status"]]
    write_atomic(review_file, csv_text(REVIEW_COLUMNS, pending))
    if relations_file.exists():
        write_atomic(relations_file, csv_text(RELATION_REVIEW_COLUMNS, pending_relations))
    rejected = sum(r["status"].lower() == "reject" for _, r in rows)
    return Accepted(doc_id, figures_path, new_ids, rejected, len(pending), len(new_relations))


def _document_of(review_file: Path, rows: list[tuple[int, dict[str, str]]],
                 relation_rows: list[tuple[int, dict[str, str]]]) -> str:
    """The one doc_id of a review file (every row must name it)."""
    doc_ids = {row["doc_id"] for _, row in [*rows, *relation_rows]}
    if len(doc_ids) != 1:
        found = ", ".join(sorted(doc_ids)) or "none"
        raise _fail(review_file, 0, f"a review file holds the rows of one document; found doc_id(s): {found}")
    return doc_ids.pop()


def _next_id(path: Path, ids: list[str], pattern: re.Pattern[str], default_prefix: str) -> tuple[str, int]:
    """The prefix the file's ids use (ta in ta-021) and the next free number."""
    parsed = [m for i in ids if (m := pattern.fullmatch(i))]
    prefixes = {m["prefix"] for m in parsed}
    if len(prefixes) > 1:
        raise _fail(path, 0, f"ids use several prefixes ({', '.join(sorted(prefixes))}); cannot number new rows")
    prefix = prefixes.pop() if prefixes else default_prefix
    return prefix, max((int(m["n"]) for m in parsed), default=0) + 1


def _appended(path: Path, columns: list[str], rows: list[dict[str, str]]) -> str:
    """The file's text with rows appended, its existing bytes untouched."""
    if not path.exists():
        return csv_text(columns, rows)
    text = path.read_bytes().decode("utf-8")  # not read_text: it would turn \r\n into \n
    newline = line_ending(path)
    if text and not text.endswith("\n"):
        text += newline
    return text + csv_text(columns, rows, header=False, newline=newline)


def _validate(raw: Path, doc_id: str, figures_text: str, relations_text: str,
              origins: dict[str, tuple[Path, list[tuple[int, str]]]]) -> None:
    """Run the ingest validation on a copy of raw/ holding the new files. Problems in new rows
    are reported at their line in the review file (origins: per file, the review file and
    the (line, candidate id) of each appended row); others at their place in raw/."""
    with tempfile.TemporaryDirectory(prefix="regstat-accept-") as tmp:
        copy = Path(tmp) / "raw"
        shutil.copytree(raw, copy)
        written = {"figures": copy / "figures" / f"{doc_id}.csv", "relations": copy / "relations" / f"{doc_id}.csv"}
        for name, content in (("figures", figures_text), ("relations", relations_text)):
            written[name].parent.mkdir(parents=True, exist_ok=True)
            written[name].write_text(content, encoding="utf-8", newline="")
        try:
            reference = load_reference(copy)
            documents = load_documents(copy, reference)
            figures = load_figures(copy, documents, reference, settings.approx_band())
            load_relations(copy, figures)
        except RawDataError as exc:
            raise RawDataError([_origin(p, copy, raw, written, origins) for p in exc.problems]) from None


def _origin(problem: Problem, copy: Path, raw: Path, written: dict[str, Path],
            origins: dict[str, tuple[Path, list[tuple[int, str]]]]) -> Problem:
    for name, path in written.items():
        if problem.path != path:
            continue
        review_file, new_rows = origins[name]
        columns = FIGURE_COLUMNS if name == "figures" else RELATION_COLUMNS
        lines = [line for line, _ in read_rows(path, columns)]
        new_lines = lines[len(lines) - len(new_rows):] if new_rows else []
        if problem.line in new_lines:
            review_line, candidate = new_rows[new_lines.index(problem.line)]
            return Problem(review_file, review_line, f"{problem.reason} (review row {candidate})")
        break
    try:
        return Problem(raw / problem.path.relative_to(copy), problem.line, problem.reason)
    except ValueError:
        return problem
