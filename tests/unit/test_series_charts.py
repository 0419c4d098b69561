"""The nightly report's series charts: one per region, only annual CNY levels with two
years or more, revised points drawn differently with their vintages in the hover text."""

from __future__ import annotations

import pandas as pd

from orchestration.reporting.series_charts import series_charts


def _latest(rows: list[tuple]) -> pd.DataFrame:
    columns = ["series_id", "region_zh", "industry_code", "indicator_zh", "measure", "period", "value", "unit",
               "vintage", "is_revised"]
    return pd.DataFrame(rows, columns=columns)


def test_revised_point_marked_with_its_vintages():
    """黄山's GDP 2020 revised 4000 → 4500 亿元: a hollow diamond whose hover lists both
    vintages; a one-year series and a percent series draw nothing; a region with nothing to
    draw gets no chart."""
    latest = _latest([
        ("341000|ALL|gdp|level", "黄山市", "ALL", "地区生产总值", "level", "2020", 4500e8, "CNY", "2022-03-01", True),
        ("341000|ALL|gdp|level", "黄山市", "ALL", "地区生产总值", "level", "2021", 4700e8, "CNY", "2022-03-01", False),
        ("341000|ALL|vat|level", "黄山市", "ALL", "增值税", "level", "2021", 110e8, "CNY", "2022-03-01", False),
        ("341000|ALL|gdp|yoy_growth", "黄山市", "ALL", "地区生产总值", "yoy_growth", "2020", 8.0, "percent",
         "2022-03-01", False),
        ("340200|ALL|gdp|level", "芜湖市", "ALL", "地区生产总值", "level", "2021", 4302.63e8, "CNY", "2022-03-31", False),
    ])
    revisions = pd.DataFrame([
        ("341000|ALL|gdp|level", "2020", 1, pd.Timestamp("2021-03-01"), 4000e8, "synthetic-a"),
        ("341000|ALL|gdp|level", "2020", 2, pd.Timestamp("2022-03-01"), 4500e8, "synthetic-b"),
    ], columns=["series_id", "period", "vintage_number", "vintage", "value", "doc_id"])
    charts = series_charts(latest, revisions)
    assert list(charts) == ["黄山市"]
    chart = charts["黄山市"]
    assert chart.count('"name":') == 1 and "地区生产总值 · ALL" in chart and "增值税" not in chart
    assert '"diamond-open","circle"' in chart
    assert "2021-03-01: 4,000.00 亿元 (synthetic-a)" in chart and "2022-03-01: 4,500.00 亿元 (synthetic-b)" in chart
