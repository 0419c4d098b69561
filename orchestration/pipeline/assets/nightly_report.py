"""The nightly report asset: warehouse/report/index.html and summary.json, written whether
or not the build publishes; and the hook that writes them when a run fails before the
report step could (ingest, dbt, validation)."""


import json

import dagster as dg
import duckdb

from orchestration import settings
from orchestration.publish import snapshots
from orchestration.pipeline.assets.published_warehouse import DECIDED_CHECKS
from orchestration.publish.build_info import read_build_info
from orchestration.reporting.failures import StepFailure, reasons_of_exception, write_failure_report
from orchestration.reporting.changes import compare
from orchestration.reporting.charts import plotly_script, region_charts
from orchestration.publish.build_info import now_utc
from orchestration.reporting.report_page import build_summary, render_report
from orchestration.reporting.series_charts import series_charts
from orchestration.warehouse import connect


@dg.asset(
    key=["warehouse", "report"],
    deps=DECIDED_CHECKS,
    group_name="publish",
    required_resource_keys={"build_lock"},
    description="warehouse/report/index.html (outcome, changes, failures and warnings with their quotes; target progress "
                "per region in absolute values; targets that cannot be judged; every check, collapsed) and summary.json, "
                "written whether or not the build publishes.",
)
def nightly_report(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    build = settings.build_db()
    with connect(build, read_only=True) as con:
        checks = con.execute("select * from marts.fct_check_result").df()
        quotes = dict(con.execute("select figure_id, quote from intermediate.int_figures_canonical").fetchall())
        record = read_build_info(con)  # meta.build_marts exists only once published
        progress = con.execute("select * from analyst.target_progress where judged").df()
        unjudged = con.execute("select * from analyst.target_progress where not judged"
                               " order by region_code, industry_code, target_period, target_figure_id").df()
        actuals = con.execute("select region_code, industry_code, indicator_code, measure, year, display_value, display_unit"
                              " from analyst.figure_series where kind = 'actual'").df()
        series_latest = con.execute("select * from analyst.series_latest").df()
        series_revisions = con.execute("select * from analyst.series_revisions where vintage_count > 1").df()
        summary = {**build_summary(con), "generated_at": now_utc(), "run_id": context.run_id, "build_id": record["build_id"],
                   "started_at": str(record["started_at"]), "input_hash": record["input_hash"]}
    summary["published"] = summary["checks"]["fail"] == 0  # the publish gate's own rule
    previous = snapshots.previous_snapshot(record["build_id"])
    changes = compare(previous.path if previous else None, build)
    summary["changes"] = None if changes is None else changes.total
    out = settings.report_dir()
    out.mkdir(parents=True, exist_ok=True)
    page = render_report(checks, quotes, summary, region_charts(progress, actuals), changes, plotly_script(), unjudged,
                         series=series_charts(series_latest, series_revisions))
    (out / "index.html").write_text(page, encoding="utf-8")
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    context.log.info(f"report written to {out / 'index.html'}")
    return dg.MaterializeResult(metadata={"path": str(out / "index.html"), **summary["checks"],
                                          "changes": summary["changes"] if summary["changes"] is not None else "first build"})


# Steps whose failure leaves the report asset's page standing: it runs beside the publish
# step (and says whether checks blocked it), and before the PostgreSQL load.
REPORTED_BY_THE_REPORT = {"warehouse__published", "serving__postgres_marts"}


@dg.failure_hook(name="failure_report")
def failure_report(context: dg.HookContext) -> None:
    """Any other step failed: the report asset will not run, so the report says here what
    failed, where, and which build stays published (never the previous run's numbers)."""
    if context.step_key in REPORTED_BY_THE_REPORT:
        return
    failure = StepFailure(context.step_key, reasons_of_exception(context.op_exception) or "failed")
    write_failure_report(context.run_id, [failure], build_id=_this_runs_build_id(context.run_id))
    context.log.info(f"failure report written to {settings.report_dir() / 'index.html'}")


def _this_runs_build_id(run_id: str) -> str | None:
    """The build id, when ingest got as far as opening this run's record."""
    build = settings.build_db()
    if not build.exists():
        return None
    try:
        with connect(build, read_only=True) as con:
            record = read_build_info(con)
    except (duckdb.Error, OSError, TypeError):  # no record yet (ingest stopped first): no id to show
        return None
    return record["build_id"] if record.get("run_id") == run_id else None
