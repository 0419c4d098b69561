"""Primary and foreign keys of the served relations, read from the dbt YAML that declares
them as tests (one place to state a key; dbt checks it on every build, the PostgreSQL
loader creates it for BI tools that join on keys):

- primary key: the column tested `unique` and `not_null`, else the model's
  `unique_combination` test whose columns are all tested `not_null`;
- foreign key: a `relationships` test whose target column is the target's primary key.

The `meta` tables are written by Python (publish/build_info.py), not dbt: their keys and comments
are stated here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from orchestration import settings

SERVED_FOLDERS = ("marts", "analyst")  # models/<folder>/ is schema <folder>


@dataclass
class Keys:
    primary: list[str] = field(default_factory=list)
    foreign: list[tuple[str, str, str]] = field(default_factory=list)  # column, target model, target column


META_KEYS = {"build_info": Keys(["build_id"]), "build_inputs": Keys(["path"]), "build_marts": Keys(["mart"])}
META_COMMENTS: dict[str, tuple[str, dict[str, str]]] = {
    "build_info": ("One row: the build this warehouse is (id, timing, input and code hashes, check counts).", {
        "build_id": "Build id: UTC start time and a short hash of the Dagster run id.",
        "run_id": "Dagster run id of the build.", "started_at": "When the build started (UTC).",
        "finished_at": "When the build was published (UTC).",
        "input_hash": "sha256 over every input file of raw/ (path and content).",
        "figures": "Figures in marts.fct_figure.", "checks_pass": "Checks that passed.",
        "checks_warn": "Checks that warned (published and reported).", "checks_fail": "Checks that failed (0 when published).",
        "marts_hash": "Hash over the content hashes of every mart.", "code_hash": "Hash of the code and models that built it.",
        "mode": "full or incremental (only new report months were processed).",
        "engine": "Engine that built the models (duckdb or spark): a build with another engine is never skipped as unchanged."}),
    "build_inputs": ("Every input file of the build with its sha256: the next build compares them.", {
        "path": "Path of the input file under raw/.", "sha256": "sha256 of its content."}),
    "build_marts": ("Every mart of the build with its row count and content hash.", {
        "mart": "Name of the mart (schema marts).", "row_count": "Rows of the mart.",
        "content_hash": "Order-independent hash of the mart's rows."}),
}


def _tests(spec: dict) -> list:
    return [*(spec.get("data_tests") or []), *(spec.get("tests") or [])]


def _arguments(test: dict, name: str) -> dict:
    body = test[name] or {}
    return body.get("arguments", body)


def model_keys(project_dir: Path = settings.DBT_PROJECT_DIR) -> dict[tuple[str, str], Keys]:
    """(schema, model) → its keys, for every model of the served folders."""
    found: dict[tuple[str, str], Keys] = {}
    for folder in SERVED_FOLDERS:
        for path in sorted((project_dir / "models" / folder).glob("*.yml")):
            for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []):
                found[(folder, model["name"])] = _keys(model)
    return found


def _keys(model: dict) -> Keys:
    keys = Keys()
    not_null, unique = set(), []
    for column in model.get("columns", []):
        names = {t if isinstance(t, str) else next(iter(t)) for t in _tests(column)}
        if "not_null" in names:
            not_null.add(column["name"])
        if "unique" in names:
            unique.append(column["name"])
        for test in _tests(column):
            if isinstance(test, dict) and "relationships" in test:
                args = _arguments(test, "relationships")
                target = re.fullmatch(r"ref\(['\"](\w+)['\"]\)", str(args["to"]).strip())
                if target:
                    keys.foreign.append((column["name"], target.group(1), args["field"]))
    single = [c for c in unique if c in not_null]
    if single:
        keys.primary = [single[0]]
    else:
        for test in _tests(model):
            if isinstance(test, dict) and "unique_combination" in test:
                columns = list(_arguments(test, "unique_combination")["columns"])
                if set(columns) <= not_null:
                    keys.primary = columns
                    break
    return keys
