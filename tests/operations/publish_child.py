"""What the publish-kill harness runs in a child process: the publish step itself
(orchestration.publish.snapshots.publish), nothing else. Kept apart from the test module so the
forkserver that starts the children preloads only this and what it imports."""

from __future__ import annotations

import os
import time
from multiprocessing.connection import Connection
from pathlib import Path

from orchestration.publish import snapshots


def publish(warehouse: str, build_db: str, build_id: str, keep: int, pipe: Connection) -> None:
    """Say "starting", publish, then send how long the publish took (seconds)."""
    os.environ["REGSTAT_WAREHOUSE_DIR"] = warehouse
    pipe.send("starting")
    started = time.perf_counter()
    snapshots.publish(Path(build_db), build_id, keep)
    pipe.send(time.perf_counter() - started)
