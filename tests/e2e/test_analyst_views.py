"""Each example query of docs/analyst_views.md runs on a published build and answers what it
says it does: the five questions of issue 18 on the committed data (the register question
on generated data), the other examples on the committed data."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from tests.analyst_queries import DOC, QUERIES, QUESTIONS, question
from tests.conftest import RAW


def test_every_view_is_documented_with_an_example(seed_build):
    """Every view of schema analyst has a section or a table row and at least one example query."""
    views = {name for (name,) in seed_build.query(
        "select view_name from duckdb_views() where schema_name = 'analyst'")}
    assert views == {"latest_indicator_values", "target_progress", "check_results", "figures_by_document",
                     "figure_series", "figure_series_wide", "enterprise_stats", "series_latest", "series_revisions", "target_follow_up"}
    for view in views:
        assert f"`{view}`" in DOC
        assert any(f"analyst.{view}" in query for query in QUERIES), view
    assert set(QUESTIONS) >= {"heze_biomedicine_output", "target_status", "warnings", "document_figures",
                              "county_enterprises"}


def run(seed_build, view: str) -> list[tuple]:
    [query] = [q for q in QUERIES if f"from analyst.{view}" in q and "-- question:" not in q]
    return seed_build.query(query)


def test_q1_heze_biomedicine_output_by_year(seed_build):
    """Question 1: one SELECT gives the output levels by year, in 亿元: the 2023 actual and the
    2025/2027 targets; neither the 11.5 % growth rate (same indicator) nor the 2024/.. increment
    target slips in."""
    rows = seed_build.query(question("heze_biomedicine_output"))
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [(2023, "actual", "亿元", "exact"), (2025, "target", "亿元", "exact"),
                                                         (2027, "target", "亿元", "at_least")]
    assert [r[2] for r in rows] == pytest.approx([869.1, 1000, 1200])
    assert all(r[5] for r in rows)  # each with its quote
    wide = seed_build.query(question("heze_biomedicine_output_wide"))
    assert [(r[0], r[1]) for r in wide] == [("actual", "亿元"), ("target", "亿元")]
    assert wide[0][2] == pytest.approx(869.1) and wide[0][3] is None
    assert wide[1][3:] == pytest.approx((1000, 1200))


def test_q2_every_target_with_status_and_reason(seed_build):
    """Question 2: every target of fct_target_progress, each with a status and a reason; each
    target that cannot be judged says what is missing, the increment target that it needs two levels."""
    rows = seed_build.query(question("target_status"))
    assert len(rows) == seed_build.query("select count(*) from marts.fct_target_progress")[0][0] > 0
    assert all(r[6] and r[7] for r in rows)
    unjudged = [r for r in rows if r[6] == "no_comparable_actual"]
    judged = [r for r in rows if r[6] != "no_comparable_actual"]
    assert judged and unjudged and rows[:len(judged)] == judged  # judged targets first
    assert all(r[8] for r in unjudged) and all(r[8] is None for r in judged)
    increment = [r for r in rows if r[4] == pytest.approx(2000) and r[5] == "亿元"]
    assert len(increment) == 1 and "increment" in increment[0][8]


def test_q3_the_warnings_and_why(seed_build):
    """Question 3: the warnings of the build, each with its message, and each relation's with
    the quotes of its figures (a mart suite's warning, gx:…, names the values in its message)."""
    rows = seed_build.query(question("warnings"))
    assert len(rows) == seed_build.query("select count(*) from marts.fct_check_result where status = 'warn'")[0][0] > 0
    assert all(r[2] for r in rows) and all(r[3] for r in rows if not r[0].startswith("gx:"))
    assert any("“一梁五柱”" in (r[3] or "") for r in rows)


def test_q4_every_figure_of_a_document_with_its_quote(seed_build):
    """Question 4: every figure of the Heze briefing, each quote found in the document's text."""
    rows = seed_build.query(question("document_figures"))
    assert len(rows) == seed_build.query(
        "select count(*) from marts.fct_figure where doc_id = 'heze-sei-briefing-2024'")[0][0] > 0
    with (RAW / "documents" / "documents.csv").open(encoding="utf-8") as f:
        [file] = [row["file"] for row in csv.DictReader(f) if row["doc_id"] == "heze-sei-briefing-2024"]
    text = (RAW / "documents" / file).read_text(encoding="utf-8")
    assert all(r[8] in text for r in rows)
    money = [r for r in rows if r[5] == "亿元"]
    assert money and all(r[7] == "亿元" for r in money)  # display unit as written: 869.1 stays 869.1
    assert any(r[4] == "869.1" and r[6] == pytest.approx(869.1) for r in money)


def expected_county_stats(raw: Path) -> dict[tuple[str, int], tuple[int | None, float]]:
    """Counts and revenue per county and year computed straight from the generated files."""
    con = duckdb.connect()
    try:
        counts = dict(con.execute(f"select region_code, count(*) from read_csv('{raw}/register/enterprises.csv',"
                                  " all_varchar=true) group by 1").fetchall())
        revenue = con.execute(f"""
            select e.region_code, cast(substr(r.month, 1, 4) as integer) as year, sum(r.revenue) * 1e4 / 1e8, count(distinct r.month)
            from read_parquet('{raw}/reports/*/*.parquet', hive_partitioning = false) as r
            join read_csv('{raw}/register/enterprises.csv', all_varchar=true) as e using (uscc)
            group by 1, 2""").fetchall()
    finally:
        con.close()
    latest = max(year for _, year, _, months in revenue if months == 12)
    return {(region, year): (counts.get(region) if year == latest else None, amount)
            for region, year, amount, months in revenue if months == 12}


def test_q5_county_enterprises_and_revenue(register_build):
    """Question 5: enterprise counts (register, latest complete year) and operating revenue in
    亿元 (monthly reports) per county and year equal those computed from the generated files."""
    raw, result = register_build
    rows = result.query(question("county_enterprises"))
    got = {(r[0], r[2]): (r[3], r[5]) for r in rows}
    expected = expected_county_stats(raw)
    assert set(got) == set(expected) and len({year for _, year in got}) == 2
    for key, (count, revenue) in expected.items():
        assert got[key][0] == count, key
        assert got[key][1] == pytest.approx(revenue, rel=1e-9), key
    assert all(r[1] for r in rows)  # counties are named


def test_latest_values_example(seed_build):
    """Heze biomedicine: 133 enterprises and 869.1亿元 output value, with their quotes."""
    rows = run(seed_build, "latest_indicator_values")
    by_text = {(r[6], r[7]): r for r in rows}
    assert ("133", "家") in by_text and ("869.1", "亿元") in by_text
    assert by_text[("869.1", "亿元")][4] == pytest.approx(8.691e10)
    assert all("生物医药" in r[1] and r[8] for r in rows)


def test_target_progress_example(seed_build):
    """The 1000亿 biomedicine target is on track against 869.1亿 (7.27% needed, 11.5% seen)."""
    rows = run(seed_build, "target_progress")
    assert rows and all(r[0] in ("on_track", "at_risk", "off_track") for r in rows)
    assert any(r[5] == pytest.approx(1e11) and r[7] == pytest.approx(8.691e10) and r[8] == pytest.approx(7.27, abs=0.01)
               for r in rows)


def test_check_results_example(seed_build):
    """Nothing fails on the published build; the two warnings of the seed documents are
    listed, and every relation that did not pass comes with the quotes of its figures."""
    rows = run(seed_build, "check_results")
    assert rows and {r[0] for r in rows} == {"warn"}
    seeds = [r for r in rows if r[2].startswith(("ta-", "hz-"))]
    assert [r[0] for r in seeds] == ["warn", "warn"]
    assert any("“一梁五柱”" in r[4] for r in seeds)
    relation_ids = {rid for (rid,) in seed_build.query("select relation_id from raw.relations")}
    assert all(r[4] for r in rows if r[2] in relation_ids)


def test_figures_by_document_example(seed_build):
    """Figure counts per document and kind add up to every figure."""
    rows = run(seed_build, "figures_by_document")
    assert {r[0] for r in rows} == {t for (t,) in seed_build.query("select title from marts.dim_document")}
    assert sum(r[3] for r in rows) == seed_build.query("select count(*) from marts.fct_figure")[0][0]


def test_wide_example_matches_the_long_view(seed_build):
    """Every 2023 value of the wide view for Heze is a figure of the long view in that year."""
    rows = run(seed_build, "figure_series_wide")
    assert rows
    long = seed_build.query("select indicator_zh, measure, kind, display_unit, display_value from analyst.figure_series"
                            " where region_code = '371700' and year = 2023")
    for indicator, _, measure, kind, unit, value in rows:
        assert any(r[:4] == (indicator, measure, kind, unit) and r[4] == pytest.approx(value) for r in long)


def test_series_latest_example(seed_build):
    """Wuhu's GDP series from the committed communiqués of 2021, 2022 and 2023; the 2021 level
    is also in the January 2022 briefing, with the same value, so nothing is marked revised."""
    rows = run(seed_build, "series_latest")
    assert [(period, value, revised) for period, value, _, _, revised, _, _ in rows] == [
        ("2021", 4302.63e8, False), ("2022", 4502.13e8, False), ("2023", 4741.07e8, False)]


def test_series_revisions_example(seed_build):
    """Wuhu's 2021 GDP has two vintages in the committed data: the statistics bureau's January
    briefing (2022-01-24) and the communiqué (2022-03-31), both 4302.63亿元: revised by 0."""
    rows = run(seed_build, "series_revisions")
    assert [(n, str(vintage), value, revision, doc) for n, vintage, value, revision, _, doc, _ in rows] == [
        (1, "2022-01-24", 4302.63e8, None, "wuhu-economy-2021-briefing"),
        (2, "2022-03-31", 4302.63e8, 0.0, "wuhu-communique-2021")]


def test_target_follow_up_example(seed_build):
    """No committed document reports a target's own period after the plan (the committed
    plans' targets are for 2025 and later): the query runs and finds none. The synthetic
    communiqués of tests/e2e/test_series.py show a met and a missed target."""
    assert run(seed_build, "target_follow_up") == []
