"""Bringing Spark's tables into the build database (orchestration/pipeline/engines.py), on real
Parquet folders laid out as Spark's warehouse and a real DuckDB file; no Java needed."""

from __future__ import annotations

import duckdb

from orchestration import settings
from orchestration.pipeline.engines import copy_spark_results


def _spark_table(schema: str, table: str, sql: str) -> None:
    """A managed Spark table as Spark leaves it: <warehouse dir>/<schema>.db/<table>/part-*.parquet."""
    folder = settings.spark_tables_dir() / f"{schema}.db" / table
    folder.mkdir(parents=True)
    with duckdb.connect() as con:
        con.execute(f"copy ({sql}) to '{folder / 'part-00000.parquet'}' (format parquet)")


def test_copy_replaces_views_and_kept_tables_and_keeps_types_and_docs(tmp_path, monkeypatch):
    """A DuckDB view and a table kept from the published build (an incremental model's)
    under a Spark table's name are both replaced by Spark's rows, with Spark's column types
    and the dbt descriptions written as dbt-duckdb writes them (text as is, empty ones too)."""
    monkeypatch.setenv("REGSTAT_WAREHOUSE_DIR", str(tmp_path))
    _spark_table("marts", "kept", "select 1::bigint as n, 'new'::varchar as s, 12.5::decimal(38, 2) as amount")
    _spark_table("intermediate", "was_view", "select 2::integer as depth")
    build_db = settings.build_db()
    build_db.parent.mkdir(parents=True)
    with duckdb.connect(str(build_db)) as con:
        con.execute("create schema marts; create schema intermediate")
        con.execute("create table marts.kept as select 9 as n, 'old' as s, 0.0 as amount")
        con.execute("create view intermediate.was_view as select 7 as depth")
    nodes = [
        {"schema": "marts", "alias": "kept", "description": "Kept table.\n",
         "columns": {"n": {"description": "A count."}, "s": {"description": ""}, "absent": {"description": "x"}}},
        {"schema": "intermediate", "alias": "was_view", "description": "", "columns": {}},
    ]
    assert copy_spark_results(build_db, nodes) == {"marts.kept": 1, "intermediate.was_view": 1}
    with duckdb.connect(str(build_db), read_only=True) as con:
        assert con.execute("select * from marts.kept").fetchall()[0][:2] == (1, "new")
        assert con.execute("select * from intermediate.was_view").fetchall() == [(2,)]
        types = con.execute("select column_name, data_type, comment from duckdb_columns() "
                            "where table_name = 'kept' order by column_index").fetchall()
        assert types == [("n", "BIGINT", "A count."), ("s", "VARCHAR", ""), ("amount", "DECIMAL(38,2)", None)]
        kinds = dict(con.execute("select table_name, table_type from information_schema.tables "
                                 "where table_name in ('kept', 'was_view')").fetchall())
        assert kinds == {"kept": "BASE TABLE", "was_view": "BASE TABLE"}
        assert con.execute("select comment from duckdb_tables() where table_name = 'kept'").fetchone()[0] == "Kept table.\n"
