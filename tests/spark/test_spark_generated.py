"""Issue 8 acceptance on generated data: a dataset with a register, monthly report files,
statistical tables and planted inconsistencies (regstat generate) gives the same marts on
Spark as on DuckDB, row for row, including every failed reconciliation check."""

from __future__ import annotations

from tests.spark.conftest import GENERATED, marts_of, requires_java

pytestmark = requires_java


def test_both_engines_reach_the_same_verdict(generated_builds):
    """Both builds stop before publishing, with the same check counts: the planted
    inconsistencies are found on Spark's results as on DuckDB's."""
    on_duckdb, on_spark = generated_builds
    for result in (on_duckdb, on_spark):
        assert result.result.returncode == 1, result.result.stdout[-3000:] + result.result.stderr[-3000:]
        assert not result.published.exists()
    summary = [line for line in on_duckdb.result.stdout.splitlines() if line.startswith("checks:")]
    assert summary and summary[0] in on_spark.result.stdout and " 0 failed" not in summary[0]
    assert "(models built on spark)" in on_spark.result.stdout


def test_every_mart_equals_the_duckdb_mart(generated_builds):
    """Every mart of the Spark build equals the DuckDB build's: same row count and the same
    order-independent content hash (meta.build_marts' function) — dim_enterprise,
    fct_industry_month (the report files read by path), the hierarchy aggregates and the
    check results with their messages included."""
    on_duckdb, on_spark = generated_builds
    duck, spark = marts_of(on_duckdb.build_db), marts_of(on_spark.build_db)
    assert [m for m, _, _ in spark] == [m for m, _, _ in duck]
    differ = [f"{m}: {n} rows {h} on DuckDB, {sn} rows {sh} on Spark"
              for (m, n, h), (_, sn, sh) in zip(duck, spark) if (n, h) != (sn, sh)]
    assert not differ, "\n".join(differ)
    rows = dict((m, n) for m, n, _ in duck)
    assert rows["dim_enterprise"] == GENERATED.enterprises
    assert rows["fct_industry_month"] > 0 and rows["fct_enterprise_aggregate"] > 0 and rows["fct_table_value"] > 0


def test_report_months_reached_spark_as_files(generated_builds):
    """The monthly reports were read by Spark where they lie (no copy in Spark's catalog):
    Spark's fct_industry_month holds every month, written as a Parquet table."""
    _, on_spark = generated_builds
    table = on_spark.warehouse / "spark" / "warehouse" / "marts.db" / "fct_industry_month"
    assert list(table.glob("*.parquet"))
    months = on_spark.query("select count(distinct month) from marts.fct_industry_month", on_spark.build_db)
    assert months == [(GENERATED.months,)]
    assert not (on_spark.warehouse / "spark" / "sources" / "raw" / "reports").exists()
