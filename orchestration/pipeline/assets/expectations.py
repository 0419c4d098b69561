"""Validation: Great Expectations decides every check on the numbers, and runs the mart
suites, in the build database (orchestration/pipeline/expectation_suites.py); the outcomes are recorded
once, in schema validation, which marts.fct_check_result reads."""


import dagster as dg

from orchestration import settings
from orchestration.pipeline.expectation_suites import load_suites, record, run_suites
from orchestration.warehouse import connect

SUITES = load_suites(settings.EXPECTATIONS_DIR / "suites")
EXPECTATION_RESULTS = dg.AssetKey(["validation", "expectation_results"])


@dg.multi_asset(
    name="expectation_results",  # the step's name, as before (fault-injection tests kill it by name)
    specs=[dg.AssetSpec(EXPECTATION_RESULTS, group_name="validation", kinds={"great_expectations", "duckdb"},
                        deps=[dg.AssetKey(s.asset_key_path) for s in SUITES])],
    required_resource_keys={"build_lock"},
    description="Run every Great Expectations suite of expectations/suites on its table in the build database; "
                "record the outcomes (validation.expectation_results, validation.check_outcomes) that "
                "marts.fct_check_result shows.",
)
def expectation_results(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    build = settings.build_db()
    outcomes = run_suites(build, SUITES)
    for spec in SUITES:
        mine = [o for o in outcomes if o.suite == spec.name]
        unmet = sum(not o.success for o in mine)
        context.log.info(f"suite {spec.name}: {len(mine)} expectations, {unmet} unmet")
    with connect(build) as con:
        decided = record(con, SUITES, outcomes)
        failed = con.execute("select count(*) from validation.check_outcomes where failed_expectations is not null").fetchone()[0]
    return dg.MaterializeResult(asset_key=EXPECTATION_RESULTS, metadata={"expectations": len(outcomes), "unmet": sum(not o.success for o in outcomes),
                                          "checks_decided": decided, "checks_failed": failed})
