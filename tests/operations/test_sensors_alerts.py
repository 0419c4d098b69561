"""The schedule, the raw-files sensor and the failure alert, evaluated on the real Dagster
definitions; the webhook is a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import dagster as dg
import pytest

from orchestration.commands import prepare_dbt_manifest
from tests.conftest import copy_raw


@pytest.fixture(scope="module")
def defs() -> dg.Definitions:
    prepare_dbt_manifest()
    from orchestration.pipeline.definitions import defs

    return defs


@pytest.fixture
def dirs(tmp_path, monkeypatch) -> tuple[Path, Path]:
    raw = copy_raw(tmp_path / "raw")
    warehouse = tmp_path / "warehouse"
    monkeypatch.setenv("REGSTAT_RAW_DIR", str(raw))
    monkeypatch.setenv("REGSTAT_WAREHOUSE_DIR", str(warehouse))
    return raw, warehouse


def test_schedule_runs_the_build_nightly_in_shanghai(defs):
    """The schedule starts nightly_build at 02:00 Asia/Shanghai and is on by default."""
    schedule = defs.resolve_schedule_def("nightly_build_schedule")
    assert (schedule.cron_schedule, schedule.execution_timezone, schedule.job_name) == ("0 2 * * *", "Asia/Shanghai", "nightly_build")
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING


def evaluate(sensor, cursor: str | None) -> tuple[int, str | None]:
    """Run one tick of the sensor; (number of runs requested, new cursor)."""
    data = sensor.evaluate_tick(dg.build_sensor_context(cursor=cursor))
    return len(data.run_requests or []), data.cursor


def test_raw_sensor_starts_a_run_only_when_content_changes(defs, dirs):
    """A new or edited raw file starts one run; a tick without change, or a file touched
    without changing its content, starts none."""
    raw, _ = dirs
    sensor = defs.resolve_sensor_def("raw_files_sensor")
    assert {target.job_name for target in sensor.targets} == {"nightly_build", "report_month_checks"}

    runs, cursor = evaluate(sensor, None)  # nothing published yet: build
    assert runs == 1
    assert evaluate(sensor, cursor)[0] == 0  # unchanged: no run

    figures = raw / "figures" / "heze-sei-briefing-2024.csv"
    os.utime(figures, (1, 1))  # touched, same bytes
    assert evaluate(sensor, cursor)[0] == 0

    figures.write_bytes(figures.read_bytes().replace(b"\n", b"\r\n", 1))  # one byte more
    runs, changed_cursor = evaluate(sensor, cursor)
    assert runs == 1 and changed_cursor != cursor
    assert evaluate(sensor, changed_cursor)[0] == 0


def test_a_new_report_month_becomes_a_partition_and_is_checked(defs, dirs):
    """A new month=YYYY-MM folder of reports: the sensor adds it as a partition of
    reports/month and requests its check run, besides the build that sums it."""
    raw, _ = dirs
    sensor = defs.resolve_sensor_def("raw_files_sensor")
    _, cursor = evaluate(sensor, None)
    month = raw / "reports" / "month=2024-01"
    month.mkdir(parents=True)
    (month / "reports.parquet").write_bytes(b"PAR1 any bytes: the sensor only hashes")
    with dg.DagsterInstance.ephemeral() as instance:
        # the sensor's own result, before Dagster resolves partitioned requests against the
        # instance (the daemon adds the requested partitions first)
        data = sensor(dg.build_sensor_context(cursor=cursor, instance=instance, definitions=defs))
    requests = {(r.job_name, r.partition_key) for r in data.run_requests}
    assert requests == {("nightly_build", None), ("report_month_checks", "2024-01")}
    assert [list(r.partition_keys) for r in data.dynamic_partitions_requests] == [["2024-01"]]


def test_raw_sensor_first_tick_skips_inputs_already_live(defs, seed_build, monkeypatch):
    """With no cursor yet (a new instance), inputs equal to the live build's start nothing."""
    monkeypatch.setenv("REGSTAT_WAREHOUSE_DIR", str(seed_build.warehouse))
    runs, cursor = evaluate(defs.resolve_sensor_def("raw_files_sensor"), None)
    assert runs == 0 and cursor is not None


class Webhook:
    """A real HTTP server on 127.0.0.1 recording the JSON bodies POSTed to it."""

    def __init__(self) -> None:
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/alert"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def failed_run_context(defs, raw: Path):
    """Break a figure's unit, run the job for real (it fails at ingest) and give the
    failure sensor's context for that run."""
    figures = raw / "figures" / "heze-sei-briefing-2024.csv"
    figures.write_text(figures.read_text(encoding="utf-8").replace(",亿元,", ",亿砖,", 1), encoding="utf-8")
    instance = dg.DagsterInstance.ephemeral()
    result = defs.resolve_job_def("nightly_build").execute_in_process(instance=instance, raise_on_error=False)
    assert not result.success
    return dg.build_run_status_sensor_context(
        sensor_name="build_failure_alert", dagster_instance=instance,
        dagster_run=result.dagster_run, dagster_event=result.get_run_failure_event(),
    ).for_run_failure()


def test_failed_run_writes_an_alert_and_calls_the_webhook(defs, dirs, monkeypatch):
    """A failing run raises an alert: a line in warehouse/alerts.jsonl naming the failed
    step and the bad row, and the same JSON POSTed to the configured webhook."""
    raw, warehouse = dirs
    webhook = Webhook()
    monkeypatch.setenv("REGSTAT_ALERT_WEBHOOK", webhook.url)
    try:
        context = failed_run_context(defs, raw)
        defs.resolve_sensor_def("build_failure_alert")(context)
    finally:
        webhook.close()

    lines = (warehouse / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    alert = json.loads(lines[0])
    assert alert["run_id"] == context.dagster_run.run_id and alert["job"] == "nightly_build"
    assert alert["failed_steps"] == ["raw_inputs"]
    assert "heze-sei-briefing-2024.csv:" in alert["error"] and "亿砖" in alert["error"]
    assert alert["webhook"] == "sent (204)"
    assert len(webhook.received) == 1
    assert webhook.received[0]["run_id"] == alert["run_id"] and "failed" in webhook.received[0]["text"]
    # what a chat shows carries the reasons, not only "1 problem(s) in raw inputs:"
    assert "heze-sei-briefing-2024.csv:" in alert["text"] and "亿砖" in alert["text"]
    assert webhook.received[0]["text"] == alert["text"]


def test_alert_is_written_when_the_webhook_is_down(defs, dirs, monkeypatch):
    """An unreachable webhook does not lose the alert: the line says why it was not sent."""
    raw, warehouse = dirs
    webhook = Webhook()
    webhook.close()  # the port is closed now
    monkeypatch.setenv("REGSTAT_ALERT_WEBHOOK", webhook.url)
    defs.resolve_sensor_def("build_failure_alert")(failed_run_context(defs, raw))
    alert = json.loads((warehouse / "alerts.jsonl").read_text(encoding="utf-8"))
    assert alert["webhook"].startswith("failed:")


def test_bad_data_is_not_retried_transient_errors_are(defs):
    """Steps without a policy of their own retry (transient errors); the run is retried
    once when its worker dies. Bad data raises Failure(allow_retries=False) (see ingest)."""
    job = defs.resolve_job_def("nightly_build")
    assert job.op_retry_policy is not None and job.op_retry_policy.max_retries >= 1
    assert job.tags["dagster/max_retries"] == "1"
