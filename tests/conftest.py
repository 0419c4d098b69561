"""Shared fixtures. Builds run the real `regstat build` (Dagster, dbt, DuckDB, Great
Expectations) with warehouse and raw directories redirected to temporary folders through
REGSTAT_WAREHOUSE_DIR / REGSTAT_RAW_DIR: in this process (the CLI's own entry point, its
output captured) unless a test needs a separate process (kills, concurrent builds), which
`build_cli` gives. Tests that only read a build share one (`seed_build`)."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

PROJECT = Path(__file__).resolve().parent.parent
RAW = PROJECT / "raw"


@dataclass
class Build:
    warehouse: Path
    result: subprocess.CompletedProcess

    @property
    def published(self) -> Path:
        return self.warehouse / "industry_stats.duckdb"

    @property
    def build_db(self) -> Path:
        return self.warehouse / "build" / "industry_stats.duckdb"

    def query(self, sql: str, db: Path | None = None, params: tuple = ()) -> list[tuple]:
        con = duckdb.connect(str(db or self.published), read_only=True)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def check(self, check_id: str, columns: str = "status, severity, figure_ids, message") -> tuple:
        """The published fct_check_result row of one check (exactly one)."""
        rows = self.query(f"select {columns} from marts.fct_check_result where check_id = ?", params=(check_id,))
        assert len(rows) == 1, (check_id, rows)
        return rows[0]


def regstat(*args: str, warehouse: Path, raw: Path = RAW, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run the regstat CLI as a newcomer would, against the given directories."""
    env = {**os.environ, "REGSTAT_WAREHOUSE_DIR": str(warehouse), "REGSTAT_RAW_DIR": str(raw),
           "DAGSTER_DISABLE_TELEMETRY": "1", "GX_ANALYTICS_ENABLED": "False"}
    return subprocess.run([sys.executable, "-m", "orchestration.commands", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def build(warehouse: Path, raw: Path = RAW, *args: str) -> Build:
    """`regstat build --quiet [args]` in this process: the CLI's main() with the folders in
    the environment for the call, stdout and stderr captured. A process of its own proves
    nothing more here, and costs the imports and a Python start per build."""
    from orchestration.commands import main

    saved = {name: os.environ.get(name) for name in ("REGSTAT_WAREHOUSE_DIR", "REGSTAT_RAW_DIR")}
    os.environ.update(REGSTAT_WAREHOUSE_DIR=str(warehouse), REGSTAT_RAW_DIR=str(raw))
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["build", "--quiet", *args])
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return Build(warehouse, subprocess.CompletedProcess(["regstat", "build", "--quiet", *args], code,
                                                        out.getvalue(), err.getvalue()))


def build_cli(warehouse: Path, raw: Path = RAW, *args: str) -> Build:
    """`regstat build --quiet [args]` as a subprocess, for tests about processes."""
    return Build(warehouse, regstat("build", "--quiet", *args, warehouse=warehouse, raw=raw))


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a UTF-8 CSV file as dicts (tests that edit raw/ or review files)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv_rows(path: Path, rows: list[dict[str, str]]) -> None:
    """Write `rows` (dicts with the same keys) as a UTF-8 CSV file with a header."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_raw(destination: Path) -> Path:
    """A private copy of the committed raw/ to modify."""
    shutil.copytree(RAW, destination)
    return destination


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Build:
    """The committed data built once for the session."""
    result = build(tmp_path_factory.mktemp("warehouse"))
    assert result.result.returncode == 0, result.result.stdout + result.result.stderr
    return result


@pytest.fixture(scope="session")
def register_build(tmp_path_factory) -> tuple[Path, Build]:
    """A small consistent generated raw folder (`regstat generate`: an enterprise register and
    two complete years of monthly reports; the committed raw/ has none), built and published."""
    from orchestration.synthetic import Scale, generate

    raw = tmp_path_factory.mktemp("register") / "raw"
    generate(raw, Scale(enterprises=400, months=24, counties=4, counties_per_city=2, inject=False), progress=lambda _: None)
    result = build(tmp_path_factory.mktemp("warehouse"), raw)
    assert result.result.returncode == 0, result.result.stdout[-3000:] + result.result.stderr[-3000:]
    return raw, result
