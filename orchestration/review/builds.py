"""Rebuilds started from the studio, and the check results it shows.

A rebuild is `regstat build --quiet` in a subprocess: the same run_build as the CLI (it takes
the build lock, so a build started elsewhere is waited for), kept out of the server process
because a Dagster run holds the interpreter for a minute. One at a time: starting a second
while one runs returns the running one."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from orchestration import settings

CHECK_COLUMNS = ["check_id", "rule", "severity", "status", "observed", "expected", "message", "figure_ids"]


@dataclass
class Build:
    started: float
    process: subprocess.Popen[str] | None = None
    finished: float | None = None
    returncode: int | None = None
    output: str = ""
    doc_id: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def snapshot(self) -> dict[str, Any]:
        running = self.finished is None
        return {"state": "running" if running else ("published" if self.returncode == 0 else "not published"),
                "running": running, "returncode": self.returncode, "doc_id": self.doc_id,
                "seconds": round((self.finished or time.time()) - self.started, 1),
                "output": self.output[-4000:]}


class BuildRunner:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.current: Build | None = None

    def start(self, doc_id: str = "") -> Build:
        with self._lock:
            if self.current is not None and self.current.finished is None:
                return self.current
            build = Build(started=time.time(), doc_id=doc_id)
            build.process = subprocess.Popen(
                [sys.executable, "-m", "orchestration.commands", "build", "--quiet"], cwd=settings.PROJECT_ROOT,
                env={**os.environ, "REGSTAT_RAW_DIR": str(settings.raw_dir()),
                     "REGSTAT_WAREHOUSE_DIR": str(settings.warehouse_dir())},
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
            self.current = build
            threading.Thread(target=self._wait, args=(build,), daemon=True, name="regstat-review-build").start()
            return build

    @staticmethod
    def _wait(build: Build) -> None:
        assert build.process is not None
        output, _ = build.process.communicate()
        build.output, build.returncode, build.finished = output, build.process.returncode, time.time()

    def status(self) -> dict[str, Any]:
        return self.current.snapshot() if self.current else {"state": "idle", "running": False}

    def stop(self) -> None:
        """End a running build (the server is shutting down)."""
        if self.current and self.current.process and self.current.finished is None:
            self.current.process.terminate()


def results_db(runner: BuildRunner | None = None) -> tuple[Path | None, bool]:
    """The database whose checks the studio shows, and whether it is the published one: the
    build database when the last build from here was not published (its failures are the
    news), else the published warehouse."""
    last = runner.current if runner else None
    if last and last.finished and last.returncode != 0 and settings.build_db().exists():
        return settings.build_db(), False
    published = settings.published_db()
    return (published, True) if published.exists() else (None, False)


def _query(db: Path, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def check_counts(db: Path | None) -> dict[str, dict[str, int]]:
    """doc_id → {pass, warn, fail}: the checks of each document in a build."""
    if db is None:
        return {}
    try:
        rows = _query(db, "select doc_id, status, count(*) from marts.fct_check_result where doc_id is not null "
                          "group by all", [])
    except duckdb.Error:
        return {}
    counts: dict[str, dict[str, int]] = {}
    for doc_id, status, n in rows:
        counts.setdefault(doc_id, {})[status] = n
    return counts


def document_checks(db: Path | None, doc_id: str) -> list[dict[str, Any]]:
    """A document's check results, failures and warnings first."""
    if db is None:
        return []
    try:
        rows = _query(db, f"select {', '.join(CHECK_COLUMNS)} from marts.fct_check_result where doc_id = ? "
                          "order by case status when 'fail' then 0 when 'warn' then 1 else 2 end, check_id", [doc_id])
    except duckdb.Error:
        return []
    return [dict(zip(CHECK_COLUMNS, row)) for row in rows]
