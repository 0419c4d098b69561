"""Readers query the published database in a loop while builds publish: none ever gets an
error or a partial result."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from tests.conftest import PROJECT, RAW, build_cli
from tests.operations.conftest import published_state

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


def test_readers_never_see_an_error_or_a_partial_build(seed_build, tmp_path, variant_raw):
    """Three reader processes loop over the published file while two builds publish (the
    seed build is replaced by other inputs, then those by the seed inputs again): zero
    errors, every result is one whole build, and they saw both swaps. A connection opened
    before the publishes keeps its consistent view of the first build until it closes."""
    warehouse = tmp_path / "warehouse"  # the session's seed build is live at first
    warehouse.mkdir()
    shutil.copyfile(seed_build.published, warehouse / "industry_stats.duckdb")
    shutil.copytree(seed_build.warehouse / "snapshots", warehouse / "snapshots")
    published, stop = warehouse / "industry_stats.duckdb", tmp_path / "stop"
    states = {published_state(published)}
    first_id = next(iter(states))[0]
    held = duckdb.connect(str(published), read_only=True)  # opened before the publishes below
    # Output to files, not pipes: a full pipe would block a reader until the end.
    logs = [tmp_path / f"reader{n}.jsonl" for n in range(3)]
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(published), str(stop)], cwd=PROJECT,
                                stdout=open(log, "w"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env={**os.environ, "PYTHONPATH": str(PROJECT)}) for log in logs]
    try:
        for count, raw in enumerate((variant_raw, RAW), start=2):
            result = build_cli(warehouse, raw).result  # another process: this one holds a connection
            assert result.returncode == 0, result.stderr[-3000:]
            wait_until_every_reader_saw(logs, count)
    finally:
        stop.touch()
        for reader in readers:
            reader.wait(timeout=60)

    # Each build as its snapshot records it (read from the snapshot files: while `held` is
    # open, this process's new connections to the published path share its old database).
    states |= {published_state(path) for path in (warehouse / "snapshots").glob("*/industry_stats.duckdb")}
    assert len(states) == 3
    # The connection opened before the publishes still sees the first build, whole.
    assert held.execute("select build_id from meta.build_info").fetchone()[0] == first_id
    assert held.execute("select count(*) from marts.fct_figure").fetchone()[0] > 0
    held.close()
    assert published_state(published)[0] != first_id  # a new connection sees the last build

    assert all(reader.returncode == 0 for reader in readers), [log.read_text()[-2000:] for log in logs]
    lines = [json.loads(line) for log in logs for line in log.read_text().splitlines()]
    errors = [line for line in lines if "error" in line]
    assert errors == [], errors[:5]
    seen = {(line["build_id"], line["marts_hash"]) for line in lines}
    assert seen <= states  # every result is one whole published build
    assert len({build_id for build_id, _ in seen}) == 3  # readers saw both swaps happen
    assert len(lines) >= 100
    print(f"{len(lines)} reader queries over {len(states)} builds, 0 errors")
