"""Ingest: validate every raw input, then load them into a fresh build database.

One multi-asset, so the inputs are all-or-nothing: a bad row anywhere stops the run before
any table is written, and nothing published is touched.
"""


import dagster as dg

from orchestration import settings
from orchestration.raw_inputs import load_documents, load_figures, load_reference, load_relations
from orchestration.warehouse import connect, replace_table

RAW_TABLES = ["documents", "figures", "relations", "relation_members", "regions", "industries", "indicators", "units"]


@dg.multi_asset(
    specs=[dg.AssetSpec(["raw", name], group_name="ingest", kinds={"duckdb"}) for name in RAW_TABLES],
    retry_policy=dg.RetryPolicy(max_retries=2, delay=2),
    description="Validate raw/ (provenance, units, qualifiers, values, periods, ids) and load it into the build database.",
)
def raw_inputs(context: dg.AssetExecutionContext):
    raw = settings.raw_dir()
    reference = load_reference(raw)
    documents = load_documents(raw, reference)
    figures = load_figures(raw, documents, reference, settings.approx_band())
    relations, members = load_relations(raw, figures)
    tables = {**reference, "documents": documents, "figures": figures, "relations": relations, "relation_members": members}

    # A fresh build database each run: no table left over from an earlier build.
    build = settings.build_db()
    for stale in (build, build.with_name(build.name + ".wal")):
        stale.unlink(missing_ok=True)
    with connect(build) as con:
        for name in RAW_TABLES:
            replace_table(con, "raw", name, tables[name])
    context.log.info(f"loaded {len(figures)} figure statements, {len(relations)} relations from {raw}")
    for name in RAW_TABLES:
        yield dg.MaterializeResult(asset_key=["raw", name], metadata={"rows": len(tables[name])})
