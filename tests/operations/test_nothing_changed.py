"""A build whose inputs, code and engine equal the published build's builds nothing: it says
which build stays published and leaves the warehouse as it was, without running dbt (or
importing Dagster, dbt and Great Expectations: the `regstat build` answer takes a fraction
of a second, measured by `make bench`). The nightly schedule skips its tick the same way.
A changed figure, or `--force`, builds (tests/operations/test_change_detection.py builds
after a same-size edit; test_snapshots.py and tests/serving build the same inputs again
with --force)."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg

from orchestration.pipeline import dbt_runner
from orchestration.commands import published_unchanged
from tests.conftest import build, copy_raw, sha256


def _copy_of(seed_build, tmp_path: Path) -> Path:
    warehouse = tmp_path / "warehouse"
    shutil.copytree(seed_build.warehouse, warehouse, ignore=shutil.ignore_patterns("build", "*.tmp"))
    return warehouse


def _edit_a_label(raw: Path) -> None:
    """hz-002's subject 比重 becomes 占比: a valid edit that only change detection sees."""
    path = raw / "figures" / "heze-sei-briefing-2024.csv"
    lines = path.read_bytes().split(b"\n")
    old, new = "产值占规上工业总产值比重".encode(), "产值占规上工业总产值占比".encode()
    [at] = [i for i, line in enumerate(lines) if line.startswith(b"hz-002,")]
    assert old in lines[at]
    lines[at] = lines[at].replace(old, new)
    path.write_bytes(b"\n".join(lines))


def test_a_build_with_nothing_changed_runs_no_dbt_and_leaves_the_published_file_as_it_was(seed_build, tmp_path,
                                                                                         monkeypatch):
    """Building the seed inputs again on a copy of the seed warehouse: exit 0, the message
    names the live build, dbt is never invoked, the published file is byte for byte the
    same and no build log or snapshot is added."""
    warehouse = _copy_of(seed_build, tmp_path)
    published = warehouse / "industry_stats.duckdb"
    [(live,)] = seed_build.query("select build_id from meta.build_info")
    before = sha256(published)
    entries = sorted(p.relative_to(warehouse) for p in warehouse.rglob("*") if p.suffix != ".lock")
    invoked: list[list[str]] = []
    real_invoke = dbt_runner.invoke

    def counting_invoke(args, *rest, **kwargs):
        invoked.append(args)
        return real_invoke(args, *rest, **kwargs)

    monkeypatch.setattr(dbt_runner, "invoke", counting_invoke)
    result = build(warehouse).result
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"nothing changed, build {live} stays published" in result.stdout
    assert invoked == []
    assert sha256(published) == before
    assert sorted(p.relative_to(warehouse) for p in warehouse.rglob("*") if p.suffix != ".lock") == entries


def test_a_changed_figure_another_engine_or_force_is_not_nothing_changed(seed_build, tmp_path, monkeypatch):
    """The quick comparison `regstat build` makes before any import: the seed inputs on the
    seed warehouse are unchanged; --force, --full-refresh or another engine always build;
    one edited label in raw/ builds."""
    warehouse, raw = _copy_of(seed_build, tmp_path), copy_raw(tmp_path / "raw")
    monkeypatch.setenv("REGSTAT_WAREHOUSE_DIR", str(warehouse))
    monkeypatch.setenv("REGSTAT_RAW_DIR", str(raw))
    [(live,)] = seed_build.query("select build_id from meta.build_info")
    assert published_unchanged(["build", "--quiet"]) == live
    for asked in (["build", "--force"], ["build", "--full-refresh"], ["build", "--engine", "spark"], ["checks"]):
        assert published_unchanged(asked) is None, asked
    _edit_a_label(raw)
    assert published_unchanged(["build", "--quiet"]) is None


def test_the_nightly_schedule_skips_a_tick_when_nothing_changed(seed_build, tmp_path, monkeypatch):
    """At 02:00 with the published build's inputs the schedule requests no run and says
    which build stays published; once a figure changed it requests the build."""
    from orchestration.pipeline.schedules import nightly_schedule

    warehouse, raw = _copy_of(seed_build, tmp_path), copy_raw(tmp_path / "raw")
    monkeypatch.setenv("REGSTAT_WAREHOUSE_DIR", str(warehouse))
    monkeypatch.setenv("REGSTAT_RAW_DIR", str(raw))
    [(live,)] = seed_build.query("select build_id from meta.build_info")
    skipped = nightly_schedule.evaluate_tick(dg.build_schedule_context())
    assert not skipped.run_requests and f"build {live} stays published" in skipped.skip_message
    _edit_a_label(raw)
    due = nightly_schedule.evaluate_tick(dg.build_schedule_context())
    assert len(due.run_requests) == 1 and due.run_requests[0].job_name in (None, "nightly_build")
