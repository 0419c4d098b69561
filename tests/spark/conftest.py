"""The Spark build of the committed data, once per session: the real `regstat build
--engine spark` (Dagster, dbt-spark on a local PySpark session, DuckDB, Great
Expectations) in a subprocess. Spark needs a Java runtime; without one these tests are
skipped, saying so (.ci/run installs Java 17 when it is missing)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import Build, regstat


def java_missing() -> str | None:
    """Why Spark cannot run here, or None."""
    if shutil.which("java") is None:
        return "no `java` on PATH: the Spark engine needs a Java 17 runtime (Debian: apt-get install openjdk-17-jre-headless)"
    return None


requires_java = pytest.mark.skipif(java_missing() is not None, reason=java_missing() or "")


@pytest.fixture(scope="session")
def spark_build(tmp_path_factory) -> Build:
    """The committed data built with the models on Spark."""
    if reason := java_missing():
        pytest.skip(reason)
    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    result = Build(warehouse, regstat("build", "--quiet", "--engine", "spark", warehouse=warehouse))
    assert result.result.returncode == 0, result.result.stdout[-5000:] + result.result.stderr[-5000:]
    return result
