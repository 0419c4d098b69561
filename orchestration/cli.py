"""`regstat`: build the warehouse through Dagster and ask the published warehouse common
questions. Every query command opens the published file read-only."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from orchestration import settings, snapshots
from orchestration.build_lock import BuildLockTimeout, hold_build_lock
from orchestration.engines import ENGINES, engine_run_config
from orchestration.extract import cli as extract_cli
from orchestration.failures import StepFailure, live_state, read_run_summary, step_failures, write_failure_report
from orchestration.review import cli as review_cli
from orchestration.serving.postgres_server import PostgresError
from orchestration.warehouse import query_frame


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def prepare_dbt_manifest() -> None:
    """Parse the dbt project so the dbt assets can load (a fresh clone has no manifest)."""
    from orchestration.dbt_project import dbt_project
    from orchestration.resources import resources

    resources["dbt"].cli(["parse", "--quiet"], target_path=dbt_project.target_path).wait()


def run_build(log_level: str = "INFO", full_refresh: bool = False, engine: str | None = None) -> BuildOutcome:
    """Run the `nightly_build` job in process: the job the schedule runs.
    `engine` (duckdb, spark) builds the dbt models; None: REGSTAT_ENGINE, else duckdb.
    The build lock is taken first: parsing dbt writes dbt_project/target, shared by builds."""
    with hold_build_lock("regstat build", settings.lock_timeout(), say=_stderr):
        prepare_dbt_manifest()
        return _execute_nightly_build(log_level, full_refresh, engine)


@dataclass(frozen=True)
class BuildOutcome:
    success: bool
    run_id: str
    failures: list[StepFailure]


def refuse_bad_raw_inputs() -> BuildOutcome | None:
    """Check every raw input before anything starts (the ingest asset makes the same check,
    orchestration/raw_validation.py): a bad input fails in well under a second with every
    problem named as file:line: reason, before the lock, dbt or Dagster. The refusal is
    reported as a failed run's would be: the nightly report and an alert say why."""
    from orchestration.raw_inputs import RawDataError
    from orchestration.raw_validation import validate_raw

    try:
        validate_raw(settings.raw_dir(), settings.approx_band())
    except RawDataError as exc:
        outcome = BuildOutcome(False, f"refused-{uuid.uuid4().hex}", [StepFailure("raw_inputs", str(exc))])
        write_failure_report(outcome.run_id, outcome.failures)
        return outcome
    return None


def _execute_nightly_build(log_level: str, full_refresh: bool = False, engine: str | None = None) -> BuildOutcome:
    from dagster import DagsterInstance

    from orchestration.definitions import defs

    job = defs.resolve_job_def("nightly_build")
    with DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": log_level}}},
                        "ops": {"raw_inputs": {"config": {"full_refresh": full_refresh}}},
                        **engine_run_config(engine)},
        )
    return BuildOutcome(result.success, result.run_id, [] if result.success else step_failures(result.all_events))


def record_failure(outcome: BuildOutcome) -> None:
    """A failed build from the command line alerts as a scheduled one does (the failure
    sensor only sees runs of the Dagster instance)."""
    from orchestration.alerts import raise_alert

    raise_alert("nightly_build", outcome.run_id, "\n".join(f.reasons for f in outcome.failures) or "run failed",
                sorted({f.step for f in outcome.failures}))


def print_summary(outcome: BuildOutcome, seconds: float, engine: str = "duckdb") -> None:
    """What this run did. Counts come from this run's summary.json only: a run that failed
    before its checks has none, and an earlier run's would read as this one's."""
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


def _number(x: float) -> str:
    """8.691e10 → 86,910,000,000; 69.9 → 69.9; inf stays inf."""
    if x != x or x in (float("inf"), float("-inf")):
        return str(x)
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4f}".rstrip("0")


def _show(frame: pd.DataFrame) -> None:
    if frame.empty:
        print("(no rows)")
        return
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 250,
                           "display.max_colwidth", 60, "display.float_format", _number):
        print(frame.to_string(index=False))


def _iso_date(text: str) -> str:
    """argparse type for --as-of: a calendar date written YYYY-MM-DD."""
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _where(filters: dict[str, str | None]) -> tuple[str, list[str]]:
    clauses = [f"{column} = ?" for column, value in filters.items() if value]
    return (" where " + " and ".join(clauses) if clauses else ""), [v for v in filters.values() if v]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="regstat", description=__doc__)
    parser.add_argument("--db", type=Path, help="database to query (default: the published warehouse)")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="ingest, model, validate, publish (the nightly job)")
    build.add_argument("--quiet", action="store_true", help="no Dagster log, only failures and the summary")
    build.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error", "critical"],
                       help="Dagster log level (debug shows every step event)")
    build.add_argument("--full-refresh", action="store_true",
                       help="start from an empty database instead of the published one (every report month summed again)")
    build.add_argument("--engine", choices=sorted(ENGINES),
                       help="what builds the dbt models: duckdb (default, or REGSTAT_ENGINE) or spark (docs/spark.md)")
    generate = commands.add_parser("generate", help="write a synthetic raw folder (tables, register, monthly reports)")
    generate.add_argument("out", type=Path, help="folder to write (never the project's raw/)")
    generate.add_argument("--enterprises", type=int, default=2000)
    generate.add_argument("--months", type=int, default=24)
    generate.add_argument("--counties", type=int, default=10)
    generate.add_argument("--seed", type=int, default=7)
    generate.add_argument("--consistent", action="store_true", help="plant no inconsistencies")
    checks = commands.add_parser("checks", help="check results, failures and warnings first")
    checks.add_argument("--status", choices=["pass", "warn", "fail"])
    checks.add_argument("--rule")
    figures = commands.add_parser("figures", help="figures, filtered")
    figures.add_argument("--doc")
    figures.add_argument("--region")
    figures.add_argument("--industry")
    figures.add_argument("--indicator")
    figures.add_argument("--kind", choices=["actual", "target", "growth_rate", "share"])
    figures.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD",
                         help="the observations as the warehouse knew them on that date: documents published"
                              " on or before it, the latest vintage of each (fct_series_observation)")
    commands.add_parser("progress", help="targets against the latest comparable actuals")
    sql = commands.add_parser("sql", help="run a read-only SQL query")
    sql.add_argument("query")
    commands.add_parser("docs", help="write the data documentation (dbt docs, expectation results) to warehouse/docs/")
    commands.add_parser("snapshots", help="published builds kept for rollback, newest first; * marks the live one")
    back = commands.add_parser("rollback", help="republish an older snapshot (atomic)")
    back.add_argument("build_id")
    bi = commands.add_parser("bi", help="local PostgreSQL for BI tools under warehouse/postgres/")
    bi.add_argument("action", choices=["start", "load", "status", "stop"],
                    help="start: server and roles; load: the published marts; status: connection strings; stop")
    extract_cli.add_commands(commands)
    review_cli.add_commands(commands)
    args = parser.parse_args(argv)
    if args.command in extract_cli.COMMANDS:
        return extract_cli.run(args)
    if args.command in review_cli.COMMANDS:
        return review_cli.run(args)
    db = args.db or settings.published_db()

    try:
        if args.command == "build":
            started = time.monotonic()
            outcome = refuse_bad_raw_inputs() or run_build(
                "CRITICAL" if args.quiet else args.log_level.upper(), args.full_refresh, args.engine)
            if not outcome.success:
                record_failure(outcome)
            print()
            print_summary(outcome, time.monotonic() - started, args.engine or settings.default_engine())
            return 0 if outcome.success else 1
        if args.command == "checks":
            where, params = _where({"status": args.status, "rule": args.rule})
            _show(query_frame(db, "select status, severity, check_id, rule, observed, expected, message from marts.fct_check_result"
                         f"{where} order by case status when 'fail' then 0 when 'warn' then 1 else 2 end, check_id", params))
        elif args.command == "figures" and args.as_of:
            where, params = _where({"doc_id": args.doc, "region_code": args.region, "industry_code": args.industry,
                                    "indicator_code": args.indicator, "kind": args.kind})
            known = "known_from <= cast(? as date) and (superseded_on is null or superseded_on > cast(? as date))"
            _show(query_frame(db, "select figure_id, doc_id, vintage, region_code, industry_code, indicator_code, measure,"
                         " period, value_text, reported_unit, value, unit from marts.fct_series_observation"
                         f"{where + ' and ' if where else ' where '}{known}"
                         " order by region_code, industry_code, indicator_code, measure, period",
                         [*params, args.as_of, args.as_of]))
        elif args.command == "figures":
            where, params = _where({"doc_id": args.doc, "region_code": args.region, "industry_code": args.industry,
                                    "indicator_code": args.indicator, "kind": args.kind})
            _show(query_frame(db, "select figure_id, region_code, industry_code, indicator_code, kind, period, value_text,"
                         " reported_unit, qualifier, value, unit, subject_zh from marts.fct_figure"
                         f"{where} order by figure_id", params))
        elif args.command == "progress":
            _show(query_frame(db, "select target_figure_id, industry_code, indicator_code, target_period, target_value,"
                         " target_qualifier, actual_figure_id, actual_period, actual_value,"
                         " round(required_annual_growth, 2) as required_growth_pct,"
                         " round(observed_annual_growth, 2) as observed_growth_pct, status"
                         " from marts.fct_target_progress order by target_figure_id"))
        elif args.command == "sql":
            _show(query_frame(db, args.query))
        elif args.command == "generate":
            from orchestration.synthetic import Scale, generate

            generate(args.out, Scale(enterprises=args.enterprises, months=args.months, counties=args.counties,
                                     seed=args.seed, inject=not args.consistent))
            print(f"synthetic raw folder: {args.out}  (build it with REGSTAT_RAW_DIR={args.out} regstat build)")
        elif args.command == "docs":
            from orchestration.docs_site import generate

            print(f"documentation: {generate()}")
        elif args.command == "snapshots":
            _show(list_snapshots())
        elif args.command == "rollback":
            rollback(args.build_id)
        elif args.command == "bi":
            local_bi_command(args.action)
    except (FileNotFoundError, LookupError, BuildLockTimeout, PostgresError, ValueError) as exc:
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
