"""One SQL code base for every engine (issue 8): models name no engine, engine differences
live in dispatched macros, and the engine of a run is chosen by configuration only.
No Java needed."""

from __future__ import annotations

import re

import pytest

from orchestration.pipeline.engines import ENGINES, WarehouseEngine, engine_run_config
from orchestration.settings import DBT_PROJECT_DIR

ADAPTERS = re.compile(r"spark|duckdb|databricks|postgres|snowflake|bigquery|redshift|target\.type|adapter\.", re.I)


def test_no_model_names_an_engine():
    """`grep` for adapter names in models/ finds none: no engine-specific branches. The
    overview page (a docs block, .md) tells readers which tools serve the warehouse: prose,
    not a model."""
    hits = [f"{path.relative_to(DBT_PROJECT_DIR)}:{n}: {line.strip()}"
            for path in sorted((DBT_PROJECT_DIR / "models").rglob("*")) if path.is_file() and path.suffix != ".md"
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if ADAPTERS.search(line)]
    assert not hits, "\n".join(hits)


def test_every_dispatched_macro_has_a_default():
    """Each macro dispatched by adapter has a default__ implementation (DuckDB / ANSI), so
    another engine only adds its own where it differs."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (DBT_PROJECT_DIR / "macros").glob("*.sql"))
    dispatched = set(re.findall(r"adapter\.dispatch\('(\w+)'", text))
    assert {"string_agg_ordered", "fmt_num", "string_type", "year_of", "explode_list", "register_sources",
            "by_month_materialization"} <= dispatched
    for name in dispatched:
        assert f"macro default__{name}(" in text, name


def test_run_config_selects_the_engine(monkeypatch):
    """`regstat build --engine spark` and a Dagster run config select the engine through
    the same `engine` resource; the default stays DuckDB; a cluster's profile output is
    chosen by configuration (run config `target`, or REGSTAT_SPARK_TARGET)."""
    monkeypatch.delenv("REGSTAT_ENGINE", raising=False)
    monkeypatch.delenv("REGSTAT_SPARK_TARGET", raising=False)
    assert engine_run_config("spark") == {"resources": {"engine": {"config": {"name": "spark"}}}}
    assert engine_run_config(None) == {}
    assert WarehouseEngine().engine == "duckdb" and WarehouseEngine().dbt_target == ENGINES["duckdb"]
    spark = WarehouseEngine(name="spark")
    assert spark.dbt_target == "spark" and spark.writes_elsewhere
    assert WarehouseEngine(name="spark", target="spark_thrift").dbt_target == "spark_thrift"
    monkeypatch.setenv("REGSTAT_SPARK_TARGET", "spark_connect")
    assert WarehouseEngine(name="spark").dbt_target == "spark_connect"
    assert WarehouseEngine().dbt_target == ENGINES["duckdb"]
    monkeypatch.setenv("REGSTAT_ENGINE", "spark")
    assert WarehouseEngine().engine == "spark"
    with pytest.raises(ValueError, match="unknown engine"):
        WarehouseEngine(name="oracle")
