"""Readers query the published database in a loop while builds publish: none ever gets an
error or a partial result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from tests.conftest import PROJECT, RAW, build
from tests.operations.conftest import published_state

# Each iteration opens the published file read-only, checks it is whole (published_state:
# every mart hashes to what its build recorded) and runs an analyst query; it prints one
# JSON line per iteration and never stops on an error: it reports it.
READER = """
import json, sys, time
from pathlib import Path
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


def test_readers_never_see_an_error_or_a_partial_build(tmp_path, variant_raw):
    warehouse = tmp_path / "warehouse"
    first = build(warehouse, RAW).result
    assert first.returncode == 0, first.stderr[-3000:]
    published, stop = warehouse / "industry_stats.duckdb", tmp_path / "stop"
    states = {published_state(published)}
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(published), str(stop)], cwd=PROJECT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": str(PROJECT)}) for _ in range(3)]
    try:
        for raw in (variant_raw, RAW, variant_raw):
            result = build(warehouse, raw).result
            assert result.returncode == 0, result.stderr[-3000:]
            states.add(published_state(published))
            time.sleep(1)
    finally:
        stop.touch()
        outputs = [reader.communicate(timeout=60) for reader in readers]

    lines = [json.loads(line) for out, _ in outputs for line in out.splitlines()]
    errors = [line for line in lines if "error" in line]
    assert errors == [], errors[:5]
    assert all(reader.returncode == 0 for reader in readers), [err[-2000:] for _, err in outputs]
    seen = {(line["build_id"], line["marts_hash"]) for line in lines}
    assert seen <= states  # every result is one whole published build
    assert len({build_id for build_id, _ in seen}) >= 3  # readers saw the swaps happen
    assert len(lines) >= 100
    print(f"{len(lines)} reader queries over {len(states)} builds, 0 errors")
