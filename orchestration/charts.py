"""Target progress charts (plotly): per region, each target series as a share of its target
value, so enterprise counts and output values share one axis and every target sits at
100%. Solid: the actuals the documents report; dashed: the path at the required annual
growth from the latest actual to the target; dotted: where the observed growth leads."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs


def plotly_script() -> str:
    """plotly.js inline, once per page, so the report works offline."""
    return f"<script>{get_plotlyjs()}</script>"


def _year(period: str) -> int | None:
    """The last year a period names: 2023 → 2023, 2021/2023 → 2023, 2024/.. → 2024."""
    years = re.findall(r"\d{4}", str(period))
    return int(years[-1]) if years else None


def region_charts(progress: pd.DataFrame, actuals: pd.DataFrame) -> dict[str, str]:
    """One chart (HTML div, no plotly.js) per region name. `progress`: analyst.target_progress
    rows with a comparable actual; `actuals`: fct_figure actuals (region_code, industry_code,
    indicator_code, measure, period, value)."""
    charts = {}
    for region, targets in progress.groupby("region_zh", sort=True):
        figure = go.Figure()
        for _, t in targets.iterrows():
            name = f"{t.industry_zh} · {t.indicator_zh} → {t.target_period}"
            series = actuals[(actuals.region_code == t.region_code) & (actuals.industry_code == t.industry_code)
                             & (actuals.indicator_code == t.indicator_code) & (actuals.measure == t.measure)]
            points = sorted({_year(p): v for p, v in zip(series.period, series.value) if _year(p)}.items())
            figure.add_trace(go.Scatter(x=[y for y, _ in points], y=[100 * v / t.target_value for _, v in points],
                                        mode="lines+markers", name=f"{name}: actual", legendgroup=name))
            start, end = _year(t.actual_period), _year(t.target_period)
            if start is None or end is None:
                continue
            years = list(range(start, end + 1))
            for growth, style, label in ((t.required_annual_growth, "dash", "required"),
                                         (t.observed_annual_growth, "dot", "observed growth")):
                if pd.notna(growth):
                    path = [100 * t.actual_value * (1 + growth / 100) ** (y - start) / t.target_value for y in years]
                    figure.add_trace(go.Scatter(x=years, y=path, mode="lines", line={"dash": style},
                                                name=f"{name}: {label} ({growth:.1f}%/yr)", legendgroup=name))
        figure.add_hline(y=100, line={"color": "grey", "width": 1}, annotation_text="target")
        figure.update_layout(title=f"{region}: progress toward targets", xaxis_title="year",
                             yaxis_title="% of target value", height=480, legend={"font": {"size": 10}},
                             xaxis={"dtick": 1}, margin={"t": 60})
        charts[region] = figure.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{len(charts)}")
    return charts
