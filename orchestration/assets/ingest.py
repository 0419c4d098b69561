"""Ingest: validate every raw input, then load them into a fresh build database.

One multi-asset, so the inputs are all-or-nothing: a bad row anywhere stops the run before
any table is written, and nothing published is touched.
"""


import dagster as dg

from orchestration import settings
from orchestration.build_info import open_record
from orchestration.engines import WarehouseEngine, write_sources
from orchestration.raw_inputs import RawDataError, load_documents, load_figures, load_reference, load_relations
from orchestration.snapshots import clean_leftovers
from orchestration.warehouse import connect, replace_table

RAW_TABLES = ["documents", "figures", "relations", "relation_members", "regions", "industries", "indicators", "units"]


@dg.multi_asset(
    specs=[dg.AssetSpec(["raw", name], group_name="ingest", kinds={"duckdb"}) for name in RAW_TABLES],
    retry_policy=dg.RetryPolicy(max_retries=2, delay=2),
    required_resource_keys={"build_lock", "engine"},
    description="Validate raw/ (provenance, units, qualifiers, values, periods, ids) and load it into the build database "
                "(and, for the Spark engine, write it as Parquet for Spark to read).",
)
def raw_inputs(context: dg.AssetExecutionContext):
    engine: WarehouseEngine = context.resources.engine
    raw = settings.raw_dir()
    try:
        reference = load_reference(raw)
        documents = load_documents(raw, reference)
        figures = load_figures(raw, documents, reference, settings.approx_band())
        relations, members = load_relations(raw, figures)
    except RawDataError as exc:  # bad data stays bad: no retry
        raise dg.Failure(description=str(exc), allow_retries=False) from exc
    tables = {**reference, "documents": documents, "figures": figures, "relations": relations, "relation_members": members}

    # A fresh build database each run, and nothing left from a build that was killed.
    for leftover in clean_leftovers():
        context.log.info(f"removed leftover {leftover}")
    with connect(settings.build_db()) as con:
        build_id = open_record(con, context.run_id, raw)
        for name in RAW_TABLES:
            replace_table(con, "raw", name, tables[name])
        if engine.writes_elsewhere:
            context.log.info(f"raw tables for {engine.engine} written to {write_sources(con, 'raw', RAW_TABLES)}")
    context.log.info(f"build {build_id}: loaded {len(figures)} figure statements, {len(relations)} relations from {raw}")
    for name in RAW_TABLES:
        yield dg.MaterializeResult(asset_key=["raw", name], metadata={"rows": len(tables[name])})
