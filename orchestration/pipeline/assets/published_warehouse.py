"""Publish: keep the validated build as an immutable snapshot, make it live by an atomic
replace of warehouse/industry_stats.duckdb, and prune old snapshots."""

import dagster as dg

from orchestration import settings
from orchestration.publish import snapshots
from orchestration.publish.build_info import close_record
from orchestration.reporting.report_page import build_summary
from orchestration.warehouse import connect

CHECK_RESULTS = dg.AssetKey(["marts", "fct_check_result"])
# fct_check_result is a view over the outcomes the validation step records: what reads it
# waits for that step too.
EXPECTATION_RESULTS = dg.AssetKey(["validation", "expectation_results"])
DECIDED_CHECKS = [CHECK_RESULTS, EXPECTATION_RESULTS]


@dg.asset(
    key=["warehouse", "published"],
    deps=DECIDED_CHECKS,
    group_name="publish",
    kinds={"duckdb"},
    required_resource_keys={"build_lock"},
    description="The validated warehouse at warehouse/industry_stats.duckdb, kept as snapshot "
                "warehouse/snapshots/<build_id>/; not published when an error-severity check fails.",
)
def published_warehouse(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    with connect(settings.build_db()) as con:
        failed = con.execute(
            "select check_id, coalesce(case when status is null then 'not decided by Great Expectations: ' end, '') || message"
            " from marts.fct_check_result where status = 'fail' or status is null order by check_id"
        ).fetchall()
        if failed:
            listing = "\n".join(f"  {check_id}: {message}" for check_id, message in failed)
            raise dg.Failure(
                description=f"{len(failed)} error-severity check(s) failed; {settings.published_db()} left unchanged:\n{listing}",
                allow_retries=False,
            )
        summary = build_summary(con)
        record = close_record(con, summary["checks"], summary["figures"])
        con.execute("checkpoint")  # everything in the file, nothing left in the WAL
    warnings = snapshots.check_history()  # said loudly: in the log, the publish log and the summary
    for warning in warnings:
        context.log.warning(f"WARNING: {warning}")
    snapshot, pruned = snapshots.publish(settings.build_db(), record["build_id"], settings.snapshots_to_keep(),
                                         warnings)
    context.log.info(f"published build {record['build_id']} as {settings.published_db()}"
                     + (f"; pruned {', '.join(pruned)}" if pruned else ""))
    return dg.MaterializeResult(metadata={
        "build_id": record["build_id"],
        "path": str(settings.published_db()),
        "snapshot": str(snapshot.path),
        "input_hash": record["input_hash"],
        "marts_hash": record["marts_hash"],
        "figures": summary["figures"],
        "warnings": "; ".join(warnings) or "none",
        **{f"checks_{status}": n for status, n in summary["checks"].items()},
    })
