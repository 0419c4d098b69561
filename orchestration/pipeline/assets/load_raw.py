"""Ingest: validate every raw input, then load them into the build database.

One multi-asset, so the inputs are all-or-nothing: a bad row anywhere stops the run before
any table is written, and nothing published is touched.

Two ways to start (orchestration/publish/build_plan.py decides):
- incremental, when only report months were added or changed since the published build and
  the code is the same: the build starts as a copy of the published database, only the new
  months are checked, and dbt rebuilds only what depends on them;
- full, otherwise: a fresh database holding from the published one (unless the run asks
  for a full refresh) only what incremental dbt models computed and the months they hold;
  every input is validated and loaded again.
"""

import hashlib
import json
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd

from orchestration import settings
from orchestration.publish.build_info import file_hashes, open_record
from orchestration.publish.build_plan import FULL, INCREMENTAL, code_hash, decide
from orchestration.pipeline.dbt_project import dbt_project
from orchestration.pipeline.engines import write_sources
from orchestration.pipeline.warehouse_paths import WarehousePaths
from orchestration.ingest.raw_inputs import RawDataError
from orchestration.ingest.raw_validation import RawInputs, validate_raw
from orchestration.ingest.register import MONTH_SUMS, report_months, sum_report_months
from orchestration.publish.snapshots import clean_leftovers, note_history
from orchestration.warehouse import connect, replace_table

RAW_TABLES = ["documents", "figures", "relations", "relation_members", "regions", "industries", "indicators", "units",
              "enterprises", "table_values", "report_files", MONTH_SUMS]


class IngestConfig(dg.Config):
    full_refresh: bool = False  # start from an empty database: every month is summed again


@dg.multi_asset(
    specs=[dg.AssetSpec(["raw", name], group_name="ingest", kinds={"duckdb"}) for name in RAW_TABLES],
    retry_policy=dg.RetryPolicy(max_retries=2, delay=2),
    required_resource_keys={"build_lock", "engine", "paths"},
    description="Validate raw/ (provenance, units, qualifiers, values, periods, ids; tables, register, "
                "report months) and load it into the build database.",
)
def raw_inputs(context: dg.AssetExecutionContext, config: IngestConfig):
    paths: WarehousePaths = context.resources.paths
    raw = paths.raw
    hashes = file_hashes(raw, cache=paths.input_digests)
    code = code_hash()
    plan = decide(paths.published_db, hashes, code, config.full_refresh,
                  other_engine=context.resources.engine.writes_elsewhere)
    context.log.info(f"{plan.mode} build: {plan.reason}")
    # Nothing left from a build that was killed; then the published state to build on.
    for leftover in clean_leftovers(paths.warehouse):
        context.log.info(f"removed leftover {leftover}")
    note_history(paths.warehouse)
    try:
        # Every input checked, all problems together, in both modes (a stray file or a link
        # is not hashed, so it cannot make a build full): the check `regstat build` makes first.
        inputs = validate_raw(raw, settings.approx_band())
        if plan.mode == INCREMENTAL:
            counts = _start_from_published(context, paths, hashes, code)
        else:
            counts = _load_everything(context, paths, inputs, hashes, code, config.full_refresh)
    except RawDataError as exc:  # bad data stays bad: no retry
        raise dg.Failure(description=str(exc), allow_retries=False) from exc
    for name in RAW_TABLES:
        yield dg.MaterializeResult(asset_key=["raw", name], metadata={"rows": counts[name], "build_mode": plan.mode})


def _load_everything(context: dg.AssetExecutionContext, paths: WarehousePaths, inputs: RawInputs,
                     hashes: dict[str, str], code: str, full_refresh: bool) -> dict[str, int]:
    """Load the validated inputs into a fresh build database."""
    raw = paths.raw
    figures, relations, enterprises, table_values = inputs.figures, inputs.relations, inputs.enterprises, inputs.table_values
    report_files = _report_files(raw, hashes)
    tables = inputs.tables()  # the register is loaded by SQL below: no frame of half a million rows
    build, published = paths.build_db, paths.published_db
    with connect(build) as con:
        if published.exists() and not full_refresh:
            kept = _keep_incremental_state(con, published)
            context.log.info(f"kept from the published build: {', '.join(kept) or 'nothing'}")
        build_id = open_record(con, context.run_id, raw, hashes, code, FULL, context.resources.engine.engine)
        for name, frame in tables.items():
            replace_table(con, "raw", name, frame)
        enterprises.load_into(con, "raw", "enterprises")  # SQL from the CSV: no frame of half a million rows
        # The Spark engine rebuilds the month model whole (docs/spark.md): it needs every month's sums.
        changed = _load_report_files(con, raw, report_files, every_month=context.resources.engine.writes_elsewhere)
        if context.resources.engine.writes_elsewhere:  # Spark reads the raw tables as Parquet
            context.log.info(f"raw tables written as Parquet to {write_sources(con, 'raw', RAW_TABLES)}")
        summed = con.execute(f"select count(*) from raw.{MONTH_SUMS}").fetchone()[0]
    context.log.info(f"build {build_id}: loaded {len(figures)} figure statements, {len(relations)} relations, "
                     f"{len(enterprises)} enterprises, {len(table_values)} table values, {len(report_files)} report "
                     f"months ({len(changed)} new or changed, checked and summed) from {raw}")
    return {**{name: len(frame) for name, frame in tables.items()}, "enterprises": len(enterprises),
            "report_files": len(report_files), MONTH_SUMS: summed}


def _start_from_published(context: dg.AssetExecutionContext, paths: WarehousePaths, hashes: dict[str, str],
                          code: str) -> dict[str, int]:
    """A copy of the published database (this code built it from these inputs, so its raw
    tables are what loading them again would give); only the report months are checked."""
    raw = paths.raw
    report_files = _report_files(raw, hashes)
    build = paths.build_db
    build.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths.published_db, build)
    with connect(build) as con:
        build_id = open_record(con, context.run_id, raw, hashes, code, INCREMENTAL, context.resources.engine.engine)
        changed = _load_report_files(con, raw, report_files)
        counts = {name: con.execute(f"select count(*) from raw.{name}").fetchone()[0] for name in RAW_TABLES}
    context.log.info(f"build {build_id}: started from the published build; {len(report_files)} report months "
                     f"({len(changed)} new or changed, checked and summed) from {raw}")
    return counts


def _load_report_files(con: duckdb.DuckDBPyConnection, raw: Path, report_files: pd.DataFrame,
                       every_month: bool = False) -> list[str]:
    """Check and sum the months the published build did not see (or saw with other
    contents; `every_month`: all), each file read once for both (raw.report_month_sums,
    which fct_industry_month reads), and record every month's file with its row count;
    returns the checked months."""
    changed = _changed_months(con, report_files)
    problems = sum_report_months(con, raw, list(report_files["month"]) if every_month else changed)
    if problems:
        raise RawDataError(problems)
    report_files["row_count"] = pd.array([_row_count(con, path) for path in report_files["path"]], dtype="int64")
    replace_table(con, "raw", "report_files", report_files)
    return changed


def _report_files(raw: Path, hashes: dict[str, str]) -> pd.DataFrame:
    """One row per report month. A month's sums depend on its file and on the register
    (which county and class each enterprise is in), so its inputs hash covers both: a new
    register makes every month be summed again."""
    register = hashes.get("register/enterprises.csv", "")
    rows = []
    for month in report_months(raw):
        name = f"reports/month={month}/reports.parquet"
        rows.append((month, str(raw / name), hashlib.sha256(f"{hashes[name]}:{register}".encode()).hexdigest()))
    return pd.DataFrame(rows, columns=["month", "path", "inputs_sha256"]).astype("string")


def _keep_incremental_state(con: duckdb.DuckDBPyConnection, published: Path) -> list[str]:
    """Copy from the published database the tables of incremental dbt models (per the
    manifest) and raw.report_files, which says which month inputs they were built from."""
    manifest = json.loads(Path(dbt_project.manifest_path).read_text(encoding="utf-8"))
    keep = {(node["schema"], node["alias"]) for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["config"]["materialized"] == "incremental"}
    keep.add(("raw", "report_files"))
    quoted = str(published).replace("'", "''")  # ATTACH takes no parameters
    con.execute(f"attach '{quoted}' as published (read_only)")
    try:
        present = set(con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = 'published'").fetchall())
        for schema, name in sorted(keep & present):
            con.execute(f"create schema if not exists {schema}")
            con.execute(f"create table {schema}.{name} as select * from published.{schema}.{name}")
    finally:
        con.execute("detach published")
    return [f"{schema}.{name}" for schema, name in sorted(keep & present)]


def _changed_months(con: duckdb.DuckDBPyConnection, report_files: pd.DataFrame) -> list[str]:
    """Months whose file the published build did not see, or saw with other contents."""
    known = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = 'report_files'"
    ).fetchone()[0]
    seen = dict(con.execute("select month, inputs_sha256 from raw.report_files").fetchall()) if known else {}
    return [m for m, h in zip(report_files["month"], report_files["inputs_sha256"]) if seen.get(m) != h]


def _row_count(con: duckdb.DuckDBPyConnection, path: str) -> int:
    return con.execute("select count(*) from read_parquet(?)", [path]).fetchone()[0]
