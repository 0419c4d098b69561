"""dbt in this process (dbt.cli.main.dbtRunner), not as `dbt` subprocesses.

A subprocess pays Python start, dbt's import and a parse of the whole project on every
invocation (plus dagster-dbt's `dbt --version`); in process dbt is imported once, the
project is parsed once per target while its files are unchanged (the parsed manifest is
kept in memory, keyed by a hash of the project's files) and, across processes, parsing is
partial: dbt keeps target/partial_parse.msgpack, which survives as long as the vars, the
profile and the target stay the same. So nothing that changes from build to build is passed
as a var: what a build must know (full or incremental) is in the build database
(meta.build_info), and the profile reads only the warehouse folder and the memory limit.

dbt's log goes to the `regstat.dbt` logger (the CLI writes it to warehouse/logs/ and shows
it live with --verbose), not to stdout.
"""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orchestration import settings
from orchestration.settings import DBT_PROJECT_DIR

log = logging.getLogger("regstat.dbt")

# What a parse depends on: the project's own files (target/, logs/ and the Spark log4j
# configuration are not read by dbt's parser).
_PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "selectors.yml")
_PROJECT_FOLDERS = ("models", "macros", "tests")

# Flags every invocation shares: dbt writes nothing to stdout or to its own log file (the
# callback below receives every event), sends no usage statistics, and reads the project
# and the profile from dbt_project/ whatever the working directory.
_COMMON = ["--log-level", "none", "--log-level-file", "none", "--no-send-anonymous-usage-stats",
           "--no-use-colors"]


class DbtError(RuntimeError):
    """A dbt invocation failed: its message names the failing nodes or dbt's own error."""


def project_hash(project_dir: Path = DBT_PROJECT_DIR) -> str:
    """SHA-256 over the project's parsed files, names included: a changed, added or
    removed model, macro, test or YAML file changes it."""
    digest = hashlib.sha256()
    paths = [project_dir / name for name in _PROJECT_FILES]
    for folder in _PROJECT_FOLDERS:
        paths += sorted(p for p in (project_dir / folder).rglob("*") if p.is_file())
    for path in paths:
        if path.exists():
            digest.update(str(path.relative_to(project_dir)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _project_args(target: str) -> list[str]:
    return ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR), "--target", target]


def _log_event(msg: Any) -> None:
    """Every dbt event to the `regstat.dbt` logger at the event's own level."""
    info = msg.info
    if info.msg:
        level = {"debug": logging.DEBUG, "warn": logging.WARNING, "error": logging.ERROR}.get(info.level, logging.INFO)
        log.log(level, info.msg)


@dataclass
class _ManifestCache:
    """Parsed manifests by (project hash, target), with the dbt environment they were
    parsed under (the profile reads these variables; another warehouse is another parse)."""

    entries: dict[tuple[str, str, str], Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


_CACHE = _ManifestCache()
_PROFILE_ENV = ("REGSTAT_WAREHOUSE_DIR", "REGSTAT_DUCKDB_MEMORY")


def _env_key() -> str:
    # The profile's default ('../warehouse') is relative to the working directory, which in
    # this process is wherever `regstat` was started: name the folder settings resolve.
    os.environ.setdefault("REGSTAT_WAREHOUSE_DIR", str(settings.warehouse_dir()))
    return "|".join(f"{name}={os.environ.get(name, '')}" for name in _PROFILE_ENV)


def manifest(target: str) -> Any:
    """The parsed project for `target` (a dbt Manifest): from memory when the project's
    files are unchanged since this process parsed them, else parsed (partially, when
    target/partial_parse.msgpack is current), which also writes target/manifest.json for
    the Dagster definitions."""
    from dbt.cli.main import dbtRunner

    key = (project_hash(), target, _env_key())
    with _CACHE.lock:
        if key in _CACHE.entries:
            return _CACHE.entries[key]
        result = dbtRunner(callbacks=[_log_event]).invoke(["parse", *_COMMON, *_project_args(target)])
        if not result.success:
            raise DbtError(f"dbt could not parse {DBT_PROJECT_DIR}: {result.exception or 'see the build log'}")
        _CACHE.entries = {k: v for k, v in _CACHE.entries.items() if k[1:] != key[1:]}  # one per target
        _CACHE.entries[key] = result.result
        return result.result


# The events that report a node's result (what dagster-dbt turns into materializations and
# check results); a build fires some 25 times as many others.
RESULT_EVENTS = frozenset({"LogSeedResult", "LogModelResult", "LogSnapshotResult", "LogTestResult"})


def invoke(args: list[str], target: str, on_event: Callable[[dict], None] | None = None,
           events: frozenset[str] | None = None) -> Any:
    """Run one dbt command (`build`, `run` …, with its selection) on `target` with the
    cached manifest; every event is logged and, as dbt's JSON log dict, passed to
    `on_event` (only those named in `events`, if given: converting each to a dict costs).
    Returns dbt's result (a RunExecutionResult); raises DbtError naming the failed nodes."""
    from dbt.cli.main import dbtRunner
    from dbt_common.events.functions import msg_to_dict

    def callback(msg: Any) -> None:
        _log_event(msg)
        if on_event is not None and (events is None or msg.info.name in events):
            on_event(msg_to_dict(msg))

    runner = dbtRunner(manifest=manifest(target), callbacks=[callback])
    try:
        result = runner.invoke([*args, *_COMMON, *_project_args(target)])
    finally:
        _close_duckdb()
    if result.exception is not None:
        raise DbtError(f"dbt {args[0]} failed: {result.exception}")
    if not result.success:
        failed = [r for r in getattr(result.result, "results", []) if str(r.status) in ("error", "fail", "runtime error")]
        listing = "\n".join(f"  {r.node.unique_id}: {str(r.message or r.status).strip()}" for r in failed)
        raise DbtError(f"dbt {args[0]}: {len(failed)} node(s) failed\n{listing}")
    return result.result


def _close_duckdb() -> None:
    """Close the database dbt-duckdb keeps open for the invocation (profile: keep_open), so
    this process can open the file again with its own configuration."""
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:  # another adapter only (Spark): nothing of DuckDB's is open
        return
    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
            DuckDBConnectionManager._ENV = None


_DONE = object()


def stream(args: list[str], target: str, events: frozenset[str] | None = RESULT_EVENTS) -> Iterator[dict]:
    """`invoke` on a worker thread, yielding its events as they happen (dbt's JSON log
    dicts; by default only node results) so the caller can report each model as it
    finishes; raises what `invoke` raises once the events are consumed."""
    queued: queue.Queue = queue.Queue()
    outcome: dict[str, BaseException] = {}

    def work() -> None:
        try:
            invoke(args, target, queued.put, events)
        except BaseException as exc:  # handed to the consuming thread
            outcome["error"] = exc
        finally:
            queued.put(_DONE)

    worker = threading.Thread(target=work, name="dbt", daemon=True)
    worker.start()
    while (event := queued.get()) is not _DONE:
        yield event
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
