"""End to end on the committed data: `regstat build` publishes a warehouse whose figures,
checks and target progress match what the two seed documents say."""

from __future__ import annotations

import math

import pytest


MARTS = ["dim_document", "dim_region", "dim_industry", "dim_indicator", "dim_unit",
         "fct_figure", "fct_target_progress", "fct_check_result"]


def figure(seed_build, value_text: str, quote_part: str) -> dict:
    rows = seed_build.query(
        "select figure_id, value, unit, qualifier, kind, period, measure, value_low, value_high, is_aspirational"
        f" from marts.fct_figure where value_text = '{value_text}' and quote like '%{quote_part}%'")
    assert len(rows) == 1, f"expected one figure {value_text!r} quoting {quote_part!r}, got {rows}"
    keys = ["figure_id", "value", "unit", "qualifier", "kind", "period", "measure", "value_low", "value_high", "is_aspirational"]
    return dict(zip(keys, rows[0]))


def test_build_publishes_and_prints_summary(seed_build):
    """make run's build publishes the file and prints figures, check counts and the path."""
    out = seed_build.result.stdout
    assert seed_build.published.exists()
    assert "figures loaded:" in out and "checks:" in out and f"published: {seed_build.published}" in out


def test_every_mart_is_published_with_rows(seed_build):
    """Every mart of the analyst contract exists in the published file and has rows."""
    for mart in MARTS:
        assert seed_build.query(f"select count(*) from marts.{mart}")[0][0] > 0, mart


def test_figure_counts_match_the_curated_files(seed_build):
    """Both documents contribute; restatements are counted once in fct_figure."""
    docs = dict(seed_build.query("select doc_id, figure_count from marts.dim_document"))
    assert docs["taian-immunity-economy-2022"] >= 18
    assert docs["heze-sei-briefing-2024"] >= 40
    statements = seed_build.query("select count(*) from intermediate.int_figures_canonical")[0][0]
    facts = seed_build.query("select count(*) from marts.fct_figure")[0][0]
    restated = seed_build.query("select count(*) from intermediate.int_figures_canonical where is_restatement")[0][0]
    assert facts == statements - restated and restated >= 12


@pytest.mark.parametrize("value_text, quote_part, value, unit, qualifier, kind, period", [
    ("69.9", "占69.9%", 69.9, "percent", "exact", "share", "2023"),
    ("1600多", "总投资1600多亿元", 1.6e11, "CNY", "more_than", "actual", "2013/2023"),
    ("700", "700万千瓦以上", 7e6, "kW", "at_least", "target", "2025"),
    ("360", "力争达到360亿元", 3.6e10, "CNY", "strive", "target", "2027"),
    ("869.1", "产值达到869.1亿元", 8.691e10, "CNY", "exact", "actual", "2023"),
    ("11.5", "增长11.5%", 11.5, "percent", "exact", "growth_rate", "2023"),
    ("133", "133家", 133, "count", "exact", "actual", "2023"),
    ("超1亿", "现场销售超1亿元", 1e8, "CNY", "at_least", "actual", "2021-10"),
    ("40多", "40多家企业", 40, "count", "more_than", "actual", "2020-09"),
    ("6000", "销售金额6000万元", 6e7, "CNY", "exact", "actual", "2021-07"),
])
def test_acceptance_figures(seed_build, value_text, quote_part, value, unit, qualifier, kind, period):
    """The issue's example figures have the right canonical value, unit, qualifier, kind, period."""
    f = figure(seed_build, value_text, quote_part)
    assert math.isclose(f["value"], value, rel_tol=1e-12)
    assert (f["unit"], f["qualifier"], f["kind"], f["period"]) == (unit, qualifier, kind, period)


def test_interval_bounds(seed_build):
    """Qualifiers become intervals: 1600多 → [1600, 1700)亿元, 以上 → [v, +inf), 力争 aspirational."""
    more = figure(seed_build, "1600多", "总投资1600多亿元")
    assert (more["value_low"], more["value_high"]) == (1.6e11, 1.7e11)
    at_least = figure(seed_build, "700", "700万千瓦以上")
    assert at_least["value_low"] == 7e6 and math.isinf(at_least["value_high"])
    assert figure(seed_build, "360", "力争达到360亿元")["is_aspirational"] is True


def test_no_failed_checks_and_share_passes(seed_build):
    """On the seeds nothing fails; 299.8 / 429 against 69.9% passes, as does every share the
    corpus states outright (severity error). A share curated as warn (gz-r06: counts written in
    万 are read as exact, so 2114万/3856万 misses the bureau's 54.81%) may warn."""
    assert seed_build.query("select count(*) from marts.fct_check_result where status = 'fail'")[0][0] == 0
    rows = seed_build.query("select status, observed, expected from marts.fct_check_result"
                            " where rule = 'share' and severity = 'error'")
    assert rows and all(status == "pass" for status, _, _ in rows)
    assert any(expected == "[69.85, 69.95]" for _, _, expected in rows)  # the seed's 69.9%


def test_one_beam_five_pillars_is_a_warning(seed_build):
    """“一梁五柱” lists one plus four names ending in 等: warn, not fail."""
    rows = seed_build.query(
        "select c.status from marts.fct_check_result c where c.rule = 'listed_count'"
        " and c.figure_ids in (select string_agg(figure_id, ';' order by figure_id) from marts.fct_figure"
        " where unit = 'count' and reported_unit in ('梁', '柱'))")
    assert rows == [("warn",)]


def test_restatements_agree(seed_build):
    """Every restated target agrees with its first statement."""
    rows = seed_build.query("select status from marts.fct_check_result where rule = 'restatement'")
    assert len(rows) >= 12 and {r[0] for r in rows} == {"pass"}


def test_every_check_is_decided_once_by_great_expectations(seed_build):
    """Each stated relation, and each check across documents (the committed Wuhu vintages
    give some), is one row of fct_check_result, decided by the GX suite check_intervals (its
    outcome recorded once, in validation.check_outcomes); the mart suites' rows by their own
    suites; provenance is the ingest step's, not a check row."""
    relations = seed_build.query("select count(*) from staging.stg_raw__relations")[0][0]
    series = seed_build.query("select count(*) from intermediate.int_series_checks")[0][0]
    assert series > 0
    checks = relations + series
    rows = seed_build.query("select decided_by, count(*), count(distinct check_id), count(status)"
                            " from marts.fct_check_result where check_id not like 'gx:%' group by 1")
    assert rows == [("great_expectations:check_intervals", checks, checks, checks)]
    outcomes = seed_build.query("select count(*), count(distinct check_id) from validation.check_outcomes")[0]
    assert outcomes == (checks, checks)
    suites = seed_build.query("select distinct decided_by = 'great_expectations:' || split_part(check_id, ':', 2)"
                              " from marts.fct_check_result where check_id like 'gx:%'")
    assert suites == [(True,)]
    assert seed_build.query("select count(*) from marts.fct_check_result where rule = 'provenance'") == [(0,)]


def test_biomedicine_target_compared_with_citywide_output(seed_build):
    """The 2025 biomedicine output target (1000亿元) is measured against the 2023 citywide
    output 869.1亿元 (about 7.3% a year needed, 11.5% observed: on track), never against
    the cluster's revenue of 429亿元."""
    rows = seed_build.query(
        "select p.actual_value, p.required_annual_growth, p.observed_annual_growth, p.status"
        " from marts.fct_target_progress p join marts.fct_figure t on t.figure_id = p.target_figure_id"
        " where t.value_text = '1000' and t.reported_unit = '亿元' and t.period = '2025'")
    assert len(rows) == 1
    actual, required, observed, status = rows[0]
    assert actual == pytest.approx(8.691e10)
    assert required == pytest.approx(7.27, abs=0.05)
    assert observed == pytest.approx(11.5)
    assert status == "on_track"
    assert seed_build.query("select count(*) from marts.fct_target_progress where actual_value = 4.29e10")[0][0] == 0


def test_nightly_report_written(seed_build):
    """The nightly report has its five sections in order, the check results with their quotes,
    one chart per region with targets, one series chart (Wuhu: GDP and sectors in 2021 and
    2023), and says this is the first build."""
    report = (seed_build.warehouse / "report" / "index.html").read_text(encoding="utf-8")
    headings = ["Outcome 构建结果", "Target progress 目标进展", "Targets that cannot be judged 无法评估的目标", "Series 时间序列 (latest vintage, revisions marked)",
                "All checks 全部检查"]
    positions = [report.index(f"<h2>{heading}</h2>") for heading in headings]
    assert positions == sorted(positions)
    assert "listed_count" in report and "69.9" in report and "“一梁五柱”" in report
    assert report.count("class='chart'") == 2 and "菏泽市: targets and actuals" in report
    assert "芜湖市: series at their latest vintage" in report
    assert "First build" in report
    assert "<script src=" not in report and "<link " not in report  # nothing fetched: works offline
    assert len(report) > 3_000_000  # plotly.js is inline
