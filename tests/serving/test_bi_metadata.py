"""What a BI tool sees in PostgreSQL: primary and foreign keys on the served marts (as the
dbt YAML declares them), a comment on every table and column (meta included), a reader
whose search_path finds marts and analyst, and the five analyst questions of
docs/analyst_views.md answered there exactly as in DuckDB."""

from __future__ import annotations

import math

import psycopg
import pytest
import sqlalchemy as sa

from orchestration.serving.postgres_loader import load
from tests.analyst_queries import question
from tests.serving.conftest import READER

SEED_QUESTIONS = ["heze_biomedicine_output", "heze_biomedicine_output_wide", "target_status", "warnings", "document_figures"]


@pytest.fixture(scope="module")
def inspector(seed_build, postgres):
    load(seed_build.published, postgres.loader_dsn, READER)
    engine = sa.create_engine(postgres.reader_dsn.replace("postgresql://", "postgresql+psycopg://"))
    try:
        yield sa.inspect(engine)
    finally:
        engine.dispose()


def test_marts_have_primary_and_foreign_keys(inspector, seed_build):
    """Every mart has a primary key; fct_figure's foreign keys reach the dimensions, and
    fct_target_progress's reach fct_figure, as the relationships tests in dbt declare."""
    marts = [n for (n,) in seed_build.query("select table_name from duckdb_tables() where schema_name = 'marts'")]
    for mart in marts:
        assert inspector.get_pk_constraint(mart, schema="marts")["constrained_columns"], mart
    assert inspector.get_pk_constraint("fct_figure", schema="marts")["constrained_columns"] == ["figure_id"]
    assert inspector.get_pk_constraint("fct_enterprise_aggregate", schema="marts")["constrained_columns"] == [
        "region_code", "industry_code", "period", "indicator_code"]
    figure_fks = {(fk["constrained_columns"][0], fk["referred_table"], fk["referred_columns"][0])
                  for fk in inspector.get_foreign_keys("fct_figure", schema="marts")}
    assert figure_fks >= {("region_code", "dim_region", "region_code"), ("industry_code", "dim_industry", "industry_code"),
                          ("indicator_code", "dim_indicator", "indicator_code"), ("doc_id", "dim_document", "doc_id")}
    progress_fks = {(fk["constrained_columns"][0], fk["referred_table"])
                    for fk in inspector.get_foreign_keys("fct_target_progress", schema="marts")}
    assert {("target_figure_id", "fct_figure"), ("actual_figure_id", "fct_figure")} <= progress_fks
    series_fks = inspector.get_foreign_keys("figure_series", schema="analyst")
    # referred_schema is None when the reader's search_path already finds the table (marts)
    assert any(fk["referred_schema"] in ("marts", None) and fk["referred_table"] == "fct_figure" for fk in series_fks)


def test_every_table_and_column_has_a_comment(inspector):
    """A comment on every table and every column of marts, analyst and meta."""
    uncommented = []
    for schema in ("marts", "analyst", "meta"):
        tables = inspector.get_table_names(schema=schema)
        assert tables, schema
        for table in tables:
            if not (inspector.get_table_comment(table, schema=schema)["text"] or "").strip():
                uncommented.append(f"{schema}.{table}")
            uncommented += [f"{schema}.{table}.{c['name']}" for c in inspector.get_columns(table, schema=schema)
                            if not (c.get("comment") or "").strip()]
    assert uncommented == []


def test_reader_finds_marts_and_analyst_without_a_schema(inspector, postgres):
    """The reader's default search_path has marts and analyst: unqualified names resolve."""
    with psycopg.connect(postgres.reader_dsn) as pg:
        assert pg.execute("show search_path").fetchone()[0].startswith("marts, analyst")
        assert pg.execute("select count(*) from fct_figure").fetchone()[0] > 0
        assert pg.execute("select count(*) from figure_series").fetchone()[0] > 0


def normalise(rows) -> list[tuple]:
    """Rows comparable across the two drivers: floats to 12 digits, sorted (collations differ)."""
    def value(v):
        return float(f"{v:.12g}") if isinstance(v, float) and math.isfinite(v) else v
    return sorted((tuple(map(value, row)) for row in rows), key=repr)


@pytest.mark.parametrize("name", SEED_QUESTIONS)
def test_questions_answer_the_same_in_postgresql(inspector, seed_build, postgres, name):
    """Each question on the committed data: one SELECT, the same rows in PostgreSQL as in DuckDB."""
    duck = seed_build.query(question(name))
    with psycopg.connect(postgres.reader_dsn) as pg:
        rows = pg.execute(question(name)).fetchall()
    assert duck and normalise(rows) == normalise(duck)


def test_register_question_answers_the_same_in_postgresql(inspector, register_build, seed_build, postgres):
    """Question 5 (enterprises and revenue by county and year) on generated data: the same rows
    in PostgreSQL as in DuckDB. The seed build is loaded back afterwards."""
    _, generated = register_build
    duck = generated.query(question("county_enterprises"))
    load(generated.published, postgres.loader_dsn, READER)
    try:
        with psycopg.connect(postgres.reader_dsn) as pg:
            rows = pg.execute(question("county_enterprises")).fetchall()
    finally:
        load(seed_build.published, postgres.loader_dsn, READER)
    assert duck and normalise(rows) == normalise(duck)
