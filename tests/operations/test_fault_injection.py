"""Kill two real builds with SIGKILL, one during dbt and one during publish: the published
warehouse survives both, and the next build succeeds and leaves nothing behind.

Each kill takes the build's whole process group (what a service manager or the OOM killer
of a container does: a dbt subprocess dies too), at a moment relative to the step the
Dagster debug log says has started. After each kill the published database must open,
pass its own checks (every mart hashes to what its build recorded; no failed check) and be
the previous build or the new one.

Only the publish step writes the published file; every earlier step writes the build
database, so one kill before publish stands for all of them (the previous suite killed
16 moments before publish, each a full build, proving the same thing). The publish step
itself is killed at hundreds of random moments in test_publish_kills.py; these two real
builds prove the wiring around it: the process group dies, the lock is released, and the
next build sweeps what the killed ones left."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import PROJECT, build
from tests.operations.conftest import leftovers, published_state


def build_killed_at(warehouse: Path, raw: Path, step: str, delay: float) -> str:
    """Start `regstat build`, SIGKILL its process group `delay` s after `step` started;
    returns how it ended ("killed" or "finished first")."""
    env = {**os.environ, "REGSTAT_WAREHOUSE_DIR": str(warehouse), "REGSTAT_RAW_DIR": str(raw)}
    proc = subprocess.Popen([sys.executable, "-m", "orchestration.commands", "build", "--log-level", "debug"], cwd=PROJECT, env=env,
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


def start_from(seed_build, warehouse: Path) -> tuple[str, str]:
    """A warehouse whose live build is the session's seed build (with its snapshot)."""
    warehouse.mkdir()
    shutil.copyfile(seed_build.published, warehouse / "industry_stats.duckdb")
    shutil.copytree(seed_build.warehouse / "snapshots", warehouse / "snapshots")
    return published_state(warehouse / "industry_stats.duckdb")


def test_sigkill_during_dbt_and_during_publish_never_breaks_the_published_warehouse(seed_build, tmp_path, variant_raw):
    """A build of other inputs killed 2 s into dbt leaves the published build as it was; the
    next one, killed 0.1 s into the publish step, leaves the previous build or its own,
    whole; a third build publishes the new inputs and no temporary file remains."""
    warehouse = tmp_path / "warehouse"
    before = start_from(seed_build, warehouse)
    published = warehouse / "industry_stats.duckdb"

    assert build_killed_at(warehouse, variant_raw, "dbt_models", 2.0) == "killed"
    assert published_state(published) == before

    assert build_killed_at(warehouse, variant_raw, "warehouse__published", 0.1) == "killed"
    after_kill = published_state(published)
    if after_kill != before:  # the swap happened before the kill: the new build, kept as its snapshot
        assert (warehouse / "snapshots" / after_kill[0] / "industry_stats.duckdb").exists()

    # the next `make run`; --force: when the kill came after the swap the live build already
    # has these inputs, and a build would just say nothing changed
    recovery = build(warehouse, variant_raw, "--force").result
    assert recovery.returncode == 0, recovery.stderr[-3000:]
    assert leftovers(warehouse) == []
    build_id, marts_hash = published_state(published)
    assert marts_hash != before[1] and build_id not in (before[0], after_kill[0])
    if after_kill != before:
        assert marts_hash == after_kill[1]  # same inputs, same marts
