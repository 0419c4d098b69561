"""Kill the build with SIGKILL at many moments: the published warehouse survives every one.

Each kill takes the build's whole process group (what a service manager or the OOM killer
of a container does: dbt's subprocess dies too). The moments are chosen relative to the
step the Dagster log says has started, spread over ingest, dbt, validation and publish.
After each kill the published database must open, pass its own checks (every mart hashes
to what its build recorded; no failed check) and be the previous build or the new one; the
next build must succeed and leave no temporary file behind.

Builds alternate between two valid inputs with different marts, so "previous" and "new"
are distinguishable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from orchestration.snapshots import TMP_MARK
from tests.conftest import PROJECT, RAW, build
from tests.operations.conftest import published_state

# (step whose STEP_START line in the debug log arms the kill, seconds after it); "start" is
# the process start.
KILL_POINTS = [
    ("start", 1.0), ("start", 5.0), ("start", 9.0),  # dbt parse, loading the definitions
    ("raw_inputs", 0.0), ("raw_inputs", 0.1), ("raw_inputs", 0.25),  # ingest takes < 1 s
    ("dbt_models", 0.5), ("dbt_models", 2.0), ("dbt_models", 4.0), ("dbt_models", 6.0), ("dbt_models", 9.0),
    ("expectation_results", 0.2), ("expectation_results", 1.5), ("expectation_results", 3.5),
    # publish takes well under a second: snapshot copy, fsync, rename, live copy, rename
    ("warehouse__published", 0.0), ("warehouse__published", 0.02), ("warehouse__published", 0.05),
    ("warehouse__published", 0.1), ("warehouse__published", 0.2), ("warehouse__published", 0.35),
    ("warehouse__report", 0.0),
]


def build_killed_at(warehouse: Path, raw: Path, step: str, delay: float) -> str:
    """Start `regstat build`, SIGKILL its process group `delay` s after `step` started;
    returns how it ended ("killed" or "finished first")."""
    env = {**os.environ, "REGSTAT_WAREHOUSE_DIR": str(warehouse), "REGSTAT_RAW_DIR": str(raw)}
    proc = subprocess.Popen([sys.executable, "-m", "orchestration.cli", "build", "--log-level", "debug"], cwd=PROJECT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    armed = threading.Event()

    def kill_when_armed() -> None:
        armed.wait()
        time.sleep(delay)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    killer = threading.Thread(target=kill_when_armed, daemon=True)
    killer.start()
    if step == "start":
        armed.set()
    for line in proc.stderr:
        if "STEP_START" in line and f" - {step} - " in line:
            armed.set()
    proc.wait(timeout=600)
    armed.set()  # the step never started: the build failed or finished; let the thread go
    return "killed" if proc.returncode == -signal.SIGKILL else f"finished first (exit {proc.returncode})"


def leftovers(warehouse: Path) -> list[Path]:
    folders = [warehouse, *(warehouse / "snapshots").glob("*")]
    return [p for folder in folders if folder.is_dir() for p in folder.iterdir()
            if TMP_MARK in p.name or p.name.endswith(".tmp")]


def test_sigkill_at_any_moment_never_breaks_the_published_warehouse(tmp_path, variant_raw):
    warehouse = tmp_path / "warehouse"
    first = build(warehouse, RAW).result
    assert first.returncode == 0, first.stderr[-3000:]
    published = warehouse / "industry_stats.duckdb"
    inputs = {RAW: None, variant_raw: None}  # marts_hash per input, filled as builds publish
    previous_raw = RAW
    inputs[RAW] = published_state(published)[1]
    outcomes = []
    for n, (step, delay) in enumerate(KILL_POINTS):
        raw = variant_raw if previous_raw == RAW else RAW
        before = published_state(published)
        how = build_killed_at(warehouse, raw, step, delay)

        build_id, marts_hash = published_state(published)  # opens, whole, no failed check
        if build_id == before[0]:
            outcome = "previous"
        else:
            outcome = "new"
            assert (warehouse / "snapshots" / build_id / "industry_stats.duckdb").exists()
            assert inputs[raw] in (None, marts_hash)
        assert marts_hash in (before[1], inputs[raw]) or inputs[raw] is None

        recovery = build(warehouse, raw).result  # the next `make run`
        assert recovery.returncode == 0, f"kill {n} ({step}+{delay}s): {recovery.stderr[-3000:]}"
        assert leftovers(warehouse) == [], f"kill {n} ({step}+{delay}s)"
        build_id, marts_hash = published_state(published)
        assert inputs[raw] in (None, marts_hash)
        inputs[raw] = marts_hash
        previous_raw = raw
        outcomes.append((step, delay, how, outcome))
        print(f"kill {n:2d} {step}+{delay}s: {how}; published after kill: {outcome}", flush=True)

    killed = [o for o in outcomes if o[2] == "killed"]
    assert len(killed) >= 20, outcomes
    assert {o[0] for o in killed} >= {"raw_inputs", "dbt_models", "expectation_results", "warehouse__published"}
    assert {o[3] for o in outcomes} == {"previous", "new"}, outcomes  # both sides of the swap were hit
    assert inputs[RAW] != inputs[variant_raw]
