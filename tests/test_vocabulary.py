"""The vocabulary (orchestration/vocabulary.py) is the one definition of the project's
words: every dbt accepted_values test, every expectation value set and the relation kinds
the SQL evaluates agree with it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from orchestration import vocabulary as v
from orchestration.settings import DBT_PROJECT_DIR, EXPECTATIONS_DIR

# (model, column) → the vocabulary set its accepted_values must equal. A new
# accepted_values test must be added here (the test below fails until it is).
ACCEPTED = {
    ("fct_figure", "kind"): v.KINDS,
    ("fct_figure", "measure"): v.MEASURES,
    ("fct_figure", "qualifier"): v.QUALIFIERS,
    ("stg_raw__relations", "kind"): v.RELATION_KINDS,
    ("stg_raw__relations", "severity"): v.SEVERITIES,
    ("int_rule_evaluations", "severity_on_failure"): v.SEVERITIES,
    ("int_check_intervals", "family"): v.CHECK_FAMILIES,
    ("int_check_intervals", "severity"): v.SEVERITIES,
    ("int_check_intervals", "severity_on_failure"): v.SEVERITIES,
    ("fct_check_result", "severity"): v.SEVERITIES,
    ("fct_check_result", "status"): v.CHECK_STATUSES,
    ("fct_target_progress", "status"): v.TARGET_STATUSES,
    ("target_progress", "status"): v.TARGET_STATUSES,
    ("dim_region", "level"): v.REGION_LEVELS,
    ("fct_target_progress", "outcome"): v.TARGET_OUTCOMES,
    ("int_series_checks", "rule"): v.SERIES_RULES,
}


def accepted_values() -> dict[tuple[str, str], tuple[str, list]]:
    """(model, column) → (file, values) of every accepted_values test in the dbt project."""
    found = {}
    for path in sorted((DBT_PROJECT_DIR / "models").rglob("*.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []):
            for column in model.get("columns", []):
                for test in [*column.get("data_tests", []), *column.get("tests", [])]:
                    if isinstance(test, dict) and "accepted_values" in test:
                        spec = test["accepted_values"]
                        values = spec.get("arguments", spec)["values"]
                        found[(model["name"], column["name"])] = (str(path.relative_to(DBT_PROJECT_DIR)), values)
    return found


def test_dbt_accepted_values_are_the_vocabulary():
    """Every accepted_values test lists exactly its vocabulary set (order aside), and each
    is mapped to one, so none can drift from orchestration/vocabulary.py."""
    found = accepted_values()
    assert set(found) == set(ACCEPTED), f"unmapped or missing accepted_values: {set(found) ^ set(ACCEPTED)}"
    for key, (path, values) in found.items():
        assert sorted(map(str, values)) == sorted(ACCEPTED[key]), f"{path}: {key[0]}.{key[1]}"


def test_expectation_value_sets_are_the_vocabulary():
    """Every string value set of an expectation suite is a vocabulary set (boolean sets,
    like attributes_agree = true, are not words)."""
    words = {frozenset(s) for s in ACCEPTED.values()}
    for path in sorted((EXPECTATIONS_DIR / "suites").glob("*.json")):
        for e in json.loads(path.read_text(encoding="utf-8"))["expectations"]:
            value_set = e["kwargs"].get("value_set")
            if value_set and all(isinstance(x, str) for x in value_set):
                assert frozenset(value_set) in words, f"{path.name}: {e['id']} value_set {value_set}"


def test_sql_evaluates_every_relation_kind_and_reconciliation_rule():
    """int_rule_evaluations.sql evaluates exactly the relation kinds of the vocabulary, and
    int_reconciliation.sql names exactly its reconciliation rules."""
    relations = (DBT_PROJECT_DIR / "models/intermediate/int_rule_evaluations.sql").read_text(encoding="utf-8")
    assert set(re.findall(r"where r\.kind = '(\w+)'", relations)) == set(v.RELATION_KINDS)
    recon = (DBT_PROJECT_DIR / "models/intermediate/int_reconciliation.sql").read_text(encoding="utf-8")
    named = set(re.findall(r"'(\w+_vs_\w+)'", recon)) | {f"{d}_hierarchy" for d in re.findall(r"\('(\w+)', '\w+s'", recon)}
    assert named == set(v.RECONCILIATION_RULES)


def test_status_order_is_worst_first():
    """fail sorts before warn before pass, in Python and in the SQL the CLI uses."""
    assert sorted(["pass", "fail", "warn"], key=v.STATUS_ORDER.get) == ["fail", "warn", "pass"]
    assert v.status_order_sql("s") == "case s when 'fail' then 0 when 'warn' then 1 when 'pass' then 2 else 3 end"


def test_python_uses_the_vocabulary():
    """The ingest checks and the figure parser hold the vocabulary's objects, not copies."""
    from orchestration.ingest import raw_inputs
    from orchestration.ingest.figures import QUALIFIERS

    assert raw_inputs.KINDS is v.KINDS and raw_inputs.RELATION_ARITY is v.RELATION_ARITY
    assert QUALIFIERS is v.QUALIFIERS
    assert Path(v.__file__).name == "vocabulary.py"
