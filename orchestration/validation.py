"""Runs the Great Expectations suites of expectations/suites/ on warehouse tables.

Tables are validated as pandas batches: GX's SQL datasource returns failed metrics on
DuckDB (an upstream bug), and these tables are small. A suite in `rows` mode reports which
rows (by its index column) each expectation found unexpected: that is how every stated
relation gets its own pass/warn/fail.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

# Great Expectations is imported where suites run, not here: it takes seconds to import, and
# loading the Dagster definitions only needs the suite files.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")


@dataclass(frozen=True)
class SuiteSpec:
    name: str
    table: str  # schema.table in the build database
    mode: str  # "table": one result per expectation; "rows": one per unexpected row
    index_column: str | None
    expectations: list[dict] = field(default_factory=list)

    @property
    def asset_key_path(self) -> list[str]:
        return self.table.split(".")


@dataclass(frozen=True)
class ExpectationOutcome:
    suite: str
    expectation_id: str
    expectation_type: str
    column_name: str | None
    severity: str
    success: bool
    element_count: int
    unexpected_count: int
    unexpected_ids: tuple[str, ...]
    details: str


def load_suites(directory: Path) -> list[SuiteSpec]:
    """Every suite file, sorted by name so runs are deterministic."""
    suites = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        ids = [e["id"] for e in data["expectations"]]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{path}: expectation ids must be unique within a suite")
        suites.append(SuiteSpec(
            name=data["name"],
            table=data["table"],
            mode=data.get("mode", "table"),
            index_column=data.get("index_column"),
            expectations=data["expectations"],
        ))
    return suites


def run_suite(spec: SuiteSpec, frame: pd.DataFrame) -> list[ExpectationOutcome]:
    """Validate `frame` against the suite; one outcome per expectation, in suite order."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch_definition = (
        context.data_sources.add_pandas(name=f"{spec.name}_source")
        .add_dataframe_asset(name=spec.name)
        .add_batch_definition_whole_dataframe(name=spec.name)
    )
    suite = context.suites.add(gx.ExpectationSuite(name=spec.name, expectations=[
        ExpectationConfiguration(type=e["type"], kwargs=e["kwargs"], meta={"id": e["id"]}).to_domain_obj()
        for e in spec.expectations
    ]))
    result_format: dict = {"result_format": "COMPLETE"}
    if spec.index_column:
        result_format["unexpected_index_column_names"] = [spec.index_column]
    batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
    results = {r.expectation_config.meta["id"]: r for r in batch.validate(suite, result_format=result_format).results}
    outcomes = []
    for e in spec.expectations:
        r = results[e["id"]]
        detail = r.result or {}
        if r.exception_info and r.exception_info.get("raised_exception"):
            raise RuntimeError(f"expectation {spec.name}:{e['id']} raised: {r.exception_info.get('exception_message')}")
        unexpected_ids = tuple(
            str(row[spec.index_column]) for row in detail.get("unexpected_index_list") or [] if spec.index_column
        )
        outcomes.append(ExpectationOutcome(
            suite=spec.name,
            expectation_id=e["id"],
            expectation_type=e["type"],
            column_name=e["kwargs"].get("column") or e["kwargs"].get("column_A"),
            severity=e.get("severity", "error"),
            success=bool(r.success),
            element_count=int(detail.get("element_count") or len(frame)),
            unexpected_count=int(detail.get("unexpected_count") or 0),
            unexpected_ids=tuple(sorted(set(unexpected_ids))),
            details=e.get("description", e["type"]) + (
                "" if r.success else f"; observed: {json.dumps(detail.get('observed_value', detail.get('partial_unexpected_list', '')), ensure_ascii=False, default=str)[:300]}"
            ),
        ))
    return outcomes


def outcomes_frame(outcomes: list[ExpectationOutcome]) -> pd.DataFrame:
    columns = ["suite", "expectation_id", "expectation_type", "column_name", "severity", "success",
               "element_count", "unexpected_count", "details"]
    return pd.DataFrame([{c: getattr(o, c) for c in columns} for o in outcomes], columns=columns)


def rule_outcomes_frame(outcomes: list[ExpectationOutcome]) -> pd.DataFrame:
    """check_id → the expectations that found it unexpected (rows-mode suites only)."""
    failed: dict[str, list[str]] = {}
    for o in outcomes:
        for check_id in o.unexpected_ids:
            failed.setdefault(check_id, []).append(o.expectation_id)
    return pd.DataFrame(
        [{"check_id": k, "failed_expectations": ", ".join(v)} for k, v in sorted(failed.items())],
        columns=["check_id", "failed_expectations"],
    )
