"""Series charts of the nightly report (plotly): per region, every annual level series in
CNY with at least two years, at its latest vintage (analyst.series_latest). A point whose
value was revised is drawn as a hollow diamond and its hover text lists the earlier
vintages (analyst.series_revisions), so a revision is visible next to the level it changed."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

YI = 1e8  # 亿元: the unit the communiqués use for amounts


def _history(revisions: pd.DataFrame, series_id: str, period: str) -> str:
    rows = revisions[(revisions.series_id == series_id) & (revisions.period == period)].sort_values("vintage_number")
    return "<br>".join(f"{_day(row.vintage)}: {row.value / YI:,.2f} 亿元 ({row.doc_id})" for row in rows.itertuples())


def _day(value) -> str:
    """A vintage as YYYY-MM-DD, whether DuckDB gave a date or pandas a timestamp."""
    return str(pd.Timestamp(value).date())


def series_charts(latest: pd.DataFrame, revisions: pd.DataFrame) -> dict[str, str]:
    """One chart (HTML div, no plotly.js) per region name. `latest`: analyst.series_latest
    rows; `revisions`: analyst.series_revisions rows of the same observations."""
    annual = latest[(latest.unit == "CNY") & (latest.measure == "level") & latest.period.str.fullmatch(r"\d{4}")]
    charts: dict[str, str] = {}
    for region, rows in annual.groupby("region_zh", sort=True):
        figure = go.Figure()
        for series_id, points in rows.groupby("series_id", sort=True):
            if points.period.nunique() < 2:
                continue
            points = points.sort_values("period")
            first = points.iloc[0]
            name = f"{first.indicator_zh} · {first.industry_code}"
            figure.add_trace(go.Scatter(
                x=points.period.astype(int), y=points.value / YI, mode="lines+markers", name=name,
                marker={"symbol": ["diamond-open" if revised else "circle" for revised in points.is_revised],
                        "size": [12 if revised else 7 for revised in points.is_revised]},
                hovertext=[f"{name} {p.period}: {p.value / YI:,.2f} 亿元 (latest, {_day(p.vintage)})"
                           + (f"<br>revised; vintages:<br>{_history(revisions, series_id, p.period)}" if p.is_revised else "")
                           for p in points.itertuples()],
                hoverinfo="text"))
        if not figure.data:
            continue
        figure.update_layout(title=f"{region}: series at their latest vintage (◇ revised)", xaxis_title="year",
                             yaxis_title="亿元", height=420, legend={"font": {"size": 10}}, xaxis={"dtick": 1},
                             margin={"t": 60})
        charts[region] = figure.to_html(full_html=False, include_plotlyjs=False, div_id=f"series-chart-{len(charts)}")
    return charts
