"""`make serve` starts the Dagster daemon and web UI on 127.0.0.1: the UI's GraphQL endpoint
lists the assets, the schedule and the sensors, the daemons are healthy, and the raw-files
sensor really fires: its first tick on an empty warehouse launches a build that publishes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from tests.conftest import PROJECT
from tests.operations.conftest import published_state

STATE_QUERY = """{
  assetNodes { assetKey { path } }
  repositoriesOrError { ... on RepositoryConnection { nodes {
    schedules { name cronSchedule executionTimezone scheduleState { status } }
    sensors { name sensorState { status } } } } }
  instance { daemonHealth { allDaemonStatuses { daemonType healthy } } }
}"""
RUNS_QUERY = """{ runsOrError { ... on Runs { results { runId status tags { key value } } } } }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["data"]


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except OSError:  # not listening yet
            pass
        time.sleep(0.5)  # each wait ends within half a second of its event (a local GraphQL query is cheap)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def test_make_serve_lists_assets_schedule_sensors_and_fires(tmp_path):
    port, home, warehouse = free_port(), tmp_path / "dagster_home", tmp_path / "warehouse"
    log = open(tmp_path / "serve.log", "w")
    env = {**os.environ, "PORT": str(port), "DAGSTER_HOME": str(home), "REGSTAT_WAREHOUSE_DIR": str(warehouse)}
    server = subprocess.Popen(["make", "serve"], cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        state = wait_for(lambda: graphql(port, STATE_QUERY), 180, "the Dagster UI")
        assets = {"/".join(node["assetKey"]["path"]) for node in state["assetNodes"]}
        assert {"raw/figures", "marts/fct_figure", "marts/fct_check_result", "warehouse/published"} <= assets
        repo = state["repositoriesOrError"]["nodes"][0]
        assert [(s["name"], s["cronSchedule"], s["executionTimezone"], s["scheduleState"]["status"]) for s in repo["schedules"]] \
            == [("nightly_build_schedule", "0 2 * * *", "Asia/Shanghai", "RUNNING")]
        assert {(s["name"], s["sensorState"]["status"]) for s in repo["sensors"]} \
            == {("raw_files_sensor", "RUNNING"), ("build_failure_alert", "RUNNING")}
        assert (home / "dagster.yaml").exists()

        def sensor_run_finished():
            runs = graphql(port, RUNS_QUERY)["runsOrError"]["results"]
            done = [r for r in runs if r["status"] in ("SUCCESS", "FAILURE", "CANCELED")]
            return done[0] if done else None

        run = wait_for(sensor_run_finished, 420, "the run the raw-files sensor starts")
        assert run["status"] == "SUCCESS", (tmp_path / "serve.log").read_text()[-5000:]
        assert {"key": "regstat/trigger", "value": "raw_files"} in run["tags"]
        published_state(warehouse / "industry_stats.duckdb")  # published, whole
        health = graphql(port, STATE_QUERY)["instance"]["daemonHealth"]["allDaemonStatuses"]
        assert all(d["healthy"] for d in health if d["daemonType"] in ("SCHEDULER", "SENSOR", "QUEUED_RUN_COORDINATOR"))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def processes_with(marker: str) -> list[int]:
    """Live processes whose environment holds `marker` (this test's own DAGSTER_HOME): every
    process `make serve` started, whatever its session or parent."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                environ = handle.read()
            with open(f"/proc/{entry}/stat", "rb") as handle:
                state = handle.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in environ and state != b"Z":
            found.append(int(entry))
    return found


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_make_serve_stops_within_15_seconds_leaving_nothing(tmp_path, sig):
    """SIGTERM (a service manager's stop) or SIGINT to the whole process group (Ctrl-C in a
    terminal), sent once the UI answers and (unless the machine is too slow) the sensor's
    first run was launched: make exits within 15 s and no process started with this
    DAGSTER_HOME is left (zombies aside: reaping them is their parent's business)."""
    port, home, warehouse = free_port(), tmp_path / "dagster_home", tmp_path / "warehouse"
    env = {**os.environ, "PORT": str(port), "DAGSTER_HOME": str(home), "REGSTAT_WAREHOUSE_DIR": str(warehouse)}
    marker = f"DAGSTER_HOME={home}"
    with open(tmp_path / "serve.log", "w") as log:
        server = subprocess.Popen(["make", "serve"], cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            wait_for(lambda: graphql(port, STATE_QUERY), 600, "the Dagster UI")
            try:  # stopping with a run in progress is the harder case; a slow machine may not have one yet
                wait_for(lambda: graphql(port, RUNS_QUERY)["runsOrError"]["results"], 90, "the sensor's first run")
            except AssertionError:
                pass
            assert processes_with(marker)
            sent = time.monotonic()
            os.killpg(server.pid, sig)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                raise AssertionError(f"make serve still running 15 s after {sig.name}:\n"
                                     + (tmp_path / "serve.log").read_text()[-3000:]) from None
            elapsed = time.monotonic() - sent
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    time.sleep(0.5)  # a killed child's parent reaps it
    left = processes_with(marker)
    for pid in left:  # never leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert not left, f"left running after {sig.name}: {left}"
    assert elapsed < 15
