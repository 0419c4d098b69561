"""Series across documents (issue 19) on the committed raw/ plus two synthetic communiqués
of one city (tests/synthetic_series.py): vintages, revisions, growth across years, target
follow-up, the warehouse as known on a date, and the analyst views' one-SELECT answers."""

from __future__ import annotations

import re

import pytest

from tests.conftest import RAW, Build, build, regstat
from tests.synthetic_series import write_series


@pytest.fixture(scope="module")
def series_build(tmp_path_factory) -> Build:
    raw = write_series(tmp_path_factory.mktemp("series") / "raw", RAW)
    result = build(tmp_path_factory.mktemp("series_warehouse"), raw)
    assert result.result.returncode == 0, result.result.stdout + result.result.stderr
    return result


def test_one_row_per_observation_and_vintage(series_build):
    """Two documents stating the 2020 GDP give two vintages of one observation, numbered in
    publication order, the first superseded on the second's date; the latest flag is on B."""
    rows = series_build.query(
        "select doc_id, cast(vintage as varchar), vintage_number, is_latest_vintage, cast(superseded_on as varchar), value"
        " from marts.fct_series_observation where series_id = '341000|ALL|gdp|level' and period = '2020'"
        " order by vintage_number")
    assert rows == [("synthetic-series-2020", "2021-03-01", 1, False, "2022-03-01", 4000e8),
                    ("synthetic-series-2021", "2022-03-01", 2, True, None, 4500e8)]


def test_revisions_reported_with_size_and_both_quotes(series_build):
    """A revision within 5 % (增值税 100 → 101) passes and is listed; one beyond (GDP 4000 →
    4500, +12.5 %) warns; each names both figures and carries both quotes and the size."""
    status, severity, figures, message = series_build.check("revision:sb-02")
    assert (status, severity, figures) == ("pass", "warn", "sa-02;sb-02")
    assert "全年增值税100亿元" in message and "增值税为101亿元" in message and "(1.0%)" in message
    status, _, figures, message = series_build.check("revision:sb-01")
    assert (status, figures) == ("warn", "sa-01;sb-01")
    assert "2020年全市生产总值4000亿元" in message and "2020年全市生产总值为4500亿元" in message and "(12.5%)" in message


def test_cross_year_growth_names_the_planted_wrong_level(series_build):
    """Revenue 2021 stated as 400 with growth 10 % on 2020's 300: the check warns and names
    the level sb-07; 增值税 110 = 101 (B's revised 2020 level, the latest vintage at B's date)
    × 1.089 passes, which A's 100 would not."""
    status, severity, figures, message = series_build.check("growth_across_years:sb-08")
    assert (status, severity) == ("warn", "warn")
    assert figures.split(";") == ["sa-03", "sb-08", "sb-07"] and "全年一般公共预算收入400亿元" in message
    status, _, figures, _ = series_build.check("growth_across_years:sb-06")
    assert status == "pass" and figures.startswith("sb-02;")


def test_cross_year_increment_names_the_planted_wrong_level(series_build):
    """年末常住人口152万人,比上年末增加3万人 on 2020's 150万人: 150万 + 3万 = 153万 ≠ 152万, so the
    increment check warns and names the level sb-09, with the increment in its message."""
    status, severity, figures, message = series_build.check("growth_across_years:sb-10")
    assert (status, severity) == ("warn", "warn")
    assert figures.split(";") == ["sa-06", "sb-10", "sb-09"]
    assert "+ 3万人" in message and "年末常住人口152万人" in message and "年末常住人口150万人" in message


def test_real_growth_not_compared_with_reason(series_build):
    """GDP growth 按可比价格 (real) is not compared with nominal levels: no check, a reason."""
    assert series_build.query("select count(*) from marts.fct_check_result where check_id = 'growth_across_years:sb-04'") == [(0,)]
    [(reason,)] = series_build.query("select not_compared_reason from intermediate.int_series_growth"
                                     " where growth_figure_id = 'sb-04'", db=series_build.build_db)
    assert "按可比价格" in reason


@pytest.mark.parametrize("as_of, expected", [
    ("2020-12-31", set()),
    ("2021-06-30", {"sa-01"}),  # A's 2020 GDP, 4000亿元
    ("2022-03-01", {"sb-01", "sb-03", "sb-04"}),  # B's revised 2020 GDP (4500), its 2021 level and growth
    ("2022-06-30", {"sb-01", "sb-03", "sb-04"}),
])
def test_figures_as_of(series_build, as_of, expected):
    """`regstat figures --as-of D` shows only what documents published on or before D said,
    the latest vintage of each observation at that date (sa-01 until B supersedes it)."""
    out = regstat("--db", str(series_build.published), "figures", "--as-of", as_of, "--indicator", "gdp",
                  "--region", "341000", warehouse=series_build.warehouse)
    assert out.returncode == 0, out.stderr
    assert {word for word in out.stdout.split() if re.fullmatch(r"s[ab]-\d\d", word)} == expected, out.stdout
    if "sb-01" in expected:
        assert "4500" in out.stdout and "4000" not in out.stdout


def test_as_of_rejects_a_bad_date(series_build):
    """A date that is not YYYY-MM-DD is refused with a message naming it, not a traceback."""
    out = regstat("--db", str(series_build.published), "figures", "--as-of", "2022-13-01",
                  warehouse=series_build.warehouse)
    assert out.returncode == 2 and "not a date (YYYY-MM-DD): '2022-13-01'" in out.stderr and "Traceback" not in out.stderr


def test_views_answer_in_one_select(series_build):
    """The latest GDP series of a city; how its 2020 GDP was revised; which targets later
    documents show as met (and which missed), each in one SELECT on schema analyst."""
    latest = series_build.query(
        "select period, value, is_revised from analyst.series_latest where region_code = '341000'"
        " and indicator_code = 'gdp' and industry_code = 'ALL' and measure = 'level' order by period")
    assert latest == [("2020", 4500e8, True), ("2021", 4700e8, False)]
    revised = series_build.query(
        "select doc_id, value, revision from analyst.series_revisions where region_code = '341000'"
        " and indicator_code = 'gdp' and industry_code = 'ALL' and measure = 'level' and period = '2020'"
        " order by vintage_number")
    assert revised == [("synthetic-series-2020", 4000e8, None), ("synthetic-series-2021", 4500e8, 500e8)]
    met = series_build.query("select target_figure_id, outcome, outcome_doc_id from analyst.target_follow_up"
                             " where outcome is not null order by target_figure_id")
    assert met == [("sa-04", "met", "synthetic-series-2021"), ("sa-05", "missed", "synthetic-series-2021")]


def test_series_views_are_served_by_postgres_loader(series_build):
    """The PostgreSQL loader serves every table and view of schemas marts and analyst: the
    series mart and views are among the relations it copies, with their column types."""
    import duckdb

    from orchestration.serving.postgres_loader import pg_type, served_relations

    con = duckdb.connect(str(series_build.published), read_only=True)
    try:
        relations = {f"{r.schema}.{r.name}": r for r in served_relations(con)}
    finally:
        con.close()
    assert {"marts.fct_series_observation", "analyst.series_latest", "analyst.series_revisions",
            "analyst.target_follow_up"} <= set(relations)
    types = {name: pg_type(kind) for name, kind, _ in relations["marts.fct_series_observation"].columns}
    assert types["vintage"] == "date" and types["value"] == "double precision"


def test_report_charts_the_series(series_build):
    """The nightly report has a series chart for 黄山 with the revised 2020 GDP marked and
    both vintages in its hover text."""
    report = (series_build.warehouse / "report" / "index.html").read_text(encoding="utf-8")
    section = report.split("<h2>Series 时间序列 (latest vintage, revisions marked)</h2>", 1)[1].split("</section>", 1)[0]
    assert "黄山市" in section and "diamond-open" in section
    assert "2021-03-01: 4,000.00 亿元 (synthetic-series-2020)" in section
