"""One build at a time per warehouse folder.

The lock is an flock on warehouse/.build.lock, held by the process running the build for
the whole run (a Dagster resource: the in-process executor sets resources up once per run)
and released by the kernel if that process dies, so a killed build never leaves it stuck.
A second build waits for it, printing who holds it, and gives up after a timeout with a
clear message."""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

from orchestration import settings
from orchestration.publish.build_info import now_utc


class BuildLockTimeout(Exception):
    """Another build held the warehouse longer than we were willing to wait."""


def lock_path(warehouse: Path | None = None) -> Path:
    return settings.build_lock_path() if warehouse is None else warehouse / ".build.lock"


_held: set[Path] = set()  # locks this process holds: `regstat build` takes it before the run does


@contextmanager
def hold_build_lock(run_id: str, timeout: float, say: Callable[[str], None] = print,
                    warehouse: Path | None = None) -> Iterator[None]:
    path = lock_path(warehouse)
    if path in _held:  # re-entered by the same process: already ours
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline, announced = time.monotonic() + timeout, False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(fd, 4096, 0).decode(errors="replace").strip() or "unknown"
                if time.monotonic() >= deadline:
                    raise BuildLockTimeout(
                        f"another build holds {path} ({holder}); gave up after {timeout:.0f} s. "
                        "It is still running: wait for it, or set REGSTAT_LOCK_TIMEOUT higher.") from None
                if not announced:
                    say(f"waiting for another build to finish (lock {path}, held by {holder})")
                    announced = True
                time.sleep(0.5)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "run_id": run_id, "since": now_utc()}).encode(), 0)
        _held.add(path)
        try:
            yield
        finally:
            _held.discard(path)
    finally:
        os.close(fd)  # closing the descriptor releases the flock


class BuildLock(dg.ConfigurableResource):
    """Held for the whole run by every asset that writes the warehouse folder."""

    timeout_seconds: float | None = None  # default: settings.lock_timeout()
    warehouse_dir: str | None = None  # the folder it guards; default: the environment's

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["BuildLock"]:
        run_id = context.run.run_id if context.run else "unknown"
        timeout = self.timeout_seconds if self.timeout_seconds is not None else settings.lock_timeout()
        warehouse = Path(self.warehouse_dir) if self.warehouse_dir is not None else None
        with hold_build_lock(run_id, timeout, say=context.log.warning if context.log else print, warehouse=warehouse):
            yield self
