"""The studio's subcommands of `regstat`: `review` (start the page) and `reference add`
(a missing region, industry, indicator or unit, validated as ingest validates)."""

from __future__ import annotations

import argparse
import sys

from orchestration.ingest.raw_inputs import REFERENCE_COLUMNS, RawDataError

COMMANDS = ("review", "reference")


def add_commands(commands: argparse._SubParsersAction) -> None:
    review = commands.add_parser("review", help="the review studio: a local web page from document text to warehouse")
    review.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (0: a free one; default 8765)")
    ref = commands.add_parser("reference", help="reference tables: add a missing row (validated as ingest does)")
    actions = ref.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="append one row to raw/reference/<table>.csv")
    tables = add.add_subparsers(dest="table", required=True)
    from .reference import OPTIONAL, TABLES

    for singular, table in TABLES.items():
        parser = tables.add_parser(singular, help=f"a row of raw/reference/{table}.csv")
        for column in REFERENCE_COLUMNS[table]:
            parser.add_argument(f"--{column.replace('_', '-')}", dest=column, required=column not in OPTIONAL,
                                default="")


def run(args: argparse.Namespace) -> int:
    if args.command == "review":
        from .server import serve

        try:
            serve(args.port)
        except OSError as exc:
            print(f"regstat review: {exc}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            pass
        return 0
    from orchestration import settings

    from .reference import add_reference, table_name

    table = table_name(args.table)
    values = {c: getattr(args, c) for c in REFERENCE_COLUMNS[table]}
    try:
        path, line = add_reference(settings.raw_dir(), table, values)
    except RawDataError as exc:
        print(f"regstat reference add: nothing changed.\n{exc}", file=sys.stderr)
        return 1
    print(f"added {values[REFERENCE_COLUMNS[table][0]]} to {path}:{line}")
    return 0
