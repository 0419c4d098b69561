"""Honest output after a failed build: the command line prints what failed, where and
which build stays published, never the previous build's numbers; the nightly report is
rewritten to say so; an alert line with the reasons is appended, as a scheduled run's
failure sensor does."""

from __future__ import annotations

import json
import shutil

from tests.conftest import copy_raw, regstat, sha256


def test_a_build_failing_at_ingest_prints_no_earlier_numbers_rewrites_the_report_and_alerts(seed_build, tmp_path):
    """A warehouse holding the seed build (its report and summary.json included) gets a
    figure with an unknown unit. The failed build's output names the step, the file and
    line and the seed build as the one still published, and prints no figure or check count
    (those would be the seed build's); report/index.html and summary.json are this run's
    and say the same; alerts.jsonl has one line whose `text` carries the file and reason."""
    warehouse = tmp_path / "warehouse"
    shutil.copytree(seed_build.warehouse, warehouse, ignore=shutil.ignore_patterns("build", "*.tmp"))
    assert (warehouse / "report" / "summary.json").exists()  # the earlier build's numbers are there
    seed_id = seed_build.query("select build_id from meta.build_info")[0][0]
    published = sha256(warehouse / "industry_stats.duckdb")
    old_report = (warehouse / "report" / "index.html").read_text(encoding="utf-8")

    raw = copy_raw(tmp_path / "raw")
    figures = raw / "figures" / "heze-sei-briefing-2024.csv"
    lines = figures.read_text(encoding="utf-8").split("\n")
    bad = next(i for i, line in enumerate(lines) if ",亿元," in line)
    lines[bad] = lines[bad].replace(",亿元,", ",亿砖,", 1)
    figures.write_text("\n".join(lines), encoding="utf-8")
    where = f"heze-sei-briefing-2024.csv:{bad + 1}"

    result = regstat("build", "--quiet", warehouse=warehouse, raw=raw)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert "figures loaded" not in output and "checks:" not in output, output
    assert "FAILED in raw_inputs" in result.stdout and where in result.stdout and "亿砖" in result.stdout
    assert f"NOT published: build {seed_id} stays published" in result.stdout
    assert "Traceback" not in output
    assert sha256(warehouse / "industry_stats.duckdb") == published

    report = (warehouse / "report" / "index.html").read_text(encoding="utf-8")
    summary = json.loads((warehouse / "report" / "summary.json").read_text(encoding="utf-8"))
    assert report != old_report and where in report and "亿砖" in report and seed_id in report
    assert summary["published"] is False and summary["failed_steps"] == ["raw_inputs"] and summary["figures"] is None

    alerts = (warehouse / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(alerts) == 1
    alert = json.loads(alerts[0])
    assert alert["failed_steps"] == ["raw_inputs"] and alert["run_id"] == summary["run_id"]
    assert where in alert["text"] and "亿砖" in alert["text"]
