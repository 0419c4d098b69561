"""Asset checks: each expectation suite reports on its table, and the check-result mart
reports failures (error) and warnings (warn) in the Dagster UI."""


import dagster as dg

from orchestration import settings
from orchestration.pipeline.assets.published_warehouse import CHECK_RESULTS, EXPECTATION_RESULTS
from orchestration.pipeline.assets.expectations import SUITES
from orchestration.warehouse import connect


def _suite_check(suite_name: str, table: list[str]) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey(table),
        name=f"expectations_{suite_name}",
        additional_deps=[EXPECTATION_RESULTS],
        description=f"Great Expectations suite `{suite_name}` (expectations/suites/{suite_name}.json).",
    )
    def check(context: dg.AssetCheckExecutionContext) -> dg.AssetCheckResult:
        with connect(settings.build_db(), read_only=True) as con:
            rows = con.execute(
                "select expectation_id, severity, success from validation.expectation_results where suite = ?",
                [suite_name],
            ).fetchall()
        unmet = [(eid, sev) for eid, sev, ok in rows if not ok]
        errors = [eid for eid, sev in unmet if sev == "error"]
        return dg.AssetCheckResult(
            passed=not unmet,
            severity=dg.AssetCheckSeverity.ERROR if errors else dg.AssetCheckSeverity.WARN,
            metadata={"expectations": len(rows), "unmet": ", ".join(e for e, _ in unmet) or "none"},
        )

    return check


# The rows-mode suite is reported per rule by the check below, not as one result.
suite_checks = [_suite_check(s.name, s.asset_key_path) for s in SUITES if s.mode == "table"]


@dg.asset_check(asset=CHECK_RESULTS, additional_deps=[EXPECTATION_RESULTS],
                description="No check result has status fail (errors block publishing).")
def no_failed_checks() -> dg.AssetCheckResult:
    return _status_check("fail", dg.AssetCheckSeverity.ERROR)


@dg.asset_check(asset=CHECK_RESULTS, additional_deps=[EXPECTATION_RESULTS],
                description="Checks with status warn (published and reported).")
def no_warned_checks() -> dg.AssetCheckResult:
    return _status_check("warn", dg.AssetCheckSeverity.WARN)


def _status_check(status: str, severity: dg.AssetCheckSeverity) -> dg.AssetCheckResult:
    with connect(settings.build_db(), read_only=True) as con:
        ids = [r[0] for r in con.execute(
            "select check_id from marts.fct_check_result where status = ? order by check_id", [status]
        ).fetchall()]
    return dg.AssetCheckResult(passed=not ids, severity=severity,
                               metadata={"count": len(ids), "check_ids": ", ".join(ids) or "none"})


asset_checks = [*suite_checks, no_failed_checks, no_warned_checks]
