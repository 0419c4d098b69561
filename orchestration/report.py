"""The validation report (HTML, failures and warnings first, each with its quotes) and the
build summary both the report and the publish step record."""

from __future__ import annotations

import html
from datetime import datetime, timezone

import pandas as pd

STATUS_ORDER = {"fail": 0, "warn": 1, "pass": 2}


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr class='{}'>{}</tr>".format(
            html.escape(str(row.get("status", ""))),
            "".join(f"<td>{html.escape('' if pd.isna(v) else str(v))}</td>" for v in row.values),
        )
        for _, row in frame.iterrows()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def render_report(checks: pd.DataFrame, quotes: dict[str, str], summary: dict) -> str:
    """HTML for the check results; `quotes` maps figure ids to their quotes."""
    ordered = checks.assign(_order=checks["status"].map(STATUS_ORDER)).sort_values(["_order", "check_id"]).drop(columns="_order")
    ordered = ordered.assign(quotes=[
        " / ".join(quotes.get(fid, "") for fid in str(ids).split(";") if fid in quotes) if isinstance(ids, str) else ""
        for ids in ordered["figure_ids"]
    ])
    columns = ["status", "severity", "check_id", "rule", "observed", "expected", "tolerance", "message", "quotes"]
    counts = " · ".join(f"{k}: {v}" for k, v in summary["checks"].items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Validation report</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; font-size: 0.85em; }}
td, th {{ border: 1px solid #ccc; padding: 4px; vertical-align: top; }}
tr.fail {{ background: #fdd; }} tr.warn {{ background: #ffd; }}
</style></head><body>
<h1>Validation report</h1>
<p>Generated {html.escape(summary["generated_at"])} · figures: {summary["figures"]} · statements: {summary["statements"]} · {html.escape(counts)}</p>
<h2>Check results</h2>
{_table(ordered[columns])}
</body></html>
"""


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def build_summary(con) -> dict:
    """Counts that describe a build: figures, statements, checks by status."""
    figures = con.execute("select count(*) from marts.fct_figure").fetchone()[0]
    statements = con.execute("select count(*) from intermediate.int_figures_canonical").fetchone()[0]
    checks = dict(con.execute(
        "select status, count(*) from marts.fct_check_result group by status order by status"
    ).fetchall())
    return {
        "figures": figures,
        "statements": statements,
        "checks": {status: checks.get(status, 0) for status in ("pass", "warn", "fail")},
    }
