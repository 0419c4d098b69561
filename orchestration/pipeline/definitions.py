import dagster as dg

from orchestration.pipeline.assets.dbt_models import dbt_models
from orchestration.pipeline.assets.load_raw import raw_inputs
from orchestration.pipeline.assets.published_warehouse import published_warehouse
from orchestration.pipeline.assets.report_months import report_month, report_month_checks
from orchestration.pipeline.assets.nightly_report import nightly_report
from orchestration.pipeline.assets.postgres_marts import postgres_marts
from orchestration.pipeline.assets.expectations import expectation_results
from orchestration.pipeline.asset_checks import asset_checks
from orchestration.pipeline.jobs import nightly_build
from orchestration.pipeline.resources import resources
from orchestration.pipeline.schedules import nightly_schedule
from orchestration.pipeline.sensors import build_failure_alert, raw_files_sensor

defs = dg.Definitions(
    assets=[raw_inputs, dbt_models, expectation_results, published_warehouse, nightly_report,
            postgres_marts, report_month],
    asset_checks=asset_checks,
    jobs=[nightly_build, report_month_checks],
    schedules=[nightly_schedule],
    sensors=[raw_files_sensor, build_failure_alert],
    resources=resources,
)
