import dagster as dg

from orchestration.assets.dbt import dbt_models
from orchestration.assets.ingest import raw_inputs
from orchestration.assets.publish import published_warehouse
from orchestration.assets.report_months import report_month, report_month_checks
from orchestration.assets.report import nightly_report
from orchestration.assets.serving import postgres_marts
from orchestration.assets.validation import expectation_results
from orchestration.checks import asset_checks
from orchestration.jobs import nightly_build
from orchestration.resources import resources
from orchestration.schedules import nightly_schedule
from orchestration.sensors import build_failure_alert, raw_files_sensor

defs = dg.Definitions(
    assets=[raw_inputs, dbt_models, expectation_results, published_warehouse, nightly_report,
            postgres_marts, report_month],
    asset_checks=asset_checks,
    jobs=[nightly_build, report_month_checks],
    schedules=[nightly_schedule],
    sensors=[raw_files_sensor, build_failure_alert],
    resources=resources,
)
