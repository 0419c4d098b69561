"""The build's log: everything Dagster, dbt and Great Expectations say during `regstat
build` goes to warehouse/logs/<build_id>.log; the terminal gets one line per step (and the
whole log live with --verbose)."""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration import settings

_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


@dataclass
class BuildLog:
    path: Path

    def add_dagster_events(self, events: list) -> None:
        """Dagster's event log of the run, appended (its console logger is silent unless
        --verbose, so the file would otherwise miss it)."""
        with self.path.open("a", encoding="utf-8") as out:
            out.write("\n== Dagster events ==\n")
            for entry in events:
                stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(entry.timestamp))
                kind = entry.dagster_event.event_type_value if entry.dagster_event else "LOG"
                out.write(f"{stamp} {entry.level if isinstance(entry.level, str) else logging.getLevelName(entry.level):<7} "
                          f"{entry.step_key or '-'} {kind}: {entry.user_message}\n")

    def name_after_build(self, run_id: str) -> None:
        """Rename the file to <build_id>.log once the build has an id (the ingest step gives
        it); <run id>.log when the build stopped before."""
        name = run_id
        with contextlib.suppress(duckdb.Error, FileNotFoundError, TypeError):
            con = duckdb.connect(str(settings.build_db()), read_only=True)
            try:
                row = con.execute("select build_id from meta.build_info where run_id = ?", [run_id]).fetchone()
                name = row[0] if row else name
            finally:
                con.close()
        target = self.path.with_name(f"{name}.log")
        self.path = self.path.replace(target)


@contextlib.contextmanager
def capture(verbose: bool) -> Iterator[BuildLog]:
    """Route every Python log record (dbt's events through `regstat.dbt`, Great
    Expectations, Dagster's Python loggers) to a new file under warehouse/logs/, and to the
    terminal only when `verbose`; restored afterwards."""
    folder = settings.warehouse_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    log = BuildLog(folder / f"build-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}.log")
    root = logging.getLogger()
    saved_level, saved_handlers = root.level, list(root.handlers)
    file_handler = logging.FileHandler(log.path, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    handlers: list[logging.Handler] = [file_handler]
    if verbose:
        live = logging.StreamHandler(sys.stderr)
        live.setFormatter(logging.Formatter(_FORMAT))
        handlers.append(live)
    # Our handlers replace any a library installed on the root logger (a basicConfig that
    # would print INFO lines to the terminal).
    root.handlers = handlers
    root.setLevel(logging.INFO)
    try:
        yield log
    finally:
        file_handler.close()
        root.handlers, root.level = saved_handlers, saved_level


def step_lines(events: list) -> list[str]:
    """One line per finished step, in the order they finished: name, time, and FAILED."""
    started: dict[str, float] = {}
    lines = []
    for entry in events:
        event = entry.dagster_event
        if event is None or not entry.step_key:
            continue
        kind = event.event_type_value
        if kind == "STEP_START":
            started[entry.step_key] = entry.timestamp
        elif kind in ("STEP_SUCCESS", "STEP_FAILURE", "STEP_SKIPPED") and entry.step_key in started:
            seconds = entry.timestamp - started.pop(entry.step_key)
            flag = {"STEP_FAILURE": "  FAILED", "STEP_SKIPPED": "  skipped"}.get(kind, "")
            lines.append(f"  {_short(entry.step_key):<44}{seconds:6.1f} s{flag}")
    return lines


def _short(step_key: str) -> str:
    """Asset-check steps are named <asset>_<check>: the check's name is enough."""
    for marker in ("_expectations_", "_no_"):
        if marker in step_key:
            return "check " + step_key[step_key.index(marker) + 1:]
    return step_key
