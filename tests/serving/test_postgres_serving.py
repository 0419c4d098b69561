"""The published warehouse served by a real PostgreSQL: same marts, same values, same
comments; a reader role that can only read; swaps that readers never see half-done."""

from __future__ import annotations

import math
import shutil
import subprocess
import threading

import dagster as dg
import duckdb
import psycopg
import pytest
import sqlalchemy as sa

from orchestration.serving.postgres_loader import load
from tests.serving.conftest import READER

# the served marts: tables, and views such as fct_check_result (served as tables)
MARTS_SQL = ("select table_name from duckdb_tables() where schema_name = 'marts'"
             " union all select view_name from duckdb_views() where schema_name = 'marts' order by 1")


@pytest.fixture(scope="module")
def served(seed_build, postgres):
    load(seed_build.published, postgres.loader_dsn, READER)
    return seed_build


def normalise(value):
    """Equal values compare equal across the two drivers (floats to 12 significant digits)."""
    if isinstance(value, float) and math.isfinite(value):
        return float(f"{value:.12g}")
    return value


def test_every_mart_has_the_same_rows_as_duckdb(served, postgres):
    """psycopg reads every mart with the same row count and the same values as DuckDB."""
    marts = [name for (name,) in served.query(MARTS_SQL)]
    assert len(marts) >= 8
    with psycopg.connect(postgres.reader_dsn) as pg:
        for mart in marts:
            duck = sorted((tuple(map(normalise, row)) for row in served.query(f"select * from marts.{mart}")), key=repr)
            rows = pg.execute(f"select * from marts.{mart}").fetchall()
            assert len(rows) == len(duck), mart
            assert sorted((tuple(map(normalise, row)) for row in rows), key=repr) == duck, mart


def test_sqlalchemy_inspects_tables_types_and_comments(served, postgres):
    """SQLAlchemy's inspector lists every mart, and columns carry the dbt descriptions."""
    engine = sa.create_engine(postgres.reader_dsn.replace("postgresql://", "postgresql+psycopg://"))
    try:
        inspector = sa.inspect(engine)
        assert sorted(inspector.get_table_names(schema="marts")) == [n for (n,) in served.query(MARTS_SQL)]
        columns = {c["name"]: c for c in inspector.get_columns("fct_figure", schema="marts")}
        assert isinstance(columns["value"]["type"], sa.Double)
        assert isinstance(columns["value_high"]["type"], sa.Double)
        duck_comment = served.query("select comment from duckdb_columns() where schema_name = 'marts'"
                                    " and table_name = 'fct_figure' and column_name = 'quote'")[0][0]
        assert columns["quote"]["comment"] == duck_comment.strip() and duck_comment
        assert inspector.get_table_comment("fct_figure", schema="marts")["text"]
        assert "build_info" in inspector.get_table_names(schema="meta")
    finally:
        engine.dispose()


def test_psql_lists_the_marts(served, postgres):
    """`psql -c '\\dt marts.*'` works for the reader and shows every mart."""
    result = subprocess.run(["psql", postgres.reader_dsn, "-c", r"\dt marts.*"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for (mart,) in served.query(MARTS_SQL):
        assert f" {mart} " in result.stdout


@pytest.mark.parametrize("statement", [
    "insert into marts.dim_unit select * from marts.dim_unit",
    "update marts.fct_figure set value = 0",
    "delete from marts.fct_check_result",
    "create table marts.scratch (a int)",
    "create table public.scratch (a int)",
    "create temporary table scratch (a int)",
    "create schema scratch",
    "drop table marts.fct_figure",
    "drop schema marts cascade",
])
def test_reader_can_only_read(served, postgres, statement):
    """bi_reader gets a permission error for every write or DDL, and can still SELECT."""
    with psycopg.connect(postgres.reader_dsn) as pg:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            pg.execute(statement)
        pg.rollback()
        assert pg.execute("select count(*) from marts.fct_figure").fetchone()[0] > 0


# One query reads several tables, so a mix of builds would show as a fingerprint of neither.
FINGERPRINT = """select (select build_id from meta.build_info), (select count(*) from marts.fct_figure),
                        (select count(*) from marts.dim_region), (select count(*) from marts.fct_check_result),
                        (select sum(row_count) from meta.build_marts)"""


def test_readers_never_see_a_half_swapped_schema(served, postgres, tmp_path):
    """Four readers query in a loop through 20 swaps between two different builds: no
    error, and every result is exactly one build's fingerprint."""
    other = tmp_path / "industry_stats.duckdb"  # the file name is the catalog dbt's views refer to
    shutil.copy(served.published, other)
    with duckdb.connect(str(other)) as con:
        con.execute("update meta.build_info set build_id = 'other-build'")
        con.execute("delete from marts.fct_figure where kind = 'target'")
        con.execute("delete from marts.dim_region where level = 'county'")
    fingerprints = {}
    for db in (other, served.published):
        with duckdb.connect(str(db), read_only=True) as con:
            fingerprints[db] = con.execute(FINGERPRINT).fetchone()
    assert len(set(fingerprints.values())) == 2

    stop, seen, errors = threading.Event(), [], []

    def reader() -> None:
        with psycopg.connect(postgres.reader_dsn, autocommit=True) as pg:
            while not stop.is_set():
                try:
                    seen.append(tuple(pg.execute(FINGERPRINT).fetchone()))
                except psycopg.Error as exc:
                    errors.append(repr(exc))

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        for swap in range(20):
            load(other if swap % 2 == 0 else served.published, postgres.loader_dsn, READER)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    assert set(seen) <= {tuple(fp) for fp in fingerprints.values()}
    assert {tuple(fp) for fp in fingerprints.values()} <= set(seen)  # both builds were read
    assert len(seen) >= 100
    print(f"20 swaps, {len(seen)} reader queries, 0 errors")


def test_dagster_asset_loads_when_configured_and_skips_otherwise(served, postgres, monkeypatch):
    """The serving asset loads the published warehouse when REGSTAT_PG_DSN is set, and
    materializes nothing (without failing) when it is not."""
    from orchestration.pipeline.assets.postgres_marts import postgres_marts

    monkeypatch.setenv("REGSTAT_WAREHOUSE_DIR", str(served.warehouse))
    monkeypatch.delenv("REGSTAT_PG_DSN", raising=False)
    skipped = dg.materialize([postgres_marts])
    assert skipped.success and skipped.get_asset_materialization_events() == []

    with psycopg.connect(postgres.loader_dsn, autocommit=True) as pg:
        pg.execute("drop schema marts cascade")
    monkeypatch.setenv("REGSTAT_PG_DSN", postgres.loader_dsn)
    loaded = dg.materialize([postgres_marts])
    assert loaded.success
    [event] = loaded.get_asset_materialization_events()
    assert event.materialization.metadata["marts.fct_figure"].value == served.query("select count(*) from marts.fct_figure")[0][0]
    with psycopg.connect(postgres.reader_dsn) as pg:
        assert pg.execute("select count(*) from marts.fct_figure").fetchone()[0] > 0
