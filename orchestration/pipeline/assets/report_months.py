"""Monthly report deliveries as Dagster partitions.

Each month of enterprise reports (raw/reports/month=YYYY-MM/) is one partition of
`reports/month`: the raw-files sensor adds a partition when a month's folder appears and
checks it at once, so the Dagster UI shows which months arrived, when, and whether they
passed (unknown enterprises, negative amounts, duplicates, by file and row). Summing is the
nightly build's: its incremental dbt model reads only months whose inputs changed, and the
warehouse is published as one consistent snapshot.
"""

import dagster as dg
import duckdb

from orchestration import settings
from orchestration.ingest.raw_inputs import RawDataError
from orchestration.ingest.register import check_report_months
from orchestration.pipeline.warehouse_paths import WarehousePaths

report_months = dg.DynamicPartitionsDefinition(name="report_month")


@dg.asset(
    key=["reports", "month"],
    partitions_def=report_months,
    group_name="ingest",
    kinds={"parquet", "duckdb"},
    description="One month of enterprise reports, checked against the register in raw/ (in SQL, never in pandas).",
)
def report_month(context: dg.AssetExecutionContext, paths: WarehousePaths) -> dg.MaterializeResult:
    month = context.partition_key
    raw = paths.raw
    path = raw / "reports" / f"month={month}" / "reports.parquet"
    if not path.is_file():
        raise dg.Failure(description=f"{path}: no such file (month {month} was removed?)", allow_retries=False)
    with duckdb.connect(config={"memory_limit": settings.duckdb_memory_limit()}) as con:
        con.execute("create schema raw")
        register = raw / "register" / "enterprises.csv"
        con.execute("create table raw.enterprises as select uscc, region_code, industry_code"  # what the check's pass groups by
                    " from read_csv(?, header = true, all_varchar = true)", [str(register)])
        problems = check_report_months(con, raw, [month])
        rows = con.execute("select count(*) from read_parquet(?)", [str(path)]).fetchone()[0]
    if problems:
        raise dg.Failure(description=str(RawDataError(problems)), allow_retries=False)
    return dg.MaterializeResult(metadata={"rows": rows, "path": str(path)})


report_month_checks = dg.define_asset_job(
    name="report_month_checks",
    selection=[report_month],
    partitions_def=report_months,
    description="Check one month of enterprise reports (one partition).",
)
