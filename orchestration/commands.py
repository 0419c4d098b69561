"""`regstat`: build the warehouse through Dagster and ask the published warehouse common
questions. Every query command opens the published file read-only."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

# Only light modules here: `regstat build` with nothing changed answers before Dagster, dbt,
# Great Expectations or pandas are imported (seconds of imports); each command imports what
# it needs.
from orchestration import settings

if TYPE_CHECKING:
    import pandas as pd

    from orchestration.pipeline import build_log
    from orchestration.reporting.failures import StepFailure
    from orchestration.reporting.query_filters import Dimension


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def prepare_dbt_manifest() -> None:
    """Parse the dbt project in this process (partially, when dbt's saved state is
    current) so the dbt assets can load (a fresh clone has no manifest); the build's dbt
    invocations reuse the parsed manifest."""
    from orchestration.pipeline import dbt_runner

    dbt_runner.manifest(settings.DUCKDB_TARGET)


def run_build(log_level: str = "INFO", full_refresh: bool = False, engine: str | None = None,
              verbose: bool = False, force: bool = False) -> BuildOutcome:
    """Run the `nightly_build` job in process: the job the schedule runs.
    `engine` (duckdb, spark) builds the dbt models; None: REGSTAT_ENGINE, else duckdb.
    The build lock is taken first: parsing dbt writes dbt_project/target, shared by builds.
    The whole log (Dagster, dbt, Great Expectations) goes to warehouse/logs/<build_id>.log;
    the terminal shows it live only when `verbose`, else one line per step and failures.
    Unless `force` or `full_refresh`, nothing is built when, once the lock is ours, the
    published build turns out to be made from these inputs by this code (a build that held
    the lock may just have published it): the outcome names it as `unchanged`."""
    from orchestration.pipeline import build_log
    from orchestration.publish.build_lock import hold_build_lock
    from orchestration.publish.build_plan import nothing_changed

    with hold_build_lock("regstat build", settings.lock_timeout(), say=_stderr):
        if not (force or full_refresh) and (live := nothing_changed(engine or settings.default_engine(), lock_held=True)):
            return BuildOutcome(True, "", [], unchanged=live)
        with build_log.capture(verbose) as log:
            started = time.monotonic()
            prepare_dbt_manifest()
            if not verbose:
                print(f"  {'dbt parse':<44}{time.monotonic() - started:6.1f} s")
            return _execute_nightly_build(log_level if verbose else "CRITICAL", full_refresh, engine, log, verbose)


@dataclass(frozen=True)
class BuildOutcome:
    success: bool
    run_id: str
    failures: list[StepFailure]
    unchanged: str | None = None  # nothing built: this published build already is what a build would make


def refuse_bad_raw_inputs() -> BuildOutcome | None:
    """Check every raw input before anything starts (the ingest asset makes the same check,
    orchestration/ingest/raw_validation.py): a bad input fails in well under a second with every
    problem named as file:line: reason, before the lock, dbt or Dagster. The refusal is
    reported as a failed run's would be: the nightly report and an alert say why."""
    from orchestration.reporting.failures import StepFailure, write_failure_report
    from orchestration.ingest.raw_inputs import RawDataError
    from orchestration.ingest.raw_validation import validate_raw

    try:
        validate_raw(settings.raw_dir(), settings.approx_band())
    except RawDataError as exc:
        outcome = BuildOutcome(False, f"refused-{uuid.uuid4().hex}", [StepFailure("raw_inputs", str(exc))])
        write_failure_report(outcome.run_id, outcome.failures)
        return outcome
    return None


def _execute_nightly_build(log_level: str, full_refresh: bool = False, engine: str | None = None,
                           log: build_log.BuildLog | None = None, verbose: bool = True) -> BuildOutcome:
    from dagster import DagsterInstance

    from orchestration.pipeline import build_log
    from orchestration.pipeline.definitions import defs
    from orchestration.pipeline.engines import engine_run_config
    from orchestration.reporting.failures import step_failures

    job = defs.resolve_job_def("nightly_build")
    with DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": log_level}}},
                        "ops": {"raw_inputs": {"config": {"full_refresh": full_refresh}}},
                        **engine_run_config(engine)},
        )
        events = instance.all_logs(result.run_id)
    if log is not None:
        log.add_dagster_events(events)
        if not verbose:
            for line in build_log.step_lines(events):
                print(line)
        log.name_after_build(result.run_id)
        print(f"log: {log.path}")
    # What failed is printed once, by print_summary, with every reason.
    return BuildOutcome(result.success, result.run_id, [] if result.success else step_failures(result.all_events))


def record_failure(outcome: BuildOutcome) -> None:
    """A failed build from the command line alerts as a scheduled one does (the failure
    sensor only sees runs of the Dagster instance)."""
    from orchestration.reporting.alerts import raise_alert

    raise_alert("nightly_build", outcome.run_id, "\n".join(f.reasons for f in outcome.failures) or "run failed",
                sorted({f.step for f in outcome.failures}))


def print_summary(outcome: BuildOutcome, seconds: float, engine: str = "duckdb") -> None:
    """What this run did. Counts come from this run's summary.json only: a run that failed
    before its checks has none, and an earlier run's would read as this one's."""
    from orchestration.publish import snapshots
    from orchestration.reporting.failures import StepFailure, live_state, read_run_summary

    summary = read_run_summary(outcome.run_id)
    if summary and summary.get("checks"):
        checks = summary["checks"]
        print(f"figures loaded: {summary['figures']} ({summary['statements']} statements, restatements counted once)")
        print(f"checks: {checks['pass']} passed, {checks['warn']} warned, {checks['fail']} failed")
    if summary:
        print(f"report: {settings.report_dir() / 'index.html'}")
    for failure in outcome.failures or ([] if outcome.success else [StepFailure("run", "failed before any step ran")]):
        reasons = failure.reasons.splitlines() or ["failed"]
        print(f"FAILED in {failure.step}: {reasons[0]}")
        for line in reasons[1:]:
            print(f"  {line.strip()}")
    live = snapshots.live_build_id()
    if live and (outcome.success or (summary or {}).get("build_id") == live):  # a step after publish may fail
        print(f"published: {settings.published_db()} (build {live})")
        for warning in snapshots.publish_warnings(live):
            print(f"WARNING: {warning}")
    else:
        print(f"NOT published: {live_state()}")
    print(f"build time: {seconds:.1f} s" + ("" if engine == "duckdb" else f" (models built on {engine})"))


def list_snapshots() -> pd.DataFrame:
    """One row per snapshot, newest first; `live` marks the published one."""
    import pandas as pd

    from orchestration.publish import snapshots

    live = snapshots.live_build_id()
    for snapshot in snapshots.never_published():
        _stderr(f"not listed: snapshot {snapshot.build_id} was never published (its live copy did not complete); "
                "the next build removes it")
    rows = []
    for snapshot in snapshots.list_published():
        record = snapshot.record()
        rows.append({"live": "*" if snapshot.build_id == live else "", "build_id": snapshot.build_id,
                     "finished_at": record["finished_at"], "input_hash": record["input_hash"][:12],
                     "figures": record["figures"], "pass": record["checks_pass"], "warn": record["checks_warn"],
                     "fail": record["checks_fail"], "marts_hash": record["marts_hash"]})
    return pd.DataFrame(rows)


def rollback(build_id: str) -> None:
    """Make snapshot `build_id` live again, under the build lock so no publish interleaves."""
    from orchestration.publish import snapshots
    from orchestration.publish.build_lock import hold_build_lock

    snapshot = snapshots.find(build_id)
    with hold_build_lock(f"rollback to {build_id}", settings.lock_timeout(), say=_stderr):
        snapshots.make_live(snapshot, reason="rollback")
        if settings.pg_dsn():  # BI tools follow the rollback too
            from orchestration.serving.postgres_loader import load

            load(settings.published_db(), settings.pg_dsn(), settings.pg_reader())
            print("PostgreSQL serving schemas reloaded")
    print(f"live: {snapshots.live_build_id()} ({settings.published_db()})")


def local_bi_command(action: str) -> None:
    from orchestration.serving import local_bi

    if action == "stop":
        local_bi.server().stop()
        print("PostgreSQL stopped")
        return
    pg = local_bi.start() if action in ("start", "load") else local_bi.server()
    if action == "load":
        counts = local_bi.load_published()
        print(f"loaded {len(counts)} tables ({sum(counts.values())} rows) from {settings.published_db()}")
    if not pg.running():
        print("PostgreSQL is not running: `make bi` starts it")
        return
    print(local_bi.connection_help(pg))


def _iso_date(text: str) -> str:
    """argparse type for --as-of: a calendar date written YYYY-MM-DD."""
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _where(filters: dict[str, str | None]) -> tuple[str, list[str]]:
    clauses = [f"{column} = ?" for column, value in filters.items() if value]
    return (" where " + " and ".join(clauses) if clauses else ""), [v for v in filters.values() if v]


def _resolved(db: Path, wanted: dict[str, tuple[Dimension, str | None]]) -> dict[str, str | None]:
    """Each filter's code: given as a code or a Chinese or English name (query_filters)."""
    from orchestration.reporting.query_filters import resolve
    from orchestration.warehouse import connect

    with connect(db, read_only=True) as con:
        return {column: resolve(con, dimension, value) if value else None for column, (dimension, value) in wanted.items()}


def query_checks(db: Path, status: str | None, rule: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check results, failures and warnings first, with the quotes of their figures."""
    from orchestration.reporting.query_filters import RULE
    from orchestration.warehouse import query_frame

    where, params = _where({"status": status, **_resolved(db, {"rule": (RULE, rule)})})
    frame = query_frame(db, "select status, severity, check_id, rule, observed, expected, message, figure_quotes, doc_id"
                        f" from analyst.check_results{where} order by status_order, check_id", params)
    return frame, frame.drop(columns=["figure_quotes", "doc_id"])


def query_as_of(db: Path, as_of: str, doc: str | None, region: str | None, industry: str | None,
                indicator: str | None, kind: str | None) -> pd.DataFrame:
    """The observations as the warehouse knew them on `as_of`: documents published on or
    before it, the latest vintage of each (marts.fct_series_observation)."""
    from orchestration.reporting.query_filters import DOCUMENT, INDICATOR, INDUSTRY, REGION
    from orchestration.warehouse import query_frame

    codes = _resolved(db, {"doc_id": (DOCUMENT, doc), "region_code": (REGION, region), "industry_code": (INDUSTRY, industry),
                           "indicator_code": (INDICATOR, indicator)})
    where, params = _where({**codes, "kind": kind})
    known = "known_from <= cast(? as date) and (superseded_on is null or superseded_on > cast(? as date))"
    return query_frame(db, "select figure_id, doc_id, vintage, region_code, industry_code, indicator_code, measure,"
                       " period, value_text, reported_unit, value, unit from marts.fct_series_observation"
                       f"{where + ' and ' if where else ' where '}{known}"
                       " order by region_code, industry_code, indicator_code, measure, period", [*params, as_of, as_of])


def query_figures(db: Path, doc: str | None, region: str | None, industry: str | None, indicator: str | None,
                  kind: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Figures, filtered; the table shows each value in its display unit (869.1 亿元)."""
    from orchestration.reporting.query_filters import DOCUMENT, INDICATOR, INDUSTRY, REGION
    from orchestration.reporting.query_output import with_unit
    from orchestration.warehouse import query_frame

    codes = _resolved(db, {"doc_id": (DOCUMENT, doc), "region_code": (REGION, region), "industry_code": (INDUSTRY, industry),
                           "indicator_code": (INDICATOR, indicator)})
    where, params = _where({**codes, "kind": kind})
    frame = query_frame(db, "select figure_id, region_code, region_zh, region_en, industry_code, industry_zh, indicator_code,"
                        " indicator_zh, measure, kind, period, value_text, reported_unit, qualifier, display_value, display_unit,"
                        " value, unit, value_low, value_high, subject_zh, quote, doc_id"
                        f" from analyst.figure_series{where} order by figure_id", params)
    table = frame[["figure_id", "region_zh", "industry_code", "indicator_code", "kind", "measure", "period"]].assign(
        value=with_unit(frame["display_value"], frame["display_unit"]), qualifier=frame["qualifier"],
        subject_zh=frame["subject_zh"])
    return frame, table


def query_progress(db: Path, region: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every target with its region, status and reason; values in display units."""
    from orchestration.reporting.query_filters import REGION
    from orchestration.reporting.query_output import with_unit
    from orchestration.warehouse import query_frame

    where, params = _where(_resolved(db, {"region_code": (REGION, region)}))
    frame = query_frame(db, "select target_figure_id, region_code, region_zh, region_en, industry_code, industry_zh,"
                        " indicator_code, indicator_zh, measure, target_period, target_display, target_qualifier, actual_period,"
                        " actual_display, display_unit, target_value, actual_value, unit, required_annual_growth,"
                        " observed_annual_growth, status, status_reason, missing"
                        f" from analyst.target_progress{where} order by judged desc, target_figure_id", params)
    table = frame[["target_figure_id", "region_zh", "industry_code", "indicator_code", "target_period"]].assign(
        target=with_unit(frame["target_display"], frame["display_unit"]), qualifier=frame["target_qualifier"],
        actual_period=frame["actual_period"], actual=with_unit(frame["actual_display"], frame["display_unit"]),
        required_growth_pct=frame["required_annual_growth"].round(2), observed_growth_pct=frame["observed_annual_growth"].round(2),
        status=frame["status"])
    return frame, table


def run_shell(db: Path, args: list[str]) -> int:
    """The DuckDB CLI (duckdb-cli, the library's version) read-only on `db`."""
    cli = Path(sys.executable).parent / "duckdb"
    if not cli.exists():
        raise FileNotFoundError(f"no DuckDB CLI at {cli}: run `make env` (the duckdb-cli package is in uv.lock)")
    if not db.exists():
        raise FileNotFoundError(f"no warehouse at {db}: run `make run` (or `regstat build`) first")
    sys.stdout.flush()
    os.execv(str(cli), [str(cli), "-readonly", str(db), *args])
    return 0  # not reached


class _QuickParser(argparse.ArgumentParser):
    """Reads a `build` command's options without printing: anything it cannot read is left
    to the full parser, which says what is wrong."""

    def error(self, message: str):  # type: ignore[override]
        raise ValueError(message)


def published_unchanged(argv: list[str]) -> str | None:
    """For `regstat build` without --force or --full-refresh: the published build's id when
    building would make it again (orchestration/publish/build_plan.py nothing_changed), found with
    no import of Dagster, dbt, Great Expectations or pandas; else None."""
    if argv[:1] != ["build"]:
        return None
    quick = _QuickParser(add_help=False)
    for flag in ("--force", "--full-refresh", "-h", "--help"):
        quick.add_argument(flag, action="store_true")
    quick.add_argument("--engine")
    try:
        args, _ = quick.parse_known_args(argv[1:])
    except ValueError:
        return None
    if args.force or args.full_refresh or args.h or args.help:
        return None
    from orchestration.publish.build_plan import nothing_changed

    return nothing_changed(args.engine or settings.default_engine())


def say_unchanged(build_id: str) -> None:
    print(f"nothing changed, build {build_id} stays published ({settings.published_db()}); "
          "`regstat build --force` builds it again")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if unchanged := published_unchanged(argv):
        say_unchanged(unchanged)
        return 0
    from orchestration.publish.build_lock import BuildLockTimeout
    from orchestration.pipeline.engines import ENGINES
    from orchestration.extract import extract_commands
    from orchestration.reporting.query_output import FORMATS, write
    from orchestration.review import studio_commands
    from orchestration.serving.postgres_server import PostgresError
    from orchestration.vocabulary import CHECK_STATUSES, KINDS
    from orchestration.warehouse import query_frame

    parser = argparse.ArgumentParser(prog="regstat", description=__doc__)
    parser.add_argument("--db", type=Path, help="database to query (default: the published warehouse)")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="ingest, model, validate, publish (the nightly job)")
    build.add_argument("--quiet", action="store_true", help="no step lines: only failures and the summary")
    build.add_argument("--verbose", action="store_true",
                       help="show the whole log (Dagster, dbt, Great Expectations) live; it always goes to warehouse/logs/")
    build.add_argument("--log-level", choices=["debug", "info", "warning", "error", "critical"],
                       help="show Dagster's log live at this level (debug shows every step event); implies --verbose")
    build.add_argument("--full-refresh", action="store_true",
                       help="start from an empty database instead of the published one (every report month summed again)")
    build.add_argument("--engine", choices=sorted(ENGINES),
                       help="what builds the dbt models: duckdb (default, or REGSTAT_ENGINE) or spark (docs/spark.md)")
    build.add_argument("--force", action="store_true",
                       help="build even when nothing changed since the published build (by default it stays published)")
    generate = commands.add_parser("generate", help="write a synthetic raw folder (tables, register, monthly reports)")
    generate.add_argument("out", type=Path, help="folder to write (never the project's raw/)")
    generate.add_argument("--enterprises", type=int, default=2000)
    generate.add_argument("--months", type=int, default=24)
    generate.add_argument("--counties", type=int, default=10)
    generate.add_argument("--seed", type=int, default=7)
    generate.add_argument("--consistent", action="store_true", help="plant no inconsistencies")
    # --db also after the subcommand (`regstat sql --db X ...`); SUPPRESS keeps the top-level one otherwise
    on_db = argparse.ArgumentParser(add_help=False)
    on_db.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="database to query (default: the published warehouse)")
    formats = argparse.ArgumentParser(add_help=False)
    formats.add_argument("--format", choices=FORMATS, default="table",
                         help="table (values in display units) or every column as csv, json, xlsx or parquet")
    formats.add_argument("--output", type=Path, help="write to FILE instead of the terminal (needed for xlsx and parquet)")
    query = argparse.ArgumentParser(add_help=False, parents=[on_db, formats])
    named = " (a code, or a Chinese or English name)"
    checks = commands.add_parser("checks", help="check results, failures and warnings first", parents=[query])
    checks.add_argument("--status", choices=list(CHECK_STATUSES))
    checks.add_argument("--rule", help="share, sum_to_total, listed_count, ...")
    figures = commands.add_parser("figures", help="figures, filtered", parents=[query])
    figures.add_argument("--doc", help="document id or title")
    figures.add_argument("--region", help="region" + named)
    figures.add_argument("--industry", help="industry" + named)
    figures.add_argument("--indicator", help="indicator" + named)
    figures.add_argument("--kind", choices=list(KINDS))
    figures.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD",
                         help="the observations as the warehouse knew them on that date: documents published"
                              " on or before it, the latest vintage of each (fct_series_observation)")
    progress = commands.add_parser("progress", help="targets against the latest comparable actuals", parents=[query])
    progress.add_argument("--region", help="region" + named)
    sql = commands.add_parser("sql", help="run a read-only SQL query", parents=[query])
    sql.add_argument("query")
    commands.add_parser("shell", help="the DuckDB CLI, read-only on the published warehouse; other options go to duckdb"
                        " (-c \"select 42\")", parents=[on_db])
    export = commands.add_parser("export", help="the analyst views as one Excel workbook (a sheet per view)", parents=[on_db])
    export.add_argument("--xlsx", type=Path, required=True, metavar="FILE")
    commands.add_parser("docs", help="write the data documentation (dbt docs, expectation results) to warehouse/docs/")
    commands.add_parser("snapshots", help="published builds kept for rollback, newest first; * marks the live one",
                        parents=[formats])
    back = commands.add_parser("rollback", help="republish an older snapshot (atomic)")
    back.add_argument("build_id")
    bi = commands.add_parser("bi", help="local PostgreSQL for BI tools under warehouse/postgres/")
    bi.add_argument("action", choices=["start", "load", "status", "stop"],
                    help="start: server and roles; load: the published marts; status: connection strings; stop")
    extract_commands.add_commands(commands)
    studio_commands.add_commands(commands)
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "shell":  # only the shell passes unknown options on (to duckdb)
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command in extract_commands.COMMANDS:
        return extract_commands.run(args)
    if args.command in studio_commands.COMMANDS:
        return studio_commands.run(args)
    db = args.db or settings.published_db()

    try:
        if args.command == "build":
            started = time.monotonic()
            level = (args.log_level or "info").upper()
            outcome = refuse_bad_raw_inputs()
            if outcome is None and args.quiet:
                with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
                    outcome = run_build(level, args.full_refresh, args.engine, verbose=False, force=args.force)
            elif outcome is None:
                outcome = run_build(level, args.full_refresh, args.engine,
                                    verbose=args.verbose or args.log_level is not None, force=args.force)
            if outcome.unchanged:
                say_unchanged(outcome.unchanged)
                return 0
            if not outcome.success:
                record_failure(outcome)
            print()
            print_summary(outcome, time.monotonic() - started, args.engine or settings.default_engine())
            return 0 if outcome.success else 1
        if args.command == "checks":
            frame, table = query_checks(db, args.status, args.rule)
            write(frame, args.format, args.output, table)
        elif args.command == "figures" and args.as_of:
            frame = query_as_of(db, args.as_of, args.doc, args.region, args.industry, args.indicator, args.kind)
            write(frame, args.format, args.output)
        elif args.command == "figures":
            frame, table = query_figures(db, args.doc, args.region, args.industry, args.indicator, args.kind)
            write(frame, args.format, args.output, table)
        elif args.command == "progress":
            frame, table = query_progress(db, args.region)
            write(frame, args.format, args.output, table)
        elif args.command == "sql":
            write(query_frame(db, args.query), args.format, args.output)
        elif args.command == "shell":
            return run_shell(db, extra)
        elif args.command == "export":
            from orchestration.reporting.excel_export import export_views

            rows = export_views(db, args.xlsx)
            print(f"{args.xlsx}: {len(rows)} sheets ({', '.join(f'{k} {v}' for k, v in rows.items())} rows)")
        elif args.command == "generate":
            from orchestration.synthetic import Scale, generate

            generate(args.out, Scale(enterprises=args.enterprises, months=args.months, counties=args.counties,
                                     seed=args.seed, inject=not args.consistent))
            print(f"synthetic raw folder: {args.out}  (build it with REGSTAT_RAW_DIR={args.out} regstat build)")
        elif args.command == "docs":
            from orchestration.reporting.docs_site import generate

            print(f"documentation: {generate()}")
        elif args.command == "snapshots":
            write(list_snapshots(), args.format, args.output)
        elif args.command == "rollback":
            rollback(args.build_id)
        elif args.command == "bi":
            local_bi_command(args.action)
    except (FileNotFoundError, LookupError, BuildLockTimeout, PostgresError, ValueError, OSError) as exc:
        print(f"regstat: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # duckdb errors: bad SQL, read-only violations
        if exc.__class__.__module__.startswith("duckdb") or exc.__class__.__module__.startswith("_duckdb"):
            print(f"regstat: {exc}", file=sys.stderr)
            return 2
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
