"""The one build job: every asset and check. `regstat build`, `make run` and the nightly
schedule all run this job."""

import dagster as dg

nightly_build = dg.define_asset_job(
    name="nightly_build",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,  # one small DuckDB file; halves the run time
    description="Ingest raw/, build the dbt models, validate, publish and report.",
)
