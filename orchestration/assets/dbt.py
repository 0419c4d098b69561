"""dbt models as Dagster assets, in two passes: everything but the check-result mart, then,
after the expectation suites have run, the models tagged `post_validation`."""


from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets
from dagster_dbt.errors import DagsterDbtCliRuntimeError

from orchestration.build_lock import BuildLock
from orchestration.dbt_project import dbt_project

POST_VALIDATION = "tag:post_validation"


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


def run_dbt_build(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """`dbt build` (models and their tests) for the selected models. A failing model or
    test is final: it is not retried, only what a retry can fix is."""
    try:
        yield from dbt.cli(["build"], context=context).stream()
    except DagsterDbtCliRuntimeError as exc:
        if any(marker in str(exc) for marker in TRANSIENT):
            raise
        raise dg.Failure(description=str(exc), allow_retries=False) from exc


def dbt_pass(name: str, select: str = "fqn:*", exclude: str = "") -> dg.AssetsDefinition:
    """The dbt models chosen by select/exclude as one multi-asset that runs `dbt build`."""

    @dbt_assets(
        manifest=dbt_project.manifest_path,
        project=dbt_project,
        select=select,
        exclude=exclude,
        name=name,
        dagster_dbt_translator=Translator(),
        retry_policy=RETRY,
    )
    def _models(context: dg.AssetExecutionContext, dbt: DbtCliResource, build_lock: BuildLock):  # noqa: ARG001 (held for the run)
        yield from run_dbt_build(context, dbt)

    return _models


dbt_models = dbt_pass("dbt_models", exclude=POST_VALIDATION)
dbt_check_results = dbt_pass("dbt_check_results", select=POST_VALIDATION)
