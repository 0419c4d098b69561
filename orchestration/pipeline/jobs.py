"""The one build job: every asset and check. `regstat build`, `make run` and the nightly
schedule all run this job."""

import dagster as dg

from orchestration.pipeline.assets.nightly_report import failure_report

nightly_build = dg.define_asset_job(
    name="nightly_build",
    # Everything but the per-month report checks, which are partitioned (one job cannot
    # mix); the build checks the months it sums itself.
    selection=dg.AssetSelection.all() - dg.AssetSelection.keys(["reports", "month"]),
    executor_def=dg.in_process_executor,  # one small DuckDB file; halves the run time
    # Steps without a policy of their own retry transient errors (a file briefly locked, a
    # disk full since freed); bad data and failed checks raise Failure(allow_retries=False).
    op_retry_policy=dg.RetryPolicy(max_retries=2, delay=5, backoff=dg.Backoff.EXPONENTIAL),
    # A run whose worker died (killed, out of memory) is started again once by the daemon.
    tags={"dagster/max_retries": "1", "dagster/retry_strategy": "ALL_STEPS"},
    # A run that fails before its report step still rewrites the nightly report.
    hooks={failure_report},
    description="Ingest raw/, build the dbt models, validate, publish and report.",
)
