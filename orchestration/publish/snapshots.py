"""Published builds as immutable snapshots, and the atomic swap that makes one live.

warehouse/snapshots/<build_id>/industry_stats.duckdb is written once (read-only afterwards)
for every published build (a folder per build, so the file keeps its name: DuckDB names a
database after its file, and dbt's views refer to "industry_stats"); warehouse/industry_stats.duckdb is a copy of the live one, replaced by a
rename so a reader sees the old file or the new one, never a partial one. A reader that
opened the old file keeps its inode, and so its consistent view, until it closes."""

from __future__ import annotations

import json
import os
import shutil
import stat
from dataclasses import dataclass

import duckdb
from pathlib import Path

from orchestration import settings
from orchestration.publish.build_info import read_record
from orchestration.publish.build_info import now_utc
from orchestration.warehouse import connect

TMP_MARK = ".tmp-"  # leftovers of a copy that never finished; swept by clean_leftovers()


@dataclass(frozen=True)
class Snapshot:
    build_id: str
    path: Path

    def record(self) -> dict:
        with connect(self.path, read_only=True) as con:
            return read_record(con)


def _home(warehouse: Path | None) -> Path:
    """The warehouse folder a call works on: the one given (a Dagster run's paths resource),
    else the environment's."""
    return warehouse if warehouse is not None else settings.warehouse_dir()


def snapshots_dir(warehouse: Path | None = None) -> Path:
    return _home(warehouse) / "snapshots"


def list_snapshots(warehouse: Path | None = None) -> list[Snapshot]:
    """Every snapshot, newest first (build ids sort by start time)."""
    folder = snapshots_dir(warehouse)
    if not folder.is_dir():
        return []
    paths = [p for p in folder.glob(f"*/{settings.PUBLISHED_NAME}") if not p.parent.name.startswith(".")]
    return [Snapshot(p.parent.name, p) for p in sorted(paths, reverse=True)]


def _publish_entries(warehouse: Path | None = None) -> list[dict]:
    try:
        lines = publish_log(warehouse).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    entries = []
    for line in lines:
        try:
            entries.append(json.loads(line))
        except ValueError:
            continue  # a line cut by a crash: the others still count
    return entries


def published_ids(warehouse: Path | None = None) -> set[str]:
    """Builds that were live: named by the publish log, or live now (a publish killed after
    its rename but before its log line)."""
    live = live_build_id(warehouse)
    return {entry["build_id"] for entry in _publish_entries(warehouse) if "build_id" in entry} | ({live} if live else set())


def list_published(warehouse: Path | None = None) -> list[Snapshot]:
    """Snapshots of builds that were published, newest first. A snapshot whose live copy
    never completed (a publish killed between the two copies) is no published build: the
    next build removes it (clean_leftovers)."""
    published = published_ids(warehouse)
    return [s for s in list_snapshots(warehouse) if s.build_id in published]


def never_published(warehouse: Path | None = None) -> list[Snapshot]:
    """Snapshots newer than the live build that no publish named: a publish killed between
    taking the snapshot and completing the live copy. Older ones are left alone (a rollback
    makes an older build live), and so is everything when a live build exists but the
    publish log does not: nothing can be told then, and history is never deleted on a guess."""
    live = live_build_id(warehouse)
    if live and not publish_log(warehouse).exists():
        return []
    published = published_ids(warehouse)
    return [s for s in list_snapshots(warehouse) if s.build_id not in published and (live is None or s.build_id > live)]


def find(build_id: str) -> Snapshot:
    for snapshot in list_published():
        if snapshot.build_id == build_id:
            return snapshot
    if any(s.build_id == build_id for s in never_published()):
        raise LookupError(f"snapshot {build_id!r} was never published (its live copy did not complete): "
                          "not a build to roll back to")
    known = ", ".join(s.build_id for s in list_published()) or "none"
    raise LookupError(f"no snapshot {build_id!r} in {snapshots_dir()} (known: {known})")


def live_record(warehouse: Path | None = None) -> dict | None:
    """meta.build_info of the published database, if there is one."""
    published = _home(warehouse) / settings.PUBLISHED_NAME
    if not published.exists():
        return None
    with connect(published, read_only=True) as con:
        try:
            return read_record(con)
        except duckdb.CatalogException:  # published before builds recorded themselves
            return None


def live_build_id(warehouse: Path | None = None) -> str | None:
    record = live_record(warehouse)
    return record["build_id"] if record else None


def previous_snapshot(build_id: str) -> Snapshot | None:
    """The newest snapshot older than `build_id`: what the report compares a build with."""
    older = [s for s in list_snapshots() if s.build_id < build_id]
    return older[0] if older else None


def _durable_copy(source: Path, target: Path) -> None:
    """Copy to a temporary name beside `target`, fsync, rename over `target`, fsync the
    folder: after a crash `target` is the old file or the complete new one."""
    tmp = target.with_name(f".{target.name}{TMP_MARK}{os.getpid()}")
    try:
        shutil.copyfile(source, tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def take(build_db: Path, build_id: str) -> Snapshot:
    """Keep the finished build database as snapshot `build_id` (made read-only)."""
    folder = snapshots_dir() / build_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / settings.PUBLISHED_NAME
    _durable_copy(build_db, path)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return Snapshot(build_id, path)


def make_live(snapshot: Snapshot, reason: str, warnings: list[str] | None = None) -> None:
    """Publish `snapshot` as warehouse/industry_stats.duckdb (atomic) and log it, with any
    warning the publish step raised (the command line's summary prints them)."""
    published = settings.published_db()
    _durable_copy(snapshot.path, published)
    published.chmod(stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)
    entry = {"published_at": now_utc(), "build_id": snapshot.build_id, "reason": reason}
    if warnings:
        entry["warnings"] = warnings
    with open(publish_log(), "a", encoding="utf-8") as log:
        log.write(json.dumps(entry, ensure_ascii=False) + "\n")


def publish_warnings(build_id: str | None) -> list[str]:
    """The warnings logged with the latest publish of `build_id`."""
    entries = [e for e in _publish_entries() if build_id and e.get("build_id") == build_id]
    return entries[-1].get("warnings", []) if entries else []


def _history_note(warehouse: Path | None = None) -> Path:
    return _home(warehouse) / "build" / "snapshots_at_start.json"


def note_history(warehouse: Path | None = None) -> None:
    """At the start of a build (lock held): which published snapshots exist, so the publish
    step can tell if the rollback history vanished meanwhile."""
    note = _history_note(warehouse)
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(json.dumps(sorted(s.build_id for s in list_published(warehouse))), encoding="utf-8")


def check_history() -> list[str]:
    """Before a publish: snapshots that existed when the build started, and the live build's
    own, that are gone (someone deleted warehouse/snapshots/ or part of it). The live build's
    snapshot is taken again from the published file, which is a copy of it; what cannot be
    recovered is said, loudly, in the returned warnings."""
    try:
        noted = set(json.loads(_history_note().read_text(encoding="utf-8")))
    except (OSError, ValueError):
        noted = set()
    live = live_build_id()
    present = {s.build_id for s in list_snapshots()}
    vanished = sorted(noted - present)
    warnings = []
    if vanished:
        warnings.append(f"rollback history lost: {len(vanished)} snapshot(s) vanished from {snapshots_dir()} "
                        f"during the build: {', '.join(vanished)}")
    if live and live not in present:
        take(settings.published_db(), live)
        warnings.append(f"the live build's snapshot {live} was missing: taken again from {settings.published_db()}")
    gone = [build_id for build_id in vanished if build_id != live]
    if gone:
        warnings.append(f"no rollback to {', '.join(gone)} is possible any more")
    return warnings


def publish(build_db: Path, build_id: str, keep: int, warnings: list[str] | None = None) -> tuple[Snapshot, list[str]]:
    """The publish step after the build database is checkpointed: keep it as snapshot
    `build_id`, make that live (its publish-log line carrying `warnings`), prune to `keep`
    snapshots. Killed at any moment, the live file is the previous build or this one,
    whole; clean_leftovers() sweeps the rest."""
    snapshot = take(build_db, build_id)
    make_live(snapshot, reason="build", warnings=warnings)
    return snapshot, prune(keep, live=build_id)


def publish_log(warehouse: Path | None = None) -> Path:
    """One line per publish or rollback: when, which build, why."""
    return _home(warehouse) / "publish_log.jsonl"


def prune(keep: int, live: str | None = None) -> list[str]:
    """Delete all but the newest `keep` snapshots, never the live one (`live`, else read
    from the published file); returns what went."""
    live = live or live_build_id()
    removed = []
    for snapshot in list_snapshots()[keep:]:
        if snapshot.build_id != live:
            shutil.rmtree(snapshot.path.parent)
            removed.append(snapshot.build_id)
    return removed


def clean_leftovers(warehouse: Path | None = None) -> list[Path]:
    """Remove what a killed build leaves behind: half-copied temporaries and the build
    database with its WAL. Only called with the build lock held."""
    warehouse = _home(warehouse)
    folders = [warehouse, *(p for p in snapshots_dir(warehouse).glob("*") if p.is_dir())]
    leftovers = [p for folder in folders for p in folder.iterdir() if TMP_MARK in p.name or p.name.endswith(".tmp")]
    build = warehouse / "build" / settings.PUBLISHED_NAME
    leftovers += [p for p in (build, build.with_name(build.name + ".wal")) if p.exists()]
    for path in leftovers:
        path.unlink(missing_ok=True)
    for folder in folders[1:]:  # a snapshot whose copy never finished
        if not any(folder.iterdir()):
            folder.rmdir()
            leftovers.append(folder)
    for snapshot in never_published(warehouse):  # its live copy never completed
        shutil.rmtree(snapshot.path.parent)
        leftovers.append(snapshot.path.parent)
    return leftovers
