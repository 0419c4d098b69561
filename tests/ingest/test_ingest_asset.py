"""The nightly run is guarded by the same validation as `regstat build`: the Dagster ingest
asset refuses bad data with every problem named, and never retries it."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.pipeline.assets.load_raw import raw_inputs
from orchestration.publish.build_lock import BuildLock
from orchestration.pipeline.engines import WarehouseEngine
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
    monkeypatch.setenv("REGSTAT_RAW_DIR", str(raw))
    monkeypatch.setenv("REGSTAT_WAREHOUSE_DIR", str(warehouse))

    result = dg.materialize([raw_inputs], resources={"build_lock": BuildLock(), "engine": WarehouseEngine()},
                            raise_on_error=False)

    assert not result.success
    assert not [e for e in result.all_events if e.event_type == dg.DagsterEventType.STEP_UP_FOR_RETRY]
    [failure] = result.get_step_failure_events()
    message = failure.step_failure_data.user_failure_data.description
    assert f"{raw / 'tables' / 'book.xlsx'}: cannot read as an .xlsx workbook" in message
    assert f"{relations}:{line}: relation hz-r98: hz-001 restates itself" in message
    assert sha256(warehouse / "industry_stats.duckdb") == before
