"""The nightly report asset: warehouse/report/index.html and summary.json, written whether
or not the build publishes."""


import json

import dagster as dg

from orchestration import settings, snapshots
from orchestration.assets.publish import DECIDED_CHECKS
from orchestration.build_info import read_build_info
from orchestration.changes import compare
from orchestration.charts import plotly_script, region_charts
from orchestration.report import build_summary, now_utc, render_report
from orchestration.warehouse import connect


@dg.asset(
    key=["warehouse", "report"],
    deps=DECIDED_CHECKS,
    group_name="publish",
    required_resource_keys={"build_lock"},
    description="warehouse/report/index.html (build summary, check results with quotes, target progress charts, "
                "changes since the previous build) and summary.json, written whether or not the build publishes.",
)
def nightly_report(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    build = settings.build_db()
    with connect(build, read_only=True) as con:
        checks = con.execute("select * from marts.fct_check_result").df()
        quotes = dict(con.execute("select figure_id, quote from intermediate.int_figures_canonical").fetchall())
        record = read_build_info(con)  # meta.build_marts exists only once published
        progress = con.execute("select * from analyst.target_progress where actual_value is not null").df()
        actuals = con.execute("select region_code, industry_code, indicator_code, measure, period, value"
                              " from marts.fct_figure where kind = 'actual'").df()
        summary = {**build_summary(con), "generated_at": now_utc(), "build_id": record["build_id"],
                   "started_at": str(record["started_at"]), "input_hash": record["input_hash"]}
    summary["published"] = summary["checks"]["fail"] == 0  # the publish gate's own rule
    previous = snapshots.previous_snapshot(record["build_id"])
    changes = compare(previous.path if previous else None, build)
    summary["changes"] = None if changes is None else changes.total
    out = settings.report_dir()
    out.mkdir(parents=True, exist_ok=True)
    page = render_report(checks, quotes, summary, region_charts(progress, actuals), changes, plotly_script())
    (out / "index.html").write_text(page, encoding="utf-8")
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    context.log.info(f"report written to {out / 'index.html'}")
    return dg.MaterializeResult(metadata={"path": str(out / "index.html"), **summary["checks"],
                                          "changes": summary["changes"] if summary["changes"] is not None else "first build"})
