"""The nightly schedule: 02:00 Asia/Shanghai."""

import dagster as dg

from orchestration import settings
from orchestration.pipeline.jobs import nightly_build
from orchestration.publish.build_plan import nothing_changed


@dg.schedule(
    name="nightly_build_schedule",
    job=nightly_build,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Builds nightly unless nothing changed since the published build (same inputs, code and engine): "
                "then the tick is skipped, saying which build stays published.",
)
def nightly_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest | dg.SkipReason:
    # The same comparison `regstat build` makes first (hashes of raw/ and of the code, no
    # dbt or Great Expectations): a run would only republish an identical build. A build
    # holding the lock at tick time makes this answer None, and the run waits for it.
    if live := nothing_changed(settings.default_engine()):
        return dg.SkipReason(f"nothing changed, build {live} stays published")
    return dg.RunRequest()
