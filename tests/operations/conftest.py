"""Helpers for the operations tests: a second, different but valid set of inputs, a check
that a published database is whole, and one warehouse history (three builds, readers
watching the publishes) that the snapshot and concurrent-reader tests share."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from orchestration.publish.build_info import mart_stats
from orchestration.publish.snapshots import TMP_MARK
from tests.conftest import PROJECT, RAW, build_cli, copy_raw


def make_variant(raw: Path) -> Path:
    """Rename one region in English: a valid input whose dim_region (and so marts_hash)
    differs from the committed data's."""
    path = raw / "reference" / "regions.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["name_en"] += " (variant)"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return raw


@pytest.fixture(scope="session")
def variant_raw(tmp_path_factory) -> Path:
    return make_variant(copy_raw(tmp_path_factory.mktemp("variant") / "raw"))


def published_state(db: Path) -> tuple[str, str]:
    """(build_id, marts_hash) of a published database, after checking it is whole: it opens,
    every mart's rows hash to what the build recorded for it, and no check failed."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        build_id, marts_hash, failed = con.execute(
            "select build_id, marts_hash, checks_fail from meta.build_info").fetchone()
        recorded = {m: (n, h) for m, n, h in con.execute("select mart, row_count, content_hash from meta.build_marts").fetchall()}
        actual = {m: (n, h) for m, n, h in mart_stats(con)}
    finally:
        con.close()
    assert failed == 0, f"{db}: published with {failed} failed checks"
    assert actual == recorded, f"{db}: marts differ from what build {build_id} recorded"
    return build_id, marts_hash


def leftovers(warehouse: Path) -> list[Path]:
    """Temporaries of an unfinished copy, in the warehouse folder or a snapshot folder."""
    folders = [warehouse, *(warehouse / "snapshots").glob("*")]
    return [p for folder in folders if folder.is_dir() for p in folder.iterdir()
            if TMP_MARK in p.name or p.name.endswith(".tmp")]


# Each iteration opens the published file read-only, checks it is whole (published_state:
# every mart hashes to what its build recorded) and runs an analyst query; it prints one
# JSON line per iteration and never stops on an error: it reports it. The readers loop
# without pause but at the lowest CPU priority: on two cores, three busy readers at equal
# priority starved the builds (244 s for the test); niced, they take every cycle the build
# leaves, which includes the publish step (file copies waiting on fsync), the moment
# that matters.
READER = """
import json, os, sys, time
from pathlib import Path
os.nice(19)
import duckdb
from tests.operations.conftest import published_state
db, stop = Path(sys.argv[1]), Path(sys.argv[2])
while not stop.exists():
    try:
        build_id, marts_hash = published_state(db)
        con = duckdb.connect(str(db), read_only=True)
        try:
            figures = con.execute("select count(*) from marts.fct_figure f join marts.dim_region r using (region_code)").fetchone()[0]
        finally:
            con.close()
        print(json.dumps({"build_id": build_id, "marts_hash": marts_hash, "figures": figures}), flush=True)
    except Exception as exc:
        print(json.dumps({"error": repr(exc)}), flush=True)
"""


def builds_seen(log: Path) -> set[str]:
    """The build ids one reader has reported so far (a line being written is skipped)."""
    seen = set()
    for line in log.read_text().splitlines():
        try:
            seen.add(json.loads(line).get("build_id"))
        except json.JSONDecodeError:
            continue
    return seen - {None}


def wait_until_every_reader_saw(logs: list[Path], count: int, timeout: float = 180) -> None:
    """Until each reader has reported `count` builds: a niced reader can lag a busy machine,
    and stopping it before it has read the last swap would prove less."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(len(builds_seen(log)) < count for log in logs):
        time.sleep(0.5)


@dataclass
class History:
    """A warehouse after three publishes, as the readers and a held connection saw them."""

    warehouse: Path
    states: list[tuple[str, str]]  # (build_id, marts_hash): the seed build, the variant, the seed inputs again
    reader_logs: list[Path]
    reader_exits: list[int | None]
    held_build_id: str  # what a connection opened before the publishes read after them
    held_figures: int


@pytest.fixture(scope="session")
def history(seed_build, tmp_path_factory, variant_raw) -> History:
    """Three builds in one warehouse keeping two snapshots: the session's seed build (copied
    in with its snapshot), then the variant and the seed inputs again, each a `regstat
    build` process (this one holds a connection), while three reader processes query the
    published file in a loop and a connection opened before the publishes stays open. After
    each build it waits until every reader has reported the new build. The snapshot tests
    and the concurrent-reader test share these two builds."""
    root = tmp_path_factory.mktemp("history")
    warehouse, stop = root / "warehouse", root / "stop"
    warehouse.mkdir()
    published = warehouse / "industry_stats.duckdb"
    shutil.copyfile(seed_build.published, published)
    shutil.copytree(seed_build.warehouse / "snapshots", warehouse / "snapshots")
    first = published_state(published)
    held = duckdb.connect(str(published), read_only=True)  # opened before the publishes below
    # Output to files, not pipes: a full pipe would block a reader until the end.
    logs = [root / f"reader{n}.jsonl" for n in range(3)]
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(published), str(stop)], cwd=PROJECT,
                                stdout=open(log, "w"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env={**os.environ, "PYTHONPATH": str(PROJECT)}) for log in logs]
    os.environ["REGSTAT_KEEP_SNAPSHOTS"] = "2"
    try:
        for count, raw in enumerate((variant_raw, RAW), start=2):
            result = build_cli(warehouse, raw).result  # another process: this one holds a connection
            assert result.returncode == 0, result.stderr[-3000:]
            wait_until_every_reader_saw(logs, count)
    finally:
        del os.environ["REGSTAT_KEEP_SNAPSHOTS"]
        stop.touch()
        for reader in readers:
            reader.wait(timeout=60)
    try:
        held_build_id = held.execute("select build_id from meta.build_info").fetchone()[0]
        held_figures = held.execute("select count(*) from marts.fct_figure").fetchone()[0]
    finally:
        held.close()
    # Each new build as its snapshot records it, oldest first (build ids sort by start).
    built = [published_state(path) for path in sorted((warehouse / "snapshots").glob("*/industry_stats.duckdb"))]
    return History(warehouse, [first, *built], logs, [r.returncode for r in readers], held_build_id, held_figures)
