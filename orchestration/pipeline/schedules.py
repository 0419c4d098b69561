"""The nightly schedule: 02:00 Asia/Shanghai."""

import dagster as dg

from orchestration.pipeline.jobs import nightly_build

nightly_schedule = dg.ScheduleDefinition(
    name="nightly_build_schedule",
    job=nightly_build,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
