"""The dbt project: documented marts, portable models, and its tests pass on a build."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache

import yaml

from orchestration.commands import prepare_dbt_manifest
from orchestration.settings import DBT_PROJECT_DIR


@cache
def manifest() -> dict:
    """Parsed once for the module (a parse is seconds of dbt)."""
    prepare_dbt_manifest()
    return json.loads((DBT_PROJECT_DIR / "target" / "manifest.json").read_text(encoding="utf-8"))


def test_every_mart_and_column_is_documented():
    """Each mart and analyst view has a description and every column it produces is described in its YAML."""
    nodes = [n for n in manifest()["nodes"].values() if n["resource_type"] == "model" and n["schema"] in ("marts", "analyst")]
    assert {n["name"] for n in nodes} >= {"fct_figure", "fct_check_result", "fct_target_progress", "dim_document"}
    for node in nodes:
        assert node["description"], node["name"]
        assert node["columns"], node["name"]
        for name, column in node["columns"].items():
            assert column["description"], f"{node['name']}.{name}"


def test_mart_yaml_columns_match_the_built_tables(seed_build):
    """The documented columns are exactly the columns of each built mart and analyst view."""
    nodes = [n for n in manifest()["nodes"].values() if n["resource_type"] == "model" and n["schema"] in ("marts", "analyst")]
    for node in nodes:
        built = [r[0] for r in seed_build.query(
            "select column_name from information_schema.columns"
            f" where table_schema = '{node['schema']}' and table_name = '{node['name']}'")]
        assert sorted(built) == sorted(node["columns"]), node["name"]


def test_one_sql_and_one_yaml_per_model():
    """Each model file has its YAML beside it (jaffle-shop convention)."""
    for sql in (DBT_PROJECT_DIR / "models").rglob("*.sql"):
        assert sql.with_suffix(".yml").exists(), sql


def test_dbt_tests_pass_on_a_build(seed_build):
    """`dbt test` against a finished build database passes every data test and every unit
    test (models/_unit_tests.yml: int_rule_evaluations, int_reconciliation and
    fct_target_progress on hand-made rows)."""
    env = {**os.environ, "REGSTAT_WAREHOUSE_DIR": str(seed_build.warehouse)}
    result = subprocess.run([sys.executable, "-m", "dbt.cli.main", "test", "--project-dir", str(DBT_PROJECT_DIR),
                             "--profiles-dir", str(DBT_PROJECT_DIR)], env=env, capture_output=True, text=True,
                            cwd=DBT_PROJECT_DIR, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "PASS=" in result.stdout and "ERROR=0" in result.stdout
    unit_tests = yaml.safe_load((DBT_PROJECT_DIR / "models" / "_unit_tests.yml").read_text(encoding="utf-8"))["unit_tests"]
    assert {t["model"] for t in unit_tests} >= {"int_rule_evaluations", "int_reconciliation", "fct_target_progress"}
    for test in unit_tests:
        assert re.search(rf"PASS {test['model']}::{test['name']}\b", result.stdout), test["name"]
