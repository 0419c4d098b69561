"""Where things live. Paths come from environment variables so tests and deployments can
redirect them; the defaults are the project's own folders."""

from __future__ import annotations

import os
import shutil
import sys
from functools import cache
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
PUBLISHED_NAME = "industry_stats.duckdb"
# The profiles.yml output that writes the build database (the DuckDB engine's, and the one
# the Spark engine's results are copied into).
DUCKDB_TARGET = "dev"
# dbt from this interpreter's environment, found even when the venv is not activated.
_VENV_DBT = Path(sys.executable).parent / "dbt"
DBT_EXECUTABLE = str(_VENV_DBT) if _VENV_DBT.exists() else (shutil.which("dbt") or "dbt")


def raw_dir() -> Path:
    """The versioned inputs (documents, figures, relations, reference)."""
    return Path(os.environ.get("REGSTAT_RAW_DIR", PROJECT_ROOT / "raw")).resolve()


def warehouse_dir() -> Path:
    """Build output; dbt's profile reads the same variable."""
    return Path(os.environ.get("REGSTAT_WAREHOUSE_DIR", PROJECT_ROOT / "warehouse")).resolve()


def build_db(warehouse: Path | None = None) -> Path:
    """The database a build writes (in `warehouse`, default the environment's); never read
    by analysts."""
    return (warehouse or warehouse_dir()) / "build" / PUBLISHED_NAME


def published_db(warehouse: Path | None = None) -> Path:
    """The validated warehouse analysts and BI tools read (in `warehouse`, default the
    environment's)."""
    return (warehouse or warehouse_dir()) / PUBLISHED_NAME


def build_lock_path() -> Path:
    """The flock that lets one build at a time write the warehouse folder (build_lock.py)."""
    return warehouse_dir() / ".build.lock"


def duckdb_memory_limit() -> str:
    """DuckDB's memory_limit for every connection the build opens (dbt's profile reads the
    same variable): past it DuckDB spills to disk instead of taking 80 % of the machine."""
    return os.environ.get("REGSTAT_DUCKDB_MEMORY", "3GB")


def snapshots_to_keep() -> int:
    """How many published builds stay available for rollback (the live one always does)."""
    return int(os.environ.get("REGSTAT_KEEP_SNAPSHOTS", 7))


def lock_timeout() -> float:
    """Seconds a build (or rollback) waits for another one to finish before giving up."""
    return float(os.environ.get("REGSTAT_LOCK_TIMEOUT", 3600))


def pg_dsn() -> str | None:
    """PostgreSQL DSN of the loader role; unset: the nightly job does not serve PostgreSQL."""
    return os.environ.get("REGSTAT_PG_DSN") or None


def pg_reader() -> str:
    """The read-only role BI tools connect as."""
    return os.environ.get("REGSTAT_PG_READER", "bi_reader")


def default_engine() -> str:
    """The engine that builds the dbt models when a run does not choose one (docs/spark.md)."""
    return os.environ.get("REGSTAT_ENGINE", "duckdb")


def spark_target() -> str:
    """The dbt profiles.yml output the Spark engine builds with: `spark` (a local session)
    unless REGSTAT_SPARK_TARGET names another (a cluster's Thrift server or Spark Connect)."""
    return os.environ.get("REGSTAT_SPARK_TARGET", "spark")


def spark_dir() -> Path:
    """What the local Spark session keeps: metastore, tables, the sources written for it."""
    return warehouse_dir() / "spark"


def spark_sources_dir() -> Path:
    """The Parquet sources Spark reads, <dir>/<schema>/<table>/; dbt's macro
    spark_sources_root reads the same variable."""
    return Path(os.environ.get("REGSTAT_SPARK_SOURCES", spark_dir() / "sources")).resolve()


def spark_tables_dir() -> Path:
    """Spark's warehouse folder (spark.sql.warehouse.dir): its tables are Parquet folders
    <dir>/<schema>.db/<table>/; the profile reads the same variable."""
    return Path(os.environ.get("REGSTAT_SPARK_WAREHOUSE", spark_dir() / "warehouse")).resolve()


def report_dir() -> Path:
    """The nightly report (index.html, summary.json)."""
    return warehouse_dir() / "report"


@cache
def dbt_vars() -> dict:
    """The `vars` of dbt_project.yml: the one place for tunable numbers."""
    config = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    return config.get("vars", {})


def approx_band() -> float:
    """Relative band for 左右/约/近 figures."""
    return float(dbt_vars()["approx_band"])
