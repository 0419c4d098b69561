"""Runs the Great Expectations suites of expectations/suites/ on tables of the build
database, in DuckDB: GX's SQL datasource over the file (duckdb-engine), so no table is
loaded into Python. A suite in `rows` mode reports which rows (by its index column) each
expectation found unexpected: that is how every check on the numbers (stated relations and
reconciliations, intermediate.int_check_intervals) gets its own pass, warn or fail.

The outcomes are recorded once, in the build database: validation.expectation_results (one
row per expectation) and validation.check_outcomes (one row per row of a rows-mode suite,
with the expectations it failed); marts.fct_check_result reads them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

# Great Expectations is imported where suites run, not here: it takes seconds to import, and
# loading the Dagster definitions only needs the suite files.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

SCHEMA = "validation"
# The tables fct_check_result reads; created empty before dbt runs so its view binds.
TABLES = {
    "expectation_results": "suite varchar, mode varchar, expectation_id varchar, expectation_type varchar, "
                           "column_name varchar, severity varchar, success boolean, element_count bigint, "
                           "unexpected_count bigint, details varchar",
    "check_outcomes": "check_id varchar, suite varchar, failed_expectations varchar",
}


@dataclass(frozen=True)
class SuiteSpec:
    name: str
    table: str  # schema.table in the build database
    mode: str  # "table": one result per expectation; "rows": one per row of the table
    index_column: str | None
    expectations: list[dict] = field(default_factory=list)

    @property
    def asset_key_path(self) -> list[str]:
        return self.table.split(".")


@dataclass(frozen=True)
class ExpectationOutcome:
    suite: str
    mode: str
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


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Empty outcome tables: a build decides afresh, and until it has, fct_check_result shows
    every check undecided (status null), which publishing refuses."""
    con.execute(f"create schema if not exists {SCHEMA}")
    for name, columns in TABLES.items():
        con.execute(f"create or replace table {SCHEMA}.{name} ({columns})")


class _DuckDBDialect(str):
    """"duckdb" where GX lists dialects by enum member (it reads `.value`)."""

    value = "duckdb"


def _persist_duckdb_connection() -> None:
    """GX opens a new connection per metric unless the dialect is listed as needing a
    persisted one; with duckdb-engine each new connection is another in-memory view of
    the file's catalog and the metrics fail ('Calculating Metrics' errors, every
    expectation unsuccessful with no result). Listing duckdb keeps one connection, as GX
    does for SQLite. Pinned: great-expectations 1.24 (pyproject); tests/test_validation.py
    proves the patch is needed and works."""
    from great_expectations.execution_engine import sqlalchemy_execution_engine as engine

    if "duckdb" not in engine._PERSISTED_CONNECTION_DIALECTS:
        engine._PERSISTED_CONNECTION_DIALECTS = (*engine._PERSISTED_CONNECTION_DIALECTS, _DuckDBDialect("duckdb"))


def run_suites(db: Path, suites: list[SuiteSpec], patch: bool = True) -> list[ExpectationOutcome]:
    """Validate each suite's table in the DuckDB file `db`; one outcome per expectation, in
    suite order. The file must not be open in this process with another configuration."""
    import great_expectations as gx
    import sqlalchemy
    from great_expectations.data_context.types.base import ProgressBarsConfig

    if patch:
        _persist_duckdb_connection()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    # Every DBAPI connection GX opens (it opens one when it creates its engine), closed at
    # the end: disposing GX's engine leaves them open, and DuckDB would refuse this
    # process's next connection to the file (another configuration).
    opened: list = []

    def track(dbapi_connection, _record) -> None:
        opened.append(dbapi_connection)

    sqlalchemy.event.listen(sqlalchemy.engine.Engine, "connect", track)
    source = None
    outcomes = []
    try:
        source = context.data_sources.add_sql(name="build", connection_string=f"duckdb:///{db}")
        for spec in suites:
            schema, table = spec.table.split(".")
            batch = source.add_table_asset(name=spec.name, table_name=table, schema_name=schema) \
                .add_batch_definition_whole_table(name=spec.name).get_batch()
            outcomes += _validate(context, spec, batch)
    finally:
        sqlalchemy.event.remove(sqlalchemy.engine.Engine, "connect", track)
        if source is not None:
            source.get_execution_engine().close()
        for connection in opened:
            connection.close()
    return outcomes


def _observed(detail: dict) -> str:
    """What a failed expectation saw, for its message: the observed value, or the unexpected
    values sorted (GX lists them in scan order, which differs between engines and runs)."""
    if "observed_value" in detail:
        seen = detail["observed_value"]
    else:
        seen = sorted(detail.get("partial_unexpected_list") or [],
                      key=lambda v: (0, v, "") if isinstance(v, (int, float)) else (1, 0, str(v)))
    return json.dumps(seen, ensure_ascii=False, default=str)[:300]


def _validate(context, spec: SuiteSpec, batch) -> list[ExpectationOutcome]:
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    suite = context.suites.add(gx.ExpectationSuite(name=spec.name, expectations=[
        ExpectationConfiguration(type=e["type"], kwargs=e["kwargs"], meta={"id": e["id"]}).to_domain_obj()
        for e in spec.expectations
    ]))
    result_format: dict = {"result_format": "COMPLETE"}
    if spec.index_column:
        result_format["unexpected_index_column_names"] = [spec.index_column]
    results = {r.expectation_config.meta["id"]: r for r in batch.validate(suite, result_format=result_format).results}
    outcomes = []
    for e in spec.expectations:
        r = results[e["id"]]
        detail = r.result or {}
        if r.exception_info and r.exception_info.get("raised_exception"):
            raise RuntimeError(f"expectation {spec.name}:{e['id']} raised: {r.exception_info.get('exception_message')}")
        if not detail and not r.success:  # GX's sign that a metric failed to compute
            raise RuntimeError(f"expectation {spec.name}:{e['id']} was not evaluated on {spec.table}")
        unexpected_ids = tuple(
            str(row[spec.index_column]) for row in detail.get("unexpected_index_list") or [] if spec.index_column
        )
        outcomes.append(ExpectationOutcome(
            suite=spec.name,
            mode=spec.mode,
            expectation_id=e["id"],
            expectation_type=e["type"],
            column_name=e["kwargs"].get("column") or e["kwargs"].get("column_A"),
            severity=e.get("severity", "error"),
            success=bool(r.success),
            element_count=int(detail.get("element_count") or 0),
            unexpected_count=int(detail.get("unexpected_count") or 0),
            unexpected_ids=tuple(sorted(set(unexpected_ids))),
            details=e.get("description", e["type"]) + ("" if r.success else f"; observed: {_observed(detail)}"),
        ))
    return outcomes


def record(con: duckdb.DuckDBPyConnection, suites: list[SuiteSpec], outcomes: list[ExpectationOutcome]) -> int:
    """Write the outcomes: one row per expectation, and one per row of each rows-mode suite's
    table (the rows GX counted: checked against its element count). Returns the rows
    decided."""
    create_tables(con)
    con.executemany(
        f"insert into {SCHEMA}.expectation_results values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(o.suite, o.mode, o.expectation_id, o.expectation_type, o.column_name, o.severity, o.success,
          o.element_count, o.unexpected_count, o.details) for o in outcomes])
    decided = 0
    for spec in (s for s in suites if s.mode == "rows"):
        mine = [o for o in outcomes if o.suite == spec.name]
        failed: dict[str, list[str]] = {}
        for o in mine:
            for check_id in o.unexpected_ids:
                failed.setdefault(check_id, []).append(o.expectation_id)
        con.execute("create or replace temp table _failed (id varchar, failed varchar)")
        con.executemany("insert into _failed values (?, ?)", [(k, ", ".join(v)) for k, v in sorted(failed.items())])
        rows = con.execute(
            f"""insert into {SCHEMA}.check_outcomes
                select t.{spec.index_column}, ?, f.failed from {spec.table} as t
                left join _failed as f on f.id = t.{spec.index_column}""", [spec.name]).fetchone()[0]
        counted = {o.element_count for o in mine if o.element_count}
        if counted and counted != {rows}:
            raise RuntimeError(f"suite {spec.name} evaluated {counted} rows of {spec.table}, which now has {rows}")
        decided += rows
    return decided
