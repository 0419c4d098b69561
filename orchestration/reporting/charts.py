"""Target progress charts (plotly), in absolute values: one chart per region, one panel per
series (industry, indicator, measure) with its own axis in the series' display unit (亿元,
家, %). Solid with markers: the actuals the documents report; a star: each target; dashed:
the path at the required annual growth from the latest actual to the target; dotted: where
the observed growth leads. Each actual appears once, at its value."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs
from plotly.subplots import make_subplots


def plotly_script() -> str:
    """plotly.js inline, once per page, so the report works offline."""
    return f"<script>{get_plotlyjs()}</script>"


def _year(period: str) -> int | None:
    """The last year a period names: 2023 → 2023, 2021/2023 → 2023, 2024/.. → 2024."""
    years = re.findall(r"\d{4}", str(period))
    return int(years[-1]) if years else None


SERIES = ["region_code", "industry_code", "indicator_code", "measure"]


def region_charts(progress: pd.DataFrame, actuals: pd.DataFrame) -> dict[str, str]:
    """One chart (HTML div, no plotly.js) per region name. `progress`: analyst.target_progress
    rows with a comparable actual; `actuals`: analyst.figure_series actuals (the SERIES columns,
    year, display_value, display_unit)."""
    charts = {}
    for region, targets in progress.groupby("region_zh", sort=True):
        series = list(targets.groupby(SERIES, sort=True))
        legend: set[str] = set()  # each kind of line in the legend once

        def first(label: str) -> bool:
            new = label not in legend
            legend.add(label)
            return new

        titles = [f"{t.industry_zh.iloc[0]} · {t.indicator_zh.iloc[0]} ({t.display_unit.iloc[0]})" for _, t in series]
        figure = make_subplots(rows=len(series), cols=1, subplot_titles=titles, vertical_spacing=min(0.15, 0.3 / len(series)))
        for row, (key, group) in enumerate(series, start=1):
            unit = group.display_unit.iloc[0]
            points = actuals[(actuals[SERIES] == pd.Series(key, index=SERIES)).all(axis=1)
                             & (actuals.display_unit == unit)].sort_values("year")
            figure.add_trace(go.Scatter(x=points.year, y=points.display_value, mode="lines+markers+text", name="actual",
                                        text=[f"{v:g}" for v in points.display_value], textposition="top left",
                                        line={"color": "#1f77b4"}, showlegend=first("actual"), legendgroup="actual"), row=row, col=1)
            for _, t in group.sort_values("target_period").iterrows():
                start, end = _year(t.actual_period), _year(t.target_period)
                figure.add_trace(go.Scatter(x=[end], y=[t.target_display], mode="markers+text", name="target",
                                            marker={"symbol": "star", "size": 14, "color": "#d62728"},
                                            text=[f"{t.target_display:g} ({t.target_period})"], textposition="top center",
                                            showlegend=first("target"), legendgroup="target"),
                                 row=row, col=1)
                if start is None or end is None or end <= start:
                    continue
                years = list(range(start, end + 1))
                for growth, style, label, color in ((t.required_annual_growth, "dash", "required path", "#d62728"),
                                                    (t.observed_annual_growth, "dot", "observed growth", "#2ca02c")):
                    if pd.notna(growth):
                        path = [t.actual_display * (1 + growth / 100) ** (y - start) for y in years]
                        figure.add_trace(go.Scatter(x=years, y=path, mode="lines", line={"dash": style, "color": color},
                                                    name=label, hovertemplate=f"{label} {growth:.1f}%/yr: %{{y:.1f}} {unit}",
                                                    showlegend=first(label), legendgroup=label),
                                         row=row, col=1)
            figure.update_yaxes(title_text=unit, rangemode="tozero", row=row, col=1)
            figure.update_xaxes(dtick=1, row=row, col=1)
        figure.update_layout(title=f"{region}: targets and actuals", height=140 + 320 * len(series),
                             legend={"orientation": "h", "y": -0.08}, margin={"t": 80})
        charts[region] = figure.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{len(charts)}")
    return charts
