"""The vintage corpus on the committed raw/ (issue 19 point 1, docs/series.md): Wuhu's
communiqués of 2021, 2022 and 2023 and the bureau's January 2022 briefing restate earlier
years, so the cross-document checks find real revisions and decide the cross-year growth
comparisons (growth rates at comparable prices are not compared; increments on last year
are). Expected values are read off the document texts in raw/documents/."""

from __future__ import annotations

import pytest

from tests.conftest import Build


def revision(seed_build: Build, check_id: str) -> tuple:
    """A revision check's row: status, severity, figures, observed interval, message."""
    return seed_build.check(check_id, "status, severity, figure_ids, observed_low, observed_high, message")


def test_tertiary_share_2021_revised_by_the_2022_communique(seed_build):
    """服務業佔GDP比重達48.4% (briefing, 2022-01-24) is restated as 48.8 in 三次产业增加值比例由上年的
    4.0:47.2:48.8 (2022 communiqué): a revision of +0.4 points (0.83 %), within 5 %, so it
    passes and is listed with both quotes."""
    status, severity, figures, low, high, message = revision(seed_build, "revision:wh22-011")
    assert (status, severity, figures) == ("pass", "warn", "whb21-011;wh22-011")
    assert (low, high) == pytest.approx((48.75, 48.85))
    assert "服務業佔GDP比重達48.4%" in message and "三次产业增加值比例由上年的4.0:47.2:48.8" in message
    assert "(0.83%)" in message


def test_2022_sector_ratio_revised_by_the_2023_communique(seed_build):
    """The 2022 communiqué's 调整为4.0:47.4:48.6 becomes 由上年的4.0:46.3:49.7 in the 2023 one:
    the secondary share 47.4 → 46.3 (-2.32 %), the tertiary 48.6 → 49.7 (+2.26 %); the primary
    (4.0 both times) is no revision."""
    status, _, figures, _, _, message = revision(seed_build, "revision:wh-041")
    assert (status, figures) == ("pass", "wh22-013;wh-041")
    assert "调整为4.0:47.4:48.6" in message and "三次产业增加值比例由上年的4.0:46.3:49.7" in message and "(-2.32%)" in message
    status, _, figures, _, _, message = revision(seed_build, "revision:wh-042")
    assert (status, figures) == ("pass", "wh22-014;wh-042") and "(2.26%)" in message
    assert seed_build.query("select count(*) from marts.fct_check_result where check_id = 'revision:wh-040'") == [(0,)]


def test_gdp_growth_across_years_decided_as_real(seed_build):
    """The 2022 communiqué's 比上年增长4.1% is joined to 2021's 4302.63亿元 of the 2021
    communiqué (the latest vintage on 2023-03-31), and not compared: GDP growth is at
    comparable prices, the levels nominal (4302.63 × 1.041 = 4479.04 ≠ 4502.13). The reason is
    recorded and no growth check is published for it."""
    rows = seed_build.query(
        "select previous_figure_id, previous_doc_id, level_figure_id, not_compared_reason"
        " from intermediate.int_series_growth where growth_figure_id = 'wh22-002'")
    assert len(rows) == 1
    previous, previous_doc, level, reason = rows[0]
    assert (previous, previous_doc, level) == ("wh21-001", "wuhu-communique-2021", "wh22-001")
    assert "comparable prices" in reason
    assert seed_build.query(
        "select count(*) from marts.fct_check_result where check_id = 'growth_across_years:wh22-002'") == [(0,)]


def test_increments_across_years_decided_on_the_stated_levels(seed_build):
    """The 2023 communiqué's 年末全市常住人口375.6万人,比上年末增加2.5万人 is checked against the
    2022 communiqué's 373.1万人 (373.1万 + 2.5万 = 375.6万) and 人均地区生产总值126648元,比上年增加
    5018元 against 121630元 (121630 + 5018 = 126648, within the written rounding): two
    cross-year checks decided on numbers, both passing."""
    rows = seed_build.query(
        "select check_id, status, figure_ids, observed_low, observed_high, expected_low, expected_high, message"
        " from marts.fct_check_result where rule = 'growth_across_years' and doc_id = 'wuhu-communique-2023'"
        " order by check_id")
    assert [r[:3] for r in rows] == [("growth_across_years:wh-013", "pass", "wh22-019;wh-013;wh-011"),
                                     ("growth_across_years:wh-015", "pass", "wh22-022;wh-015;wh-014")]
    per_capita, population = rows
    assert per_capita[3:7] == pytest.approx((126647.5, 126648.5, 126647.0, 126649.0))
    assert population[3:7] == pytest.approx((3756000, 3756000, 3756000, 3756000))
    assert "+ 2.5万人" in population[7] and "年末全市常住人口373.1万人" in population[7]
    assert "+ 5018元" in per_capita[7] and "人均地区生产总值121630元" in per_capita[7]
