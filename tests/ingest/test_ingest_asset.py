"""The nightly run is guarded by the same validation as `regstat build`: the Dagster ingest
asset refuses bad data with every problem named, and never retries it."""

from __future__ import annotations

import csv
import os
import zipfile
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.pipeline.assets.load_raw import raw_inputs
from orchestration.publish.build_lock import BuildLock
from orchestration.pipeline.engines import WarehouseEngine
from orchestration.pipeline.warehouse_paths import WarehousePaths
from tests.conftest import copy_raw, sha256


def test_bad_data_fails_the_ingest_asset_once_with_every_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A garbage .xlsx table and a self-restatement: the ingest step fails without a retry
    (RawDataError → Failure(allow_retries=False), though the asset has a retry policy for
    transient errors), its error names both files, and the published file is unchanged."""
    raw = copy_raw(tmp_path / "raw")
    (raw / "tables").mkdir()
    (raw / "tables" / "catalog.csv").write_text(
        "table_id,file,sheet,layout,encoding,indicator_code,unit,period,source\n"
        "book,book.xlsx,产值,yearbook,,output_value,万元,2023,test\n", encoding="utf-8")
    with zipfile.ZipFile(raw / "tables" / "book.xlsx", "w") as archive:
        archive.writestr("garbage.bin", os.urandom(64))
    relations = raw / "relations" / "heze-sei-briefing-2024.csv"
    with relations.open("a", encoding="utf-8") as handle:
        handle.write("hz-r98,heze-sei-briefing-2024,restatement,hz-001;hz-001,,false,error,test\n")
    line = len(relations.read_text(encoding="utf-8").splitlines())
    warehouse = tmp_path / "warehouse"
    warehouse.mkdir()
    with duckdb.connect(str(warehouse / "industry_stats.duckdb")) as con:
        con.execute("create table published_marker as select 42 as answer")
    before = sha256(warehouse / "industry_stats.duckdb")
    result = dg.materialize([raw_inputs], resources=_resources(raw, warehouse), raise_on_error=False)

    assert not result.success
    assert not [e for e in result.all_events if e.event_type == dg.DagsterEventType.STEP_UP_FOR_RETRY]
    [failure] = result.get_step_failure_events()
    message = failure.step_failure_data.user_failure_data.description
    assert f"{raw / 'tables' / 'book.xlsx'}: cannot read as an .xlsx workbook" in message
    assert f"{relations}:{line}: relation hz-r98: hz-001 restates itself" in message
    assert sha256(warehouse / "industry_stats.duckdb") == before


def _resources(raw: Path, warehouse: Path) -> dict:
    """The ingest asset's resources, every folder the test's own."""
    return {"build_lock": BuildLock(warehouse_dir=str(warehouse)), "engine": WarehouseEngine(),
            "paths": WarehousePaths(raw_dir=str(raw), warehouse_dir=str(warehouse))}


def test_the_ingest_asset_reads_and_writes_the_folders_of_its_paths_resource(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch):
    """In process, with the paths resource pointing at temp folders and the environment at
    another (empty) one: the build database appears in the resource's warehouse holding
    every figure row of the resource's raw/, the lock and digests beside it, and nothing is
    written where the environment points."""
    raw = copy_raw(tmp_path / "raw")
    extra = raw / "figures" / "heze-sei-briefing-2024.csv"
    with extra.open("a", encoding="utf-8") as handle:  # a row only this copy has
        last = extra.read_text(encoding="utf-8").splitlines()[-1].split(",")
        handle.write(",".join(["hz-999", *last[1:]]) + "\n")
    expected = sum(len(list(csv.DictReader(f.open(encoding="utf-8")))) for f in (raw / "figures").glob("*.csv"))
    elsewhere = tmp_path / "environment"
    elsewhere.mkdir()
    monkeypatch.setenv("REGSTAT_RAW_DIR", str(elsewhere))
    monkeypatch.setenv("REGSTAT_WAREHOUSE_DIR", str(elsewhere))
    warehouse = tmp_path / "warehouse"

    result = dg.materialize([raw_inputs], resources=_resources(raw, warehouse))

    assert result.success
    with duckdb.connect(str(warehouse / "build" / "industry_stats.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from raw.figures").fetchone()[0] == expected
        assert con.execute("select count(*) from raw.figures where figure_id = 'hz-999'").fetchone()[0] == 1
    assert (warehouse / ".build.lock").exists() and (warehouse / "input_digests.json").exists()
    assert list(elsewhere.iterdir()) == []
