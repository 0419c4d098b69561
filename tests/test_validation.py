"""Great Expectations decides checks in DuckDB through its SQL datasource (duckdb-engine),
which needs duckdb listed among GX's persisted-connection dialects (upstream bug: with a new
connection per metric every metric fails). These tests run real GX on a real DuckDB file."""

from __future__ import annotations

import duckdb
import pytest

from orchestration.pipeline import expectation_suites
from orchestration.pipeline.expectation_suites import SuiteSpec, record, run_suites

SUITE = SuiteSpec(
    name="intervals", table="intermediate.checks", mode="rows", index_column="check_id",
    expectations=[
        {"id": "observed_not_below_expected", "type": "expect_column_pair_values_a_to_be_greater_than_b",
         "kwargs": {"column_A": "observed_high", "column_B": "expected_low", "or_equal": True}},
        {"id": "observed_not_above_expected", "type": "expect_column_pair_values_a_to_be_greater_than_b",
         "kwargs": {"column_A": "expected_high", "column_B": "observed_low", "or_equal": True}},
    ])


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "build.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema intermediate")
    con.execute("""create table intermediate.checks as select * from (values
        ('holds', 1.0, 2.0, 1.5, 3.0), ('too_low', 1.0, 2.0, 5.0, 6.0), ('too_high', 9.0, 9.5, 1.0, 2.0))
        as t(check_id, observed_low, observed_high, expected_low, expected_high)""")
    con.close()
    return path


def test_without_the_patch_gx_cannot_evaluate_on_duckdb(db, monkeypatch):
    """The upstream bug this project works around: GX's unpatched dialect list leaves every
    metric unevaluated on DuckDB, which run_suites refuses to take for an outcome."""
    from great_expectations.execution_engine import sqlalchemy_execution_engine as engine

    monkeypatch.setattr(engine, "_PERSISTED_CONNECTION_DIALECTS",
                        tuple(d for d in engine._PERSISTED_CONNECTION_DIALECTS if d != "duckdb"))
    with pytest.raises(RuntimeError, match="was not evaluated"):
        run_suites(db, [SUITE], patch=False)


def test_gx_decides_each_row_in_duckdb_and_frees_the_file(db):
    """With the patch each expectation names exactly the rows it found unexpected; the
    outcomes are recorded one row per check; the file is free afterwards for a connection
    of this process with another configuration (read-only)."""
    outcomes = run_suites(db, [SUITE])
    by_id = {o.expectation_id: o for o in outcomes}
    assert by_id["observed_not_below_expected"].unexpected_ids == ("too_low",)
    assert by_id["observed_not_above_expected"].unexpected_ids == ("too_high",)
    assert {o.element_count for o in outcomes} == {3}
    con = duckdb.connect(str(db), read_only=True)  # refused if GX still held the file
    con.close()
    con = duckdb.connect(str(db))
    try:
        assert record(con, [SUITE], outcomes) == 3
        rows = con.execute("select check_id, suite, failed_expectations from validation.check_outcomes order by 1").fetchall()
    finally:
        con.close()
    assert rows == [("holds", "intervals", None), ("too_high", "intervals", "observed_not_above_expected"),
                    ("too_low", "intervals", "observed_not_below_expected")]


def test_every_expectation_of_the_project_suites_is_evaluable_in_duckdb():
    """No project suite uses an expectation GX cannot run on DuckDB (regex, say: those are
    dbt tests), and row-mode suites name their index column."""
    for spec in expectation_suites.load_suites(expectation_suites.Path(__file__).resolve().parent.parent / "expectations" / "suites"):
        for e in spec.expectations:
            assert "regex" not in e["type"], f"{spec.name}:{e['id']}"
            assert e["kwargs"].get("condition_parser") in (None, "great_expectations"), f"{spec.name}:{e['id']}"
        assert spec.mode == "table" or spec.index_column, spec.name


def test_a_failed_expectation_lists_what_it_saw_in_a_stable_order():
    """GX lists unexpected values in scan order, which differs between engines (DuckDB and
    Spark builds of the same inputs gave [325.8, -97.7, ...] and [223.2, 135.8, ...]); the
    message sorts them, so the same data gives the same fct_check_result text everywhere."""
    from orchestration.pipeline.expectation_suites import _observed

    one = _observed({"partial_unexpected_list": [325.8, -97.7, 223.2, 135.8, None]})
    other = _observed({"partial_unexpected_list": [223.2, 135.8, None, 325.8, -97.7]})
    assert one == other == "[-97.7, 135.8, 223.2, 325.8, null]"
    assert _observed({"observed_value": 0.5}) == "0.5"
