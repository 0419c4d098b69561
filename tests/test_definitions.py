"""The Dagster code location loads and wires ingest → dbt → validation → publish."""

from __future__ import annotations

import dagster as dg
import pytest

from orchestration.commands import prepare_dbt_manifest


@pytest.fixture(scope="module")
def defs() -> dg.Definitions:
    prepare_dbt_manifest()
    from orchestration.pipeline.definitions import defs

    return defs


def test_nightly_schedule(defs):
    """The schedule runs the build job at 02:00 Asia/Shanghai."""
    schedule = defs.resolve_schedule_def("nightly_build_schedule")
    assert schedule.cron_schedule == "0 2 * * *"
    assert schedule.execution_timezone == "Asia/Shanghai"
    assert schedule.job_name == "nightly_build"


def test_job_covers_every_asset(defs):
    """The build job selects every asset: ingest, each dbt model, validation, publish, report."""
    job = defs.resolve_job_def("nightly_build")
    keys = {k.to_user_string() for k in job.asset_layer.executable_asset_keys}
    expected = {"raw/figures", "raw/relations", "staging/stg_raw__figures", "intermediate/int_rule_evaluations",
                "marts/fct_figure", "marts/fct_target_progress", "marts/fct_check_result",
                "validation/expectation_results", "warehouse/published", "warehouse/report",
                "serving/postgres_marts", "analyst/target_progress"}
    assert expected <= keys
    all_keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert keys == {k for k in all_keys if k in keys} and len(keys) >= 25


def test_lineage_runs_one_way(defs):
    """Publish waits for the check results and for the expectations that decide them, which
    wait for the check intervals and the marts; one dbt step builds every model."""
    graph = defs.resolve_asset_graph()

    def upstream(key: str) -> set[str]:
        return {k.to_user_string() for k in graph.get(dg.AssetKey.from_user_string(key)).parent_keys}

    assert {"marts/fct_check_result", "validation/expectation_results"} <= upstream("warehouse/published")
    assert "validation/expectation_results" in upstream("warehouse/report")
    assert {"intermediate/int_check_intervals", "marts/fct_figure"} <= upstream("validation/expectation_results")
    assert "intermediate/int_check_intervals" in upstream("marts/fct_check_result")
    assert "raw/figures" in upstream("staging/stg_raw__figures")
    dbt_steps = {graph.get(dg.AssetKey.from_user_string(k)).assets_def.node_def.name
                 for k in ("staging/stg_raw__figures", "marts/fct_check_result", "analyst/check_results")}
    assert dbt_steps == {"dbt_models"}


def test_expectation_suites_are_asset_checks(defs):
    """Each table-level suite is an asset check on its mart, and check results have error/warn checks."""
    checks = {k.to_user_string() for k in defs.resolve_asset_graph().asset_check_keys}
    assert "marts/fct_figure:expectations_fct_figure" in checks
    assert "marts/fct_check_result:no_failed_checks" in checks
    assert "marts/fct_check_result:no_warned_checks" in checks
