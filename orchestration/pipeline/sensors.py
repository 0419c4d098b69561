"""Sensors: rebuild when raw/ changes, alert when a build fails."""

from __future__ import annotations

import json
import re

import dagster as dg

from orchestration import settings
from orchestration.publish import snapshots
from orchestration.reporting.alerts import raise_alert
from orchestration.publish.build_info import file_hashes, input_hash
from orchestration.reporting.failures import step_failures
from orchestration.pipeline.assets.report_months import report_month_checks, report_months
from orchestration.pipeline.jobs import nightly_build


_REPORT_MONTH = re.compile(r"reports/month=(\d{4}-\d{2})/reports\.parquet")


def _changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


@dg.sensor(
    jobs=[nightly_build, report_month_checks],
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Starts a build when the content of a file under raw/ changes (sha256 per file as "
                "the cursor: touching a file without changing it starts nothing). A new or changed "
                "month of reports also becomes a partition of reports/month and is checked.",
)
def raw_files_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
    hashes = file_hashes(settings.raw_dir())
    current = input_hash(hashes)
    if context.cursor is None:
        # First tick: nothing to rebuild if the live warehouse was built from these inputs.
        live = snapshots.live_record()
        if live is not None and live["input_hash"] == current:
            return dg.SensorResult(skip_reason="raw/ matches the live build", cursor=json.dumps(hashes))
        changed = sorted(hashes)
        first_tick = True
    else:
        first_tick = False
        changed = _changed(json.loads(context.cursor), hashes)
        if not changed:
            return dg.SkipReason("raw/ unchanged")
    shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
    context.log.info(f"raw/ changed: {shown}")
    months = sorted({m.group(1) for name in changed if (m := _REPORT_MONTH.fullmatch(name)) and name in hashes})
    new = [m for m in months if not context.instance.has_dynamic_partition(report_months.name, m)]
    # A new instance registers every month but checks none: the build checks what it sums.
    checks = [] if first_tick else months
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(job_name=nightly_build.name,
                          tags={"regstat/trigger": "raw_files", "regstat/input_hash": current}),
            *(dg.RunRequest(job_name=report_month_checks.name, partition_key=m,
                            run_key=f"{m}:{hashes[f'reports/month={m}/reports.parquet']}") for m in checks),
        ],
        dynamic_partitions_requests=[report_months.build_add_request(new)] if new else [],
        cursor=json.dumps(hashes),
    )


@dg.run_failure_sensor(
    monitored_jobs=[nightly_build],
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="A failed build writes a line to warehouse/alerts.jsonl and POSTs to REGSTAT_ALERT_WEBHOOK if set.",
)
def build_failure_alert(context: dg.RunFailureSensorContext) -> None:
    failures = step_failures(context.get_step_failure_events())
    failed_steps = sorted({failure.step for failure in failures})
    # The steps' own reasons say what went wrong; the run's failure message only says where.
    error = "\n".join(f.reasons for f in failures) or (context.failure_event.message or "run failed")
    alert = raise_alert(nightly_build.name, context.dagster_run.run_id, error, failed_steps)
    context.log.info(f"alert written to {settings.warehouse_dir() / 'alerts.jsonl'}; webhook {alert['webhook']}")
