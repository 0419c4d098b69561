"""Helpers for the operations tests: a second, different but valid set of inputs, and a
check that a published database is whole."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from orchestration.publish.build_info import mart_stats
from orchestration.publish.snapshots import TMP_MARK
from tests.conftest import copy_raw


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
