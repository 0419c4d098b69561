"""The structured-data pipeline end to end on generated datasets (regstat generate): the real
build (Dagster, dbt, DuckDB, expectations) in a subprocess, as in the other e2e tests.

- With planted inconsistencies: every one is reported by a reconciliation check, and no
  reconciliation check reports anything else (precision and recall 100 %).
- Consistent: every reconciliation rule is evaluated and passes, and the build publishes.
- A new month: the incremental build reads only that month's report file and gives the
  same marts as a full rebuild of the same inputs.
- A bad report row: the build names its file and row and the published warehouse stays.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from orchestration.synthetic import Scale, generate
from orchestration.vocabulary import RECONCILIATION_RULES
from orchestration.synthetic.generate import add_month
from tests.conftest import PROJECT, Build, build, sha256

SMALL = Scale(enterprises=1500, months=14, counties=7, counties_per_city=4)
RULES = set(RECONCILIATION_RULES)


def _quiet(_: str) -> None:
    pass


def reconciliation(db: Path) -> list[dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        frame = con.execute("select check_id, rule, status, decided_by, table_facts, figure_ids from marts.fct_check_result "
                            "where check_id like 'recon:%'").df()
    finally:
        con.close()
    return frame.to_dict("records")


@pytest.fixture(scope="module")
def injected_build(tmp_path_factory) -> tuple[Build, list[dict]]:
    raw = tmp_path_factory.mktemp("injected") / "raw"
    planted = generate(raw, SMALL, progress=_quiet)["injected"]
    return build(tmp_path_factory.mktemp("warehouse"), raw), planted


@pytest.fixture(scope="module")
def consistent(tmp_path_factory) -> tuple[Path, Path, Build]:
    raw = tmp_path_factory.mktemp("consistent") / "raw"
    generate(raw, replace(SMALL, inject=False), progress=_quiet)
    warehouse = tmp_path_factory.mktemp("warehouse")
    return raw, warehouse, build(warehouse, raw)


def test_every_planted_inconsistency_is_reported_and_nothing_else(injected_build):
    """Recall: each planted inconsistency (a table value or a document figure) is among the
    inputs of a reconciliation check that did not pass, of the rule it was planted for.
    Precision: every reconciliation check that did not pass has a planted value among its
    inputs. The errors among them block publishing."""
    result, planted = injected_build
    assert len(planted) == 6 and {p["rule"] for p in planted} == RULES
    assert result.result.returncode == 1, "planted errors must block publishing"
    assert not result.published.exists()
    checks = reconciliation(result.build_db)
    flagged = [c for c in checks if c["status"] != "pass"]

    def inputs(check: dict) -> set[str]:
        return {*(check["table_facts"] or "").split("; "), *(check["figure_ids"] or "").split(";")} - {""}

    planted_keys = {p.get("fact") or p["figure_id"] for p in planted}
    for p in planted:
        key = p.get("fact") or p["figure_id"]
        rules = {c["rule"] for c in flagged if key in inputs(c)}
        assert p["rule"] in rules, f"planted {p['id']} ({key}) not reported by {p['rule']}: {rules}"
    unexplained = [c["check_id"] for c in flagged if not inputs(c) & planted_keys]
    assert unexplained == [], unexplained
    assert {c["rule"] for c in checks} == RULES  # every rule was evaluated
    # ... and decided by Great Expectations, each check once
    assert {c["decided_by"] for c in checks} == {"great_expectations:check_intervals"}
    assert len({c["check_id"] for c in checks}) == len(checks)


def test_a_consistent_dataset_passes_every_reconciliation_check(consistent):
    """Without planted errors the same rules all hold (the tolerances cover the rounding of
    printed tables, nothing more) and the warehouse is published with its new marts."""
    _, _, result = consistent
    assert result.result.returncode == 0, result.result.stderr[-3000:]
    checks = reconciliation(result.published)
    assert {c["rule"] for c in checks} == RULES
    assert [c["check_id"] for c in checks if c["status"] != "pass"] == []
    enterprises, months = result.query("select (select count(*) from marts.dim_enterprise),"
                                       " (select count(distinct month) from marts.fct_industry_month)")[0]
    assert (enterprises, months) == (SMALL.enterprises, SMALL.months)


def test_a_new_month_is_summed_alone_and_equals_a_full_rebuild(consistent, tmp_path):
    """After one more month arrives, the build is incremental: it starts from the published
    build, dbt runs only what depends on the report months (not the register's models), the
    month's file alone is read (by ingest, which checks and sums it in one pass: the sums
    the model adds hold that month only, and the model reads no report file), and its
    marts equal those of a full rebuild from an empty database, mart by mart (content hashes)."""
    raw, warehouse, first = consistent
    assert first.result.returncode == 0
    month = add_month(raw, replace(SMALL, inject=False), progress=_quiet)
    incremental = build(warehouse, raw)
    assert incremental.result.returncode == 0, incremental.result.stderr[-3000:]
    # dbt runs in the build's process (one `dbt build` per build, under the build lock) and
    # leaves its artifacts in the project's target folder: the last build's
    target = PROJECT / "dbt_project" / "target"
    compiled = target / "compiled/regstat/models/marts/fct_industry_month.sql"
    executed = {r["unique_id"] for r in json.loads((target / "run_results.json").read_text())["results"]}
    assert "model.regstat.fct_industry_month" in executed and "model.regstat.dim_enterprise" not in executed
    assert incremental.query("select mode from meta.build_info") == [("incremental",)]
    assert "reports.parquet" not in compiled.read_text(encoding="utf-8")
    assert incremental.query("select distinct month from raw.report_month_sums") == [(month,)]
    months = incremental.query("select count(distinct month) from marts.fct_industry_month")[0][0]
    assert months == SMALL.months + 1

    full = build(tmp_path / "full", raw, "--full-refresh")
    assert full.result.returncode == 0, full.result.stderr[-3000:]
    hashes = "select mart, row_count, content_hash from meta.build_marts order by mart"
    assert incremental.query(hashes) == full.query(hashes)
    assert full.query("select mode from meta.build_info") == [("full",)]


def test_a_bad_report_row_names_file_and_row_and_keeps_the_published_warehouse(consistent, tmp_path):
    """A negative amount in a new month's reports stops the build at ingest with the file
    and row; the published file is byte-identical afterwards."""
    raw, warehouse, first = consistent
    assert first.result.returncode == 0
    before = sha256(first.published)
    bad = raw / "reports" / "month=2099-01" / "reports.parquet"
    bad.parent.mkdir()
    source = sorted((raw / "reports").glob("month=*/reports.parquet"))[0]
    with duckdb.connect() as con:
        con.execute(f"copy (select uscc, '2099-01' as month, case when row_number() over () = 3 then -1.0 "
                    f"else output_value end as output_value, revenue from read_parquet('{source}')) "
                    f"to '{bad}' (format parquet)")
    try:
        result = build(warehouse, raw)
    finally:
        bad.unlink()
        bad.parent.rmdir()
    assert result.result.returncode == 1
    output = result.result.stdout + result.result.stderr
    assert str(bad) in output and "negative" in output.lower(), output[-3000:]
    assert sha256(first.published) == before


def test_generator_is_deterministic_and_refuses_the_project_raw(tmp_path):
    """The same scale writes byte-identical files, also a second later (no clock in any
    file: workbooks carry timestamps); the project's own raw/ is never a target."""
    a, b = tmp_path / "a", tmp_path / "b"
    scale = Scale(enterprises=300, months=12, counties=3)
    generate(a, scale, progress=_quiet)
    time.sleep(1.1)
    generate(b, scale, progress=_quiet)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all(sha256(a / f) == sha256(b / f) for f in files)
    assert "NOT real statistics" in (a / "SYNTHETIC.md").read_text(encoding="utf-8")
    assert json.loads((a / "injected.json").read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="raw/"):
        generate(PROJECT / "raw" / "synthetic", scale, progress=_quiet)


def test_a_report_month_partition_is_checked_alone(consistent, monkeypatch, tmp_path):
    """Materializing one partition of reports/month checks that month's file against the
    register in raw/: a good month reports its rows, a bad one fails with file and row."""
    import dagster as dg

    from orchestration.pipeline.assets.report_months import report_month, report_months

    from orchestration.pipeline.warehouse_paths import WarehousePaths

    raw, _, _ = consistent
    paths = {"paths": WarehousePaths(raw_dir=str(raw), warehouse_dir=str(tmp_path / "warehouse"))}
    month = SMALL.month_keys[0]
    with dg.DagsterInstance.ephemeral() as instance:
        instance.add_dynamic_partitions(report_months.name, [month])
        result = dg.materialize([report_month], partition_key=month, instance=instance, resources=paths)
        assert result.success
        rows = result.asset_materializations_for_node("reports__month")[0].metadata["rows"].value
    assert rows == SMALL.enterprises

    bad = raw / "reports" / "month=2099-02" / "reports.parquet"
    bad.parent.mkdir()
    source = raw / "reports" / f"month={month}" / "reports.parquet"
    with duckdb.connect() as con:
        con.execute(f"copy (select 'X' || uscc as uscc, '2099-02' as month, output_value, revenue "
                    f"from read_parquet('{source}') limit 3) to '{bad}' (format parquet)")
    try:
        with dg.DagsterInstance.ephemeral() as instance:
            instance.add_dynamic_partitions(report_months.name, ["2099-02"])
            result = dg.materialize([report_month], partition_key="2099-02", instance=instance, raise_on_error=False,
                                    resources=paths)
    finally:
        bad.unlink()
        bad.parent.rmdir()
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure).step_failure_data.error.message
    assert f"{bad}:1: credit code X" in failure and "not in the register" in failure
