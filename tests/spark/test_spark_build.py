"""The dbt project built on Apache Spark (issue 8): `regstat build --engine spark` on the
committed data publishes a warehouse whose marts equal, row for row, the marts of the
DuckDB build, and that readers cannot tell apart from it."""

from __future__ import annotations

from tests.spark.conftest import requires_java

pytestmark = requires_java

READER_SCHEMAS = ("marts", "analyst", "staging", "intermediate", "raw", "validation", "meta")


def relations(build) -> set[tuple[str, str]]:
    return set(build.query(
        "select table_schema, table_name from information_schema.tables"
        f" where table_schema in {READER_SCHEMAS}"))


def test_spark_build_publishes(spark_build, seed_build):
    """The build with the models on Spark validates and publishes like a DuckDB build (the
    same check counts as the DuckDB seed build), and says which engine built the models."""
    out = spark_build.result.stdout
    assert spark_build.published.exists()
    counts = dict(seed_build.query("select status, count(*) from marts.fct_check_result group by status"))
    assert counts.get("fail", 0) == 0
    assert f"checks: {counts['pass']} passed, {counts['warn']} warned, 0 failed" in out
    assert f"published: {spark_build.published}" in out and "(models built on spark)" in out


def test_spark_wrote_the_tables(spark_build):
    """The marts and intermediate tables really come from Spark: each is a Parquet table in
    Spark's warehouse folder, and the raw inputs reached Spark as Parquet written at ingest."""
    spark = spark_build.warehouse / "spark"
    for table in ["dim_document", "dim_region", "dim_industry", "dim_indicator", "dim_unit",
                  "fct_figure", "fct_target_progress"]:
        assert list((spark / "warehouse" / "marts.db" / table).glob("*.parquet")), table
    for table in ["int_figures_canonical", "int_rule_evaluations"]:
        assert list((spark / "warehouse" / "intermediate.db" / table).glob("*.parquet")), table
    assert (spark / "sources" / "raw" / "figures" / "data.parquet").exists()


def test_marts_equal_the_duckdb_marts(spark_build, seed_build):
    """Acceptance: every mart built on Spark equals the DuckDB build's, by row count and by
    the canonical content hash the build records (meta.build_marts), and has the same
    column names and types."""
    sql = "select mart, row_count, content_hash from meta.build_marts order by mart"
    on_duckdb, on_spark = seed_build.query(sql), spark_build.query(sql)
    assert [m for m, _, _ in on_spark] == [m for m, _, _ in on_duckdb]
    for (mart, rows, digest), (_, spark_rows, spark_digest) in zip(on_duckdb, on_spark):
        assert (spark_rows, spark_digest) == (rows, digest), f"{mart}: {rows} rows {digest} on DuckDB, {spark_rows} rows {spark_digest} on Spark"
    columns = ("select table_name, column_name, data_type from information_schema.columns"
               " where table_schema = 'marts' order by table_name, ordinal_position")
    assert spark_build.query(columns) == seed_build.query(columns)
    assert spark_build.query("select marts_hash from meta.build_info") == seed_build.query("select marts_hash from meta.build_info")


def test_intermediate_and_analyst_views_equal(spark_build, seed_build):
    """What validation reads (the rule evaluations) and what analysts read (the analyst
    views over the marts) have the same rows on both engines."""
    for relation in ["intermediate.int_figures_canonical", "intermediate.int_rule_evaluations",
                     "analyst.check_results", "analyst.figures_by_document",
                     "analyst.latest_indicator_values", "analyst.target_progress"]:
        sql = f"select * from {relation} order by all"
        assert spark_build.query(sql) == seed_build.query(sql), relation


def test_readers_see_the_same_warehouse(spark_build, seed_build):
    """The published file has the same schemas and relations as a DuckDB build, and the
    marts keep their documented descriptions (dbt's persist_docs on DuckDB)."""
    assert relations(spark_build) == relations(seed_build)
    comments = ("select table_name, column_name, comment from duckdb_columns()"
                " where schema_name = 'marts' order by table_name, column_name")
    assert spark_build.query(comments) == seed_build.query(comments)
    tables = "select table_name, comment from duckdb_tables() where schema_name = 'marts' order by table_name"
    assert spark_build.query(tables) == seed_build.query(tables)
