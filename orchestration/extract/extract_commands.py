"""The extraction subcommands of `regstat`: extract, add-document, accept, eval-extract.
Kept apart from orchestration/commands.py, which only registers and dispatches them."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from orchestration.ingest.raw_inputs import RawDataError

COMMANDS = ("extract", "add-document", "accept", "reextract", "eval-extract")


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from None


def add_commands(commands: argparse._SubParsersAction) -> None:
    ex = commands.add_parser("extract", help="candidate figures of a document text, as review CSV (stdout or --output)")
    ex.add_argument("document", type=Path, help="UTF-8 text file")
    ex.add_argument("--published", type=_date, help="publication date (default: read from the text)")
    ex.add_argument("--region", default="", help="region_code to propose for every row")
    ex.add_argument("--doc-id", help="doc_id of the rows (default: from the file name)")
    ex.add_argument("--output", type=Path, help="write the figures here (and relations beside it) instead of stdout")
    add = commands.add_parser("add-document", help="copy a text into raw/documents and write its candidates for review")
    add.add_argument("document", type=Path)
    add.add_argument("--region", required=True, help="region_code (raw/reference/regions.csv)")
    add.add_argument("--published", required=True, type=_date, help="publication date, YYYY-MM-DD")
    add.add_argument("--doc-id", help="stable slug (default: from the file name)")
    add.add_argument("--title", help="default: the first line of the text that is a title, not page furniture")
    add.add_argument("--publisher", default="")
    add.add_argument("--source", default="", help="the web page the text was copied from (documents.csv source)")
    add.add_argument("--review-dir", type=Path, help="default: warehouse/review/")
    acc = commands.add_parser("accept", help="move accepted review rows into raw/figures (validated as ingest does)")
    acc.add_argument("review_file", type=Path)
    acc.add_argument("--id-prefix", help="figure id prefix for a document's first figures (default: its doc_id)")
    again = commands.add_parser("reextract", help="propose a recorded document's candidates again, less those "
                                "rejected (raw/reviews/) or accepted before")
    again.add_argument("doc_id")
    again.add_argument("--review-dir", type=Path, help="default: warehouse/review/")
    ev = commands.add_parser("eval-extract", help="precision/recall of the extractor against curated figures")
    ev.add_argument("raw_dirs", nargs="*", type=Path, help="folders in the raw/ layout (default: raw/ and the held-out fixture)")
    ev.add_argument("--seen", type=Path, help="doc_ids looked at while developing the rules (one a line): reported apart")


def run(args: argparse.Namespace) -> int:
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "add-document":
            return _add_document(args)
        if args.command == "accept":
            return _accept(args)
        if args.command == "reextract":
            return _reextract(args)
        from .evaluate import main as evaluate

        return evaluate([str(p) for p in args.raw_dirs] + (["--seen", str(args.seen)] if args.seen else []))
    except RawDataError as exc:
        print(f"regstat {args.command}: nothing changed.\n{exc}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"regstat {args.command}: {exc}", file=sys.stderr)
        return 2


def _extract(args: argparse.Namespace) -> int:
    from orchestration import settings
    from orchestration.ingest.raw_inputs import load_reference

    from .codes import CodeProposer
    from .extractor import extract
    from .memory import learn_from_raw
    from .review_files import RELATION_REVIEW_COLUMNS, REVIEW_COLUMNS, candidate_rows, csv_text, write_atomic

    text = args.document.read_text(encoding="utf-8")
    extraction = extract(text, args.published)
    doc_id = args.doc_id or args.document.stem
    proposer = CodeProposer(load_reference(settings.raw_dir()))
    memory = learn_from_raw(settings.raw_dir(), proposer.regions.place_names)
    figures, relations = candidate_rows(extraction, doc_id, args.region, proposer, memory)
    if args.output:
        write_atomic(args.output, csv_text(REVIEW_COLUMNS, figures))
        relations_path = args.output.with_name(f"{args.output.stem}.relations.csv")
        write_atomic(relations_path, csv_text(RELATION_REVIEW_COLUMNS, relations))
        print(f"{args.output}: {len(figures)} candidate figures; {relations_path}: {len(relations)} candidate relations",
              file=sys.stderr)
    else:
        sys.stdout.write(csv_text(REVIEW_COLUMNS, figures, newline="\n"))
    low = sum(c.confidence < 0.7 for c in extraction.candidates)
    assumed = " (ASSUMED: no date in the text; give --published after checking it)" if extraction.published_assumed else ""
    print(f"{len(figures)} candidates ({low} below confidence 0.7), {len(relations)} candidate relations; "
          f"published {extraction.published}{assumed}", file=sys.stderr)
    return 0


def _add_document(args: argparse.Namespace) -> int:
    from .workflow import add_document

    added = add_document(args.document, args.region, args.published, doc_id=args.doc_id, title=args.title,
                         publisher=args.publisher, source_url=args.source, review_dir=args.review_dir)
    print(f"added {added.doc_id}: {added.text_path}")
    print(f"{added.candidates} candidate figures: {added.review_path}")
    print(f"{added.relations} candidate relations: {added.relations_review_path}")
    print("Review: set status to accept or reject, correct values and fill empty codes, then run\n"
          f"  regstat accept {added.review_path}")
    return 0


def _accept(args: argparse.Namespace) -> int:
    from .workflow import accept

    done = accept(args.review_file, id_prefix=args.id_prefix)
    ids = sorted(done.new_ids.values())
    span = f" ({ids[0]} … {ids[-1]})" if ids else ""
    print(f"{done.doc_id}: {len(ids)} figures accepted{span} into {done.figures_path}, {done.relations} relations, "
          f"{done.rejected} rejected, {done.pending} still to review in {args.review_file}")
    return 0


def _reextract(args: argparse.Namespace) -> int:
    from .workflow import reextract

    added = reextract(args.doc_id, review_dir=args.review_dir)
    print(f"{added.candidates} candidate figures (none rejected or accepted before): {added.review_path}")
    print(f"{added.relations} candidate relations: {added.relations_review_path}")
    return 0
