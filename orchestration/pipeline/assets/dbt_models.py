"""dbt models as Dagster assets, in one `dbt build` per build. In an incremental build
(orchestration/publish/build_plan.py) it runs only the selector `new_report_months`
(dbt_project/selectors.yml): the build database already holds the rest.

The `engine` resource chooses who builds the models (orchestration/pipeline/engines.py): DuckDB in
the build database, in this process (orchestration/pipeline/dbt_runner.py), or Spark, whose tables
are then copied into the build database (always a full build). The models tagged
`build_database` (the check-result view, which reads the outcomes Great Expectations
records there, and what reads it) are always created on DuckDB."""


from collections.abc import Mapping
from graphlib import TopologicalSorter
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets
from dagster_dbt.asset_utils import (
    DAGSTER_DBT_EXCLUDE_METADATA_KEY,
    DAGSTER_DBT_SELECT_METADATA_KEY,
    get_manifest_and_translator_from_dbt_assets,
    get_subset_selection_for_context,
)
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage
from dagster_dbt.errors import DagsterDbtCliRuntimeError

from orchestration.pipeline import dbt_runner, engines, expectation_suites
from orchestration import settings
from orchestration.pipeline.dbt_runner import DbtError
from orchestration.publish.build_lock import BuildLock
from orchestration.publish.build_plan import FULL, INCREMENTAL, REPORT_MONTHS_SOURCE
from orchestration.pipeline.dbt_project import dbt_project
from orchestration.pipeline.engines import WarehouseEngine
from orchestration.warehouse import connect

BUILD_DATABASE_ONLY = "tag:build_database"
# dbt unit tests (models/_unit_tests.yml) test the models' code on hand-made rows, not the
# data: a build of unchanged code learns nothing from them, and they were 5 of the slowest
# nodes of the seeds build (0.3-0.8 s each). `make test` runs them (tests/test_dbt_project.py),
# and so does a build on Spark (where they check the portable SQL on that engine).
NO_UNIT_TESTS = ["--exclude-resource-type", "unit_test"]


class Translator(DagsterDbtTranslator):
    """Models are keyed schema/name (marts/fct_figure) and grouped by schema; sources keep
    the asset key in their meta.dagster.asset_key."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return super().get_asset_key(dbt_resource_props)
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return "dbt_" + dbt_resource_props["schema"] if dbt_resource_props["resource_type"] != "source" else None


RETRY = dg.RetryPolicy(max_retries=1, delay=2)
# What a retry can fix: another process holding the DuckDB file, a full disk since freed.
TRANSIENT = ("Could not set lock", "IO Error", "database is locked")


def run_dbt_build(context: dg.AssetExecutionContext, dbt: DbtCliResource, incremental_selector: str | None = None,
                  target: str = settings.DUCKDB_TARGET):
    """`dbt build` (models and their tests) for the selected models on `target`: in this
    process on the build database's DuckDB (orchestration/pipeline/dbt_runner.py), as a dbt
    subprocess on another engine (Spark's session lives in dbt's process), whose results
    are then brought into the build database. A failing model or test is final: it is not
    retried, only what a retry can fix is."""
    manifest, translator, project = get_manifest_and_translator_from_dbt_assets([context.assets_def])
    selection, indirect = get_subset_selection_for_context(
        context, manifest, select=context.op.tags.get(DAGSTER_DBT_SELECT_METADATA_KEY),
        exclude=context.op.tags.get(DAGSTER_DBT_EXCLUDE_METADATA_KEY), selector=None,
        dagster_dbt_translator=translator, current_dbt_indirect_selection_env=None)
    if indirect:
        selection += ["--indirect-selection", indirect]
    if incremental_selector and _build_mode() == INCREMENTAL:
        selection = ["--selector", incremental_selector]
        carried = _not_downstream_of(context, dg.AssetKey(REPORT_MONTHS_SOURCE))
        context.log.info(f"incremental build: dbt runs the selector {incremental_selector}; "
                         f"{len(carried)} models are carried over from the published build")
        # Copied from the published build, which this code built from the same inputs: they
        # are this build's as they are. Yielded first: Dagster wants upstream before downstream.
        for key in carried:
            yield dg.MaterializeResult(asset_key=key, metadata={"carried_over": True})
    try:
        if target == settings.DUCKDB_TARGET:
            yield from _in_process(context, ["build", *selection, *NO_UNIT_TESTS])
        else:
            invocation = dbt.cli(["build", "--target", target, *_excluding(selection, BUILD_DATABASE_ONLY)], context=context)
            yield from invocation.stream()
            bring_into_build_database(context, invocation.target_path)
            # the models only the build database holds, with their tests, reported here
            names = sorted(props["name"] for props in manifest["nodes"].values()
                           if "build_database" in props.get("tags", []) and props["resource_type"] == "model"
                           and translator.get_asset_key(props) in context.selected_asset_keys)
            if names:
                yield from _in_process(context, ["build", "--select", " ".join(names)])
    except (DbtError, DagsterDbtCliRuntimeError, duckdb.Error) as exc:  # duckdb: copying another engine's results
        if any(marker in str(exc) for marker in TRANSIENT):
            raise
        raise dg.Failure(description=str(exc), allow_retries=False) from exc


def _in_process(context: dg.AssetExecutionContext, args: list[str]):
    """A dbt command on the build database's DuckDB, in this process, its results as
    Dagster events (one materialization per model, one check result per test)."""
    manifest, translator, project = get_manifest_and_translator_from_dbt_assets([context.assets_def])
    for raw in dbt_runner.stream(args, settings.DUCKDB_TARGET):
        event = DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={})
        if event.is_result_event:
            yield from event.to_default_asset_events(manifest=manifest, dagster_dbt_translator=translator,
                                                     context=context, project=project)


def bring_into_build_database(context: dg.AssetExecutionContext, target_path) -> None:
    """After a pass on another engine: its tables copied into the build database, its
    views created there by dbt on DuckDB (over those tables and the raw schema; Dagster has
    their materializations from that pass), so every later step and every reader finds
    what a DuckDB build leaves."""
    results = engines.pass_results(target_path)
    views = sorted(node["name"] for node in results.views)
    rows = engines.copy_spark_results(settings.build_db(), results.tables)
    context.log.info(f"copied {len(rows)} tables from Spark into {settings.build_db()}: "
                     + ", ".join(f"{name} ({n})" for name, n in rows.items()))
    if views:
        dbt_runner.invoke(["run", "--select", " ".join(views)], settings.DUCKDB_TARGET)
        context.log.info(f"created {len(views)} views on DuckDB: {', '.join(views)}")


def _excluding(selection: list[str], exclude: str) -> list[str]:
    """dbt selection arguments with `exclude` added to their --exclude (one value:
    several are a union)."""
    args = list(selection)
    if "--exclude" in args:
        at = args.index("--exclude") + 1
        args[at] = f"{args[at]} {exclude}"
        return args
    return [*args, "--exclude", exclude]


def _not_downstream_of(context: dg.AssetExecutionContext, source: dg.AssetKey) -> list[dg.AssetKey]:
    """The selected assets that do not depend on `source`, upstream first."""
    deps = context.assets_def.asset_deps
    downstream: set[dg.AssetKey] = set()
    while grown := {k for k, up in deps.items() if k not in downstream and (source in up or up & downstream)}:
        downstream |= grown
    keep = set(context.selected_asset_keys) - downstream
    return list(TopologicalSorter({k: deps[k] & keep for k in keep}).static_order())


def _build_mode() -> str:
    """What the ingest step chose for this build (full when the models are run alone)."""
    try:
        with connect(settings.build_db(), read_only=True) as con:  # closed before dbt opens the file
            return con.execute("select mode from meta.build_info").fetchone()[0]
    except (FileNotFoundError, duckdb.Error):
        return FULL


def dbt_pass(name: str, select: str = "fqn:*", exclude: str = "", incremental_selector: str | None = None
             ) -> dg.AssetsDefinition:
    """The dbt models chosen by select/exclude as one multi-asset that runs `dbt build`
    (only `incremental_selector` in an incremental build) on the run's engine."""

    @dbt_assets(
        manifest=dbt_project.manifest_path,
        project=dbt_project,
        select=select,
        exclude=exclude,
        name=name,
        dagster_dbt_translator=Translator(),
        retry_policy=RETRY,
    )
    def _models(context: dg.AssetExecutionContext, dbt: DbtCliResource, build_lock: BuildLock,  # noqa: ARG001 (held for the run)
                engine: WarehouseEngine):
        if engine.writes_elsewhere:
            settings.spark_dir().mkdir(parents=True, exist_ok=True)  # where the session keeps its state and logs
        with connect(settings.build_db()) as con:  # this build's checks start undecided
            expectation_suites.create_tables(con)
        yield from run_dbt_build(context, dbt, incremental_selector, engine.dbt_target)

    return _models


dbt_models = dbt_pass("dbt_models", incremental_selector="new_report_months")
