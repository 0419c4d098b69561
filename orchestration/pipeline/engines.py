"""Which engine builds the dbt models (issue 8, docs/spark.md).

`duckdb` (the default) builds every model in the build database itself. `spark` builds
the first dbt pass through dbt-spark: the ingest step also writes the raw tables as
Parquet for Spark to read (`write_sources`); afterwards the tables Spark wrote are copied
into the build database (`copy_spark_results`) and the pass's views are created there by
dbt on DuckDB. Validation, the check-result pass, publishing, the report and serving then
read the build database exactly as after a DuckDB build.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import field_validator

from orchestration import settings
from orchestration.warehouse import connect

ENGINES = {"duckdb": settings.DUCKDB_TARGET, "spark": "spark"}  # engine → its dbt target in profiles.yml


class WarehouseEngine(dg.ConfigurableResource):
    """The engine of a run. Run config: {"resources": {"engine": {"config": {"name": "spark"}}}};
    `target` names another output of dbt_project/profiles.yml for that engine (a Spark
    cluster's, say). Unset, the engine is REGSTAT_ENGINE's, else duckdb."""

    name: str | None = None
    target: str | None = None

    @field_validator("name")
    @classmethod
    def _known(cls, value: str | None) -> str | None:
        if value is not None and value not in ENGINES:
            raise ValueError(f"unknown engine {value!r}: one of {', '.join(ENGINES)}")
        return value

    @property
    def engine(self) -> str:
        engine = self.name or settings.default_engine()
        if engine not in ENGINES:
            raise ValueError(f"REGSTAT_ENGINE={engine!r} is not an engine: one of {', '.join(ENGINES)}")
        return engine

    @property
    def dbt_target(self) -> str:
        """The profiles.yml output: the run's `target`, else REGSTAT_SPARK_TARGET for Spark
        (a cluster's output, docs/spark.md), else the engine's own."""
        if self.target:
            return self.target
        return settings.spark_target() if self.engine == "spark" else ENGINES[self.engine]

    @property
    def writes_elsewhere(self) -> bool:
        """True when the models are built outside the build database (and copied in)."""
        return self.engine != "duckdb"


def engine_run_config(engine: str | None) -> dict:
    """The part of a run config that chooses the engine (nothing: the default); the same
    `resources.engine` config selects it for a run launched from the Dagster UI."""
    return {"resources": {"engine": {"config": {"name": engine}}}} if engine else {}


def write_sources(con: duckdb.DuckDBPyConnection, schema: str, tables: list[str]) -> Path:
    """Write schema.table of the build database as <sources>/<schema>/<table>/data.parquet,
    replacing what a previous build wrote; dbt registers them as Spark tables."""
    root = settings.spark_sources_dir() / schema
    for table in tables:
        folder = root / table
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        con.execute(f"copy {schema}.{table} to '{folder / 'data.parquet'}' (format parquet)")
    return root


@dataclass(frozen=True)
class PassResults:
    """What one dbt invocation built: tables (to copy) and views (to create on DuckDB),
    as manifest nodes."""

    tables: list[dict]
    views: list[dict]


def pass_results(target_path: Path) -> PassResults:
    """The models a finished dbt invocation built, from its run_results.json and manifest.json."""
    run_results = json.loads((target_path / "run_results.json").read_text(encoding="utf-8"))
    manifest = json.loads((target_path / "manifest.json").read_text(encoding="utf-8"))
    built = [manifest["nodes"][r["unique_id"]] for r in run_results["results"]
             if r["unique_id"].startswith("model.") and r["status"] == "success"]
    return PassResults(tables=[n for n in built if n["config"]["materialized"] in ("table", "incremental")],
                       views=[n for n in built if n["config"]["materialized"] == "view"])


def spark_table_files(schema: str, table: str) -> str:
    """The Parquet files of a managed Spark table: <spark.sql.warehouse.dir>/<schema>.db/<table>/."""
    return str(settings.spark_tables_dir() / f"{schema}.db" / table / "*.parquet")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def copy_spark_results(build_db: Path, nodes: list[dict]) -> dict[str, int]:
    """Copy the tables Spark built into the build database under the same names, as they
    are (types included), with the descriptions dbt persists on DuckDB; rows per table."""
    rows = {}
    with connect(build_db) as con:
        for node in nodes:
            schema, name = node["schema"], node["alias"]
            con.execute(f"create schema if not exists {schema}")
            # a view of a DuckDB build, or a table kept from the published build (incremental
            # models): replaced either way
            kind = con.execute("select table_type from information_schema.tables where table_schema = ? and table_name = ?",
                               [schema, name]).fetchone()
            if kind and kind[0] == "VIEW":
                con.execute(f"drop view {schema}.{name}")
            con.execute(f"create or replace table {schema}.{name} as "
                        f"select * from read_parquet({_literal(spark_table_files(schema, name))})")
            # as dbt-duckdb's persist_docs writes them: the text as is, a table's only if it
            # has one, every documented column's (empty included)
            if node.get("description"):
                con.execute(f"comment on table {schema}.{name} is {_literal(node['description'])}")
            columns = {c for (c,) in con.execute(
                "select column_name from duckdb_columns() where schema_name = ? and table_name = ?", [schema, name]).fetchall()}
            for column, spec in node.get("columns", {}).items():
                if column in columns:
                    con.execute(f"comment on column {schema}.{name}.{column} is {_literal(spec.get('description') or '')}")
            rows[f"{schema}.{name}"] = con.execute(f"select count(*) from {schema}.{name}").fetchone()[0]
    return rows
