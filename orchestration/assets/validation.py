"""Validation: run the expectation suites of expectations/ on the built tables."""


import dagster as dg

from orchestration import settings
from orchestration.validation import load_suites, outcomes_frame, rule_outcomes_frame, run_suite
from orchestration.warehouse import connect, replace_table

SUITES = load_suites(settings.EXPECTATIONS_DIR / "suites")


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["validation", "expectation_results"], group_name="validation", kinds={"great_expectations", "duckdb"},
                     deps=[dg.AssetKey(s.asset_key_path) for s in SUITES]),
        dg.AssetSpec(["validation", "rule_outcomes"], group_name="validation", kinds={"great_expectations", "duckdb"}),
    ],
    required_resource_keys={"build_lock"},
    description="Run every Great Expectations suite of expectations/suites on its table; store the outcomes.",
)
def expectation_results(context: dg.AssetExecutionContext):
    build = settings.build_db()
    outcomes, row_outcomes = [], []
    with connect(build, read_only=True) as con:
        frames = {s.name: con.execute(f"select * from {s.table}").df() for s in SUITES}
    for spec in SUITES:
        suite_outcomes = run_suite(spec, frames[spec.name])
        failed = sum(not o.success for o in suite_outcomes)
        context.log.info(f"suite {spec.name}: {len(suite_outcomes)} expectations, {failed} unmet, on {len(frames[spec.name])} rows")
        outcomes.extend(suite_outcomes)
        if spec.mode == "rows":
            row_outcomes.extend(suite_outcomes)
    results = outcomes_frame(outcomes)
    rules = rule_outcomes_frame(row_outcomes)
    with connect(build) as con:
        replace_table(con, "validation", "expectation_results", results)
        replace_table(con, "validation", "rule_outcomes", rules)
    yield dg.MaterializeResult(asset_key=["validation", "expectation_results"],
                               metadata={"expectations": len(results), "unmet": int((~results["success"]).sum())})
    yield dg.MaterializeResult(asset_key=["validation", "rule_outcomes"], metadata={"failed_rules": len(rules)})
