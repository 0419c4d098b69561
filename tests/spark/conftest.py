"""Spark builds, once per session each: the real `regstat build --engine spark` (Dagster,
dbt-spark on a local PySpark session, DuckDB, Great Expectations) in a subprocess, on the
committed data and on a small generated dataset, beside DuckDB builds of the same inputs.
The two Spark builds start together and the generated data's DuckDB build runs in this
process meanwhile: a Spark build is hundreds of short jobs that leave the cores idle much
of the time, so the three overlap instead of queueing (the three in a row were the suite's
slowest setup). Spark needs a Java runtime; without one these tests are skipped, saying so
(.ci/run installs Java 17 when it is missing)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from orchestration.publish.build_info import mart_stats
from orchestration.synthetic import Scale, generate
from tests.conftest import PROJECT, RAW, Build, build

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


class SparkRun:
    """`regstat build --quiet --engine spark` of `raw` (default: the committed raw/) into
    `warehouse`, started in a subprocess; `result()` waits for it."""

    def __init__(self, warehouse: Path, raw: Path = RAW) -> None:
        self.warehouse = warehouse
        env = {**os.environ, "REGSTAT_WAREHOUSE_DIR": str(warehouse), "REGSTAT_RAW_DIR": str(raw),
               "DAGSTER_DISABLE_TELEMETRY": "1", "GX_ANALYTICS_ENABLED": "False"}
        self.args = [sys.executable, "-m", "orchestration.commands", "build", "--quiet", "--engine", "spark"]
        # Output to files, not pipes: two builds run at once and nobody reads until the end.
        self.stdout, self.stderr = (tempfile.TemporaryFile("w+", encoding="utf-8") for _ in range(2))
        self.process = subprocess.Popen(self.args, cwd=PROJECT, env=env, stdout=self.stdout, stderr=self.stderr,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
        self._build: Build | None = None

    def wait_until_running(self, timeout: float = 600) -> None:
        """Until the run's first step has written the build database: the process has parsed
        dbt (writing dbt_project/target/, which every build shares) and loaded the Dagster
        definitions from target/manifest.json, so another build's parse cannot overwrite
        that file under its reading."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline \
                and not (self.warehouse / "build" / "industry_stats.duckdb").exists():
            time.sleep(0.5)

    def result(self) -> Build:
        if self._build is None:
            code = self.process.wait(timeout=1800)
            outputs = []
            for handle in (self.stdout, self.stderr):
                handle.seek(0)
                outputs.append(handle.read())
                handle.close()
            self._build = Build(self.warehouse, subprocess.CompletedProcess(self.args, code, *outputs))
        return self._build

    def stop(self) -> None:
        """Kill the build (and its JVM) if nobody waited for it."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def marts_of(db: Path) -> list[tuple[str, int, str]]:
    """(mart, rows, order-independent content hash) of every mart of a build database: the
    function the publish step records in meta.build_marts."""
    with duckdb.connect(str(db), read_only=True) as con:
        return mart_stats(con)


@pytest.fixture(scope="session")
def generated_raw(tmp_path_factory) -> Path:
    """A small generated raw folder (regstat generate) with its planted inconsistencies."""
    raw = tmp_path_factory.mktemp("spark-generated") / "raw"
    generate(raw, GENERATED, progress=lambda _: None)
    return raw


@dataclass
class SparkBuilds:
    """Both Spark builds, started together, and the DuckDB build of the generated data."""

    seed: SparkRun
    generated: SparkRun
    generated_on_duckdb: Build


@pytest.fixture(scope="session")
def spark_builds(generated_raw, tmp_path_factory) -> Iterator[SparkBuilds]:
    """At the first Spark test: the Spark builds of the committed data and of the generated
    dataset start, and the generated dataset is built on DuckDB here while they run."""
    if reason := java_missing():
        pytest.skip(reason)
    runs: list[SparkRun] = []
    try:
        for warehouse, raw in ((tmp_path_factory.mktemp("spark-warehouse"), RAW),
                               (tmp_path_factory.mktemp("generated-spark"), generated_raw)):
            runs.append(SparkRun(warehouse, raw))
            runs[-1].wait_until_running()  # one dbt parse at a time (see wait_until_running)
        yield SparkBuilds(*runs, build(tmp_path_factory.mktemp("generated-duckdb"), generated_raw))
    finally:
        for run in runs:
            run.stop()


@pytest.fixture(scope="session")
def spark_build(spark_builds) -> Build:
    """The committed data built with the models on Spark."""
    result = spark_builds.seed.result()
    assert result.result.returncode == 0, result.result.stdout[-5000:] + result.result.stderr[-5000:]
    return result


@pytest.fixture(scope="session")
def generated_builds(spark_builds) -> tuple[Build, Build]:
    """The generated dataset built on DuckDB and on Spark (neither publishes: the planted
    errors block it; both leave their build database)."""
    return spark_builds.generated_on_duckdb, spark_builds.generated.result()
