"""Spark builds, once per session each: the real `regstat build --engine spark` (Dagster,
dbt-spark on a local PySpark session, DuckDB, Great Expectations) in a subprocess, on the
committed data and on a small generated dataset, beside DuckDB builds of the same inputs.
Spark needs a Java runtime; without one these tests are skipped, saying so (.ci/run
installs Java 17 when it is missing)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from orchestration.publish.build_info import mart_stats
from orchestration.synthetic import Scale, generate
from tests.conftest import Build, build, regstat

# Small but complete: register, twelve report months (one complete year, so every
# reconciliation rule runs), tables, and the six planted inconsistencies.
GENERATED = Scale(enterprises=400, months=12, counties=4, seed=11)


def java_missing() -> str | None:
    """Why Spark cannot run here, or None."""
    java = shutil.which("java")
    if java is None:
        return "no `java` on PATH: the Spark engine needs a Java 17 runtime (Debian: apt-get install openjdk-17-jre-headless)"
    probe = subprocess.run([java, "-version"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"`java -version` failed: {probe.stderr.strip()[:200]}"
    return None


requires_java = pytest.mark.skipif(java_missing() is not None, reason=java_missing() or "")


def spark(warehouse: Path, raw: Path | None = None) -> Build:
    """`regstat build --engine spark` of `raw` (default: the committed raw/) into `warehouse`."""
    if reason := java_missing():
        pytest.skip(reason)
    extra = {"raw": raw} if raw else {}
    return Build(warehouse, regstat("build", "--quiet", "--engine", "spark", warehouse=warehouse, **extra))


def marts_of(db: Path) -> list[tuple[str, int, str]]:
    """(mart, rows, order-independent content hash) of every mart of a build database: the
    function the publish step records in meta.build_marts."""
    with duckdb.connect(str(db), read_only=True) as con:
        return mart_stats(con)


@pytest.fixture(scope="session")
def spark_build(tmp_path_factory) -> Build:
    """The committed data built with the models on Spark."""
    result = spark(tmp_path_factory.mktemp("spark-warehouse"))
    assert result.result.returncode == 0, result.result.stdout[-5000:] + result.result.stderr[-5000:]
    return result


@pytest.fixture(scope="session")
def generated_raw(tmp_path_factory) -> Path:
    """A small generated raw folder (regstat generate) with its planted inconsistencies."""
    raw = tmp_path_factory.mktemp("spark-generated") / "raw"
    generate(raw, GENERATED, progress=lambda _: None)
    return raw


@pytest.fixture(scope="session")
def generated_builds(generated_raw, tmp_path_factory) -> tuple[Build, Build]:
    """The generated dataset built on DuckDB and on Spark (neither publishes: the planted
    errors block it; both leave their build database)."""
    if reason := java_missing():
        pytest.skip(reason)
    on_duckdb = build(tmp_path_factory.mktemp("generated-duckdb"), generated_raw)
    on_spark = spark(tmp_path_factory.mktemp("generated-spark"), generated_raw)
    return on_duckdb, on_spark
