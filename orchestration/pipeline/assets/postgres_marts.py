"""Serve the published warehouse to BI tools: load it into PostgreSQL after each publish."""

import dagster as dg

from orchestration import settings
from orchestration.serving.postgres_loader import load


@dg.asset(
    key=["serving", "postgres_marts"],
    deps=[dg.AssetKey(["warehouse", "published"])],
    group_name="serve",
    kinds={"postgres"},
    output_required=False,
    # The server restarting or a network blip is worth waiting for; the publish stands.
    retry_policy=dg.RetryPolicy(max_retries=3, delay=10, backoff=dg.Backoff.EXPONENTIAL),
    description="The published marts, analyst views and build info in PostgreSQL (schemas marts, analyst, meta), "
                "swapped in atomically; skipped when REGSTAT_PG_DSN is not set.",
)
def postgres_marts(context: dg.AssetExecutionContext):
    dsn = settings.pg_dsn()
    if not dsn:
        context.log.info("REGSTAT_PG_DSN is not set: PostgreSQL serving skipped")
        return
    counts = load(settings.published_db(), dsn, settings.pg_reader())
    context.log.info(f"loaded {len(counts)} tables, {sum(counts.values())} rows into PostgreSQL")
    yield dg.Output(None, metadata={"tables": len(counts), "rows": sum(counts.values()),
                                    **{name: n for name, n in counts.items() if name.startswith("marts.")}})
