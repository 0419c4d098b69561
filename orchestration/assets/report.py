"""The report asset: validation report (HTML) and a machine-readable summary (JSON)."""


import json

import dagster as dg

from orchestration import settings
from orchestration.assets.publish import CHECK_RESULTS
from orchestration.report import build_summary, now_utc, render_report
from orchestration.warehouse import connect


@dg.asset(
    key=["warehouse", "validation_report"],
    deps=[CHECK_RESULTS],
    group_name="publish",
    required_resource_keys={"build_lock"},
    description="warehouse/reports/validation_report.html and summary.json, written whether or not the build publishes.",
)
def validation_report(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    with connect(settings.build_db(), read_only=True) as con:
        checks = con.execute("select * from marts.fct_check_result").df()
        quotes = dict(con.execute("select figure_id, quote from intermediate.int_figures_canonical").fetchall())
        summary = {**build_summary(con), "generated_at": now_utc()}
    out = settings.report_dir()
    out.mkdir(parents=True, exist_ok=True)
    (out / "validation_report.html").write_text(render_report(checks, quotes, summary), encoding="utf-8")
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    context.log.info(f"report written to {out / 'validation_report.html'}")
    return dg.MaterializeResult(metadata={"path": str(out / "validation_report.html"), **summary["checks"]})
