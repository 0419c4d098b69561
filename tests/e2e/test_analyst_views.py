"""Each example query of docs/analyst_views.md runs on the published seed build and
answers what it says it does."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PROJECT

DOC = (PROJECT / "docs" / "analyst_views.md").read_text(encoding="utf-8")
QUERIES = re.findall(r"```sql\n(.*?)```", DOC, flags=re.S)


def test_every_view_is_documented_with_an_example(seed_build):
    """Every view of schema analyst has a section and at least one example query."""
    views = {name for (name,) in seed_build.query(
        "select view_name from duckdb_views() where schema_name = 'analyst'")}
    assert views == {"latest_indicator_values", "target_progress", "check_results", "figures_by_document",
                     "series_latest", "series_revisions", "target_follow_up"}
    for view in views:
        assert f"## `analyst.{view}`" in DOC
        assert any(f"analyst.{view}" in query for query in QUERIES), view


def run(seed_build, view: str) -> list[tuple]:
    [query] = [q for q in QUERIES if f"from analyst.{view}" in q]
    return seed_build.query(query)


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


def test_series_latest_example(seed_build):
    """Wuhu's GDP series from the two committed communiqués: 2021 and 2023, each stated once
    (the 2022 communiqué is not in raw/), so nothing is marked revised."""
    rows = run(seed_build, "series_latest")
    assert [(period, value, revised) for period, value, _, _, revised, _, _ in rows] == [
        ("2021", 4302.63e8, False), ("2023", 4741.07e8, False)]


def test_series_revisions_example(seed_build):
    """Wuhu's 2021 GDP has one vintage in the committed data: the 2021 communiqué, no revision."""
    rows = run(seed_build, "series_revisions")
    assert [(n, str(vintage), value, revision, doc) for n, vintage, value, revision, _, doc, _ in rows] == [
        (1, "2022-03-31", 4302.63e8, None, "wuhu-communique-2021")]


def test_target_follow_up_example(seed_build):
    """No committed document reports a target's own period after the plan (the committed
    plans' targets are for 2025 and later): the query runs and finds none. The synthetic
    communiqués of tests/e2e/test_series.py show a met and a missed target."""
    assert run(seed_build, "target_follow_up") == []
