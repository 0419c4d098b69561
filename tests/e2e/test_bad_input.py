"""Bad input stops the build with a clear error naming the file, the line and the reason,
and the published warehouse stays exactly as it was.

Input that ingest refuses is tested in process, in seconds, in tests/ingest/test_bad_inputs.py;
here only what needs more: a relation that fails its check after dbt (a full build), and
one refused input from a real `regstat build` process (exit code, no traceback)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import build, copy_raw, sha256

HEZE = "heze-sei-briefing-2024"


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def wrong_share(raw: Path) -> tuple[Path, int, str]:
    """Point the 69.9% share relation at the 11.5% growth figure instead."""
    figures = rows(raw / "figures" / f"{HEZE}.csv")
    growth = next(f["figure_id"] for f in figures if f["value_text"] == "11.5")
    path = raw / "relations" / f"{HEZE}.csv"
    records = rows(path)
    share = next(r for r in records if r["kind"] == "share")
    ids = share["figure_ids"].split(";")
    share["figure_ids"] = ";".join(ids[:2] + [growth])
    write(path, records)
    return path, line_of(path, share["relation_id"] + ","), "failed"


@pytest.mark.parametrize("corrupt", [wrong_share])
def test_bad_input_is_reported_and_nothing_published_is_lost(seed_build, tmp_path, corrupt):
    """A relation failing its check fails the build with file:line: reason; the published file is unchanged."""
    warehouse = tmp_path / "warehouse"
    warehouse.mkdir()
    shutil.copy(seed_build.published, warehouse / "industry_stats.duckdb")
    before = sha256(warehouse / "industry_stats.duckdb")
    raw = copy_raw(tmp_path / "raw")
    path, line, reason = corrupt(raw)

    result = build(warehouse, raw)

    assert result.result.returncode != 0
    output = result.result.stdout + result.result.stderr
    assert f"{path.name}:{line}" in output, output[-3000:]
    assert reason in output
    assert sha256(warehouse / "industry_stats.duckdb") == before


def test_refused_input_from_a_real_process(tmp_path):
    """`regstat build` as a process: a malformed row exits 1 with file:line: reason, no
    traceback, and the published file untouched."""
    warehouse = tmp_path / "warehouse"
    warehouse.mkdir()
    with duckdb.connect(str(warehouse / "industry_stats.duckdb")) as con:
        con.execute("create table published_marker as select 42 as answer")
    before = sha256(warehouse / "industry_stats.duckdb")
    raw = copy_raw(tmp_path / "raw")
    path = raw / "figures" / f"{HEZE}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, "hz-999,heze-sei-briefing-2024,only three fields\n")
    path.write_text("".join(lines), encoding="utf-8")

    result = build(warehouse, raw).result

    assert result.returncode == 1
    assert f"{path}:4: expected 14 fields, got 3" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert sha256(warehouse / "industry_stats.duckdb") == before
