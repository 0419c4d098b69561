"""Snapshots, rollback, retention and one build at a time, with real builds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from orchestration.publish.build_lock import hold_build_lock
from tests.conftest import PROJECT, RAW, Build, build, regstat
from tests.e2e.test_seed_build import MARTS
from tests.operations.conftest import published_state


@pytest.fixture(scope="module")
def history(seed_build, tmp_path_factory, variant_raw):
    """Three builds in one warehouse keeping two snapshots: the session's seed build (copied
    in with its snapshot), then the variant and the seed inputs again, built here."""
    warehouse = tmp_path_factory.mktemp("history")
    shutil.copyfile(seed_build.published, warehouse / "industry_stats.duckdb")
    shutil.copytree(seed_build.warehouse / "snapshots", warehouse / "snapshots")
    states = [published_state(warehouse / "industry_stats.duckdb")]
    os.environ["REGSTAT_KEEP_SNAPSHOTS"] = "2"
    try:
        for raw in (variant_raw, RAW):
            result = build(warehouse, raw).result
            assert result.returncode == 0, result.stderr[-3000:]
            states.append(published_state(warehouse / "industry_stats.duckdb"))
    finally:
        del os.environ["REGSTAT_KEEP_SNAPSHOTS"]
    return warehouse, states


def test_same_inputs_give_identical_marts(history, seed_build):
    """Building the same inputs again (a full build, after another build was published)
    gives the same contents in every mart, row for row."""
    warehouse, states = history
    again = Build(warehouse, seed_build.result)
    assert states[2][1] == states[0][1]
    for mart in MARTS:
        sql = f"select * from marts.{mart} order by all"
        assert seed_build.query(sql) == again.query(sql), mart


def test_every_publish_is_a_snapshot_and_old_ones_are_pruned(history):
    """Each build is kept as snapshots/<build_id>/industry_stats.duckdb; with REGSTAT_KEEP_SNAPSHOTS=2 the
    oldest of three is gone; the live one is the newest."""
    warehouse, states = history
    kept = sorted(p.parent.name for p in (warehouse / "snapshots").glob("*/industry_stats.duckdb"))
    assert kept == sorted([states[1][0], states[2][0]])
    assert states[0][1] == states[2][1] != states[1][1]  # same inputs, same marts
    listing = regstat("snapshots", warehouse=warehouse)
    assert listing.returncode == 0
    live = [line for line in listing.stdout.splitlines() if line.lstrip().startswith("*")]
    assert len(live) == 1 and states[2][0] in live[0]


def test_rollback_restores_an_older_snapshot(history):
    """`regstat rollback <id>` makes an older build live again: build_info names it, its
    marts are back, and the publish log says it was a rollback."""
    warehouse, states = history
    older_id, older_hash = states[1]
    result = regstat("rollback", older_id, warehouse=warehouse)
    assert result.returncode == 0, result.stderr
    assert published_state(warehouse / "industry_stats.duckdb") == (older_id, older_hash)
    last = json.loads((warehouse / "publish_log.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert last["build_id"] == older_id and last["reason"] == "rollback"
    assert "* " in next(line for line in regstat("snapshots", warehouse=warehouse).stdout.splitlines() if older_id in line)


def test_rollback_to_an_unknown_build_is_a_clear_error(history):
    """An unknown build id exits 2, names the known ones and changes nothing."""
    warehouse, _ = history
    before = published_state(warehouse / "industry_stats.duckdb")
    result = regstat("rollback", "20000101T000000Z-deadbeef", warehouse=warehouse)
    assert result.returncode == 2
    assert "no snapshot '20000101T000000Z-deadbeef'" in result.stderr and "known:" in result.stderr
    assert published_state(warehouse / "industry_stats.duckdb") == before


def test_build_info_records_the_build(seed_build):
    """build_info has the build id, start and end, input hash, check summary; build_marts a
    row count and content hash per mart matching the marts themselves."""
    row = seed_build.query("select build_id, started_at < finished_at, length(input_hash), figures,"
                           " checks_pass + checks_warn + checks_fail, checks_fail from meta.build_info")
    build_id, ordered, hash_length, figures, checks, failed = row[0]
    assert build_id.endswith(build_id[-8:]) and len(build_id) == len("20261125T020000Z-1a2b3c4d")
    assert ordered and hash_length == 64 and failed == 0
    assert figures == seed_build.query("select count(*) from marts.fct_figure")[0][0]
    assert checks == seed_build.query("select count(*) from marts.fct_check_result")[0][0]
    marts = dict(seed_build.query("select mart, row_count from meta.build_marts"))
    assert marts["fct_figure"] == figures and len(marts) >= 8


def test_a_second_build_waits_for_the_first(tmp_path):
    """While a build holds the warehouse, another gives up after REGSTAT_LOCK_TIMEOUT with a
    message naming the holder, and publishes nothing."""
    warehouse = tmp_path / "warehouse"
    os.environ["REGSTAT_WAREHOUSE_DIR"] = str(warehouse)
    try:
        with hold_build_lock("test holder", timeout=1):
            env = {**os.environ, "REGSTAT_LOCK_TIMEOUT": "2"}
            result = subprocess.run([sys.executable, "-m", "orchestration.commands", "build", "--quiet"], cwd=PROJECT, env=env,
                                    capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    finally:
        del os.environ["REGSTAT_WAREHOUSE_DIR"]
    assert result.returncode == 2
    assert "waiting for another build" in result.stderr and "test holder" in result.stderr
    assert "gave up after 2 s" in result.stderr
    assert not (warehouse / "industry_stats.duckdb").exists()


def test_two_builds_started_together_both_publish_whole(tmp_path, variant_raw):
    """Two builds started at once on one warehouse: one waits for the other; both succeed,
    two snapshots exist and the live database is whole and one of the two builds."""
    warehouse = tmp_path / "warehouse"
    env = {**os.environ, "REGSTAT_WAREHOUSE_DIR": str(warehouse)}
    procs = [subprocess.Popen([sys.executable, "-m", "orchestration.commands", "build", "--quiet"], cwd=PROJECT,
                              env={**env, "REGSTAT_RAW_DIR": str(raw)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, stdin=subprocess.DEVNULL)
             for raw in (RAW, variant_raw)]
    outputs = [p.communicate(timeout=1800) for p in procs]  # the second waits for the first: two builds, on a shared machine
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert any("waiting for another build" in err for _, err in outputs)
    build_ids = sorted(p.parent.name for p in (warehouse / "snapshots").glob("*/industry_stats.duckdb"))
    assert len(build_ids) == 2
    assert published_state(warehouse / "industry_stats.duckdb")[0] == build_ids[-1]


def test_unpublished_snapshot_is_not_listed_and_lost_history_is_said_loudly(seed_build, tmp_path, monkeypatch):
    """A snapshot taken by a publish killed before its live copy completed is not listed by
    `regstat snapshots` nor accepted by rollback, and the next build removes it. Deleting
    warehouse/snapshots/ while a build runs does not lose the rollback point silently: the
    build publishes, says WARNING in its log, its summary and the publish log, and the live
    build's snapshot is taken again, so rolling back to it still works."""
    import shutil
    import threading

    from orchestration.publish import snapshots

    warehouse = tmp_path / "warehouse"
    shutil.copytree(seed_build.warehouse, warehouse, ignore=shutil.ignore_patterns("build", "*.tmp"))
    seed_id = seed_build.query("select build_id from meta.build_info")[0][0]
    monkeypatch.setenv("REGSTAT_WAREHOUSE_DIR", str(warehouse))
    orphan = "20991231T235959Z-0a0a0a0a"  # newer than the live build, as the killed publish's would be
    snapshots.take(warehouse / "industry_stats.duckdb", orphan)  # then killed: make_live never ran

    listing = regstat("snapshots", warehouse=warehouse)
    assert listing.returncode == 0, listing.stderr
    assert seed_id in listing.stdout and orphan not in listing.stdout
    assert f"snapshot {orphan} was never published" in listing.stderr
    refused = regstat("rollback", orphan, warehouse=warehouse)
    assert refused.returncode == 2 and "never published" in refused.stderr

    env = {**os.environ, "REGSTAT_WAREHOUSE_DIR": str(warehouse), "REGSTAT_RAW_DIR": str(RAW)}
    # --force: the inputs are the live build's, which would otherwise just stay published
    proc = subprocess.Popen([sys.executable, "-m", "orchestration.commands", "build", "--force", "--log-level", "debug"], cwd=PROJECT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    out = []
    reader = threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True)
    reader.start()
    log, deleted = [], False
    for line in proc.stderr:
        log.append(line)
        if not deleted and "STEP_SUCCESS" in line and " - raw_inputs - " in line:
            shutil.rmtree(warehouse / "snapshots")  # an operator "cleaning up" mid-build
            deleted = True
    proc.wait(timeout=900)
    reader.join()
    stdout, stderr = out[0], "".join(log)
    assert deleted and proc.returncode == 0, stderr[-3000:]
    assert f"removed leftover {warehouse / 'snapshots' / orphan}" in stderr
    assert "WARNING: rollback history lost" in stderr and seed_id in stderr
    assert "WARNING: rollback history lost" in stdout and seed_id in stdout
    last = json.loads((warehouse / "publish_log.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert any("rollback history lost" in warning for warning in last["warnings"])
    assert (warehouse / "snapshots" / seed_id / "industry_stats.duckdb").exists()
    back = regstat("rollback", seed_id, warehouse=warehouse)
    assert back.returncode == 0, back.stderr
    assert published_state(warehouse / "industry_stats.duckdb")[0] == seed_id
