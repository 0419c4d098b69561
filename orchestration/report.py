"""The nightly report (HTML) and the build summary both the report and the publish step record."""

from __future__ import annotations

import html
from datetime import datetime, timezone

import pandas as pd

STATUS_ORDER = {"fail": 0, "warn": 1, "pass": 2}


def html_table(frame: pd.DataFrame) -> str:
    """A table with one row per frame row; a `status` column becomes the row's class."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr class='{}'>{}</tr>".format(
            html.escape(str(row.get("status", ""))),
            "".join(f"<td>{html.escape('' if pd.isna(v) else str(v))}</td>" for v in row.values),
        )
        for _, row in frame.iterrows()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _section(title: str, body: str) -> str:
    return f"<section><h2>{html.escape(title)}</h2>\n{body}\n</section>"


def _changes_html(changes) -> str:
    if changes is None:
        return "<p>First build: there is no previous build to compare with.</p>"
    if changes.total == 0:
        return f"<p>No change since build {html.escape(changes.previous_build)}: same figures, same check and target statuses.</p>"
    parts = [f"<p>Compared with build {html.escape(changes.previous_build)}.</p>"]
    for title, frame in (("Figures added", changes.figures_added), ("Figures removed", changes.figures_removed),
                         ("Figures changed", changes.figures_changed), ("Checks whose status changed", changes.checks_changed),
                         ("Targets whose status changed", changes.targets_changed)):
        if len(frame):
            parts.append(f"<h3>{title} ({len(frame)})</h3>{html_table(frame)}")
    return "\n".join(parts)


def render_report(checks: pd.DataFrame, quotes: dict[str, str], summary: dict, charts: dict[str, str],
                  changes, plotly_js: str, series: dict[str, str] | None = None) -> str:
    """The nightly report: build summary, check results (failures and warnings first, with
    their quotes), target progress charts per region, changes since the previous build."""
    ordered = checks.assign(_order=checks["status"].map(STATUS_ORDER)).sort_values(["_order", "check_id"]).drop(columns="_order")
    ordered = ordered.assign(quotes=[
        # several figures of one check often share a sentence: show each sentence once
        " / ".join(dict.fromkeys(quotes[fid] for fid in ids.split(";") if fid in quotes)) if isinstance(ids, str) else ""
        for ids in ordered["figure_ids"]
    ])
    columns = ["status", "severity", "check_id", "rule", "observed", "expected", "tolerance", "message", "quotes"]
    counts = summary["checks"]
    outcome = ("published" if summary["published"] else
               f"NOT published: {counts['fail']} error-severity check(s) failed; the live warehouse is unchanged")
    facts = [("build", summary.get("build_id") or "?"), ("started", summary.get("started_at") or "?"),
             ("report written", summary["generated_at"]), ("input hash", (summary.get("input_hash") or "?")[:16]),
             ("figures", f"{summary['figures']} ({summary['statements']} statements)"),
             ("checks", f"{counts['pass']} passed, {counts['warn']} warned, {counts['fail']} failed"), ("outcome", outcome)]
    facts_html = "<table class='facts'>" + "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>" for k, v in facts) + "</table>"
    charts_html = "\n".join(f"<div class='chart'>{div}</div>" for div in charts.values()) or "<p>No target has a comparable actual.</p>"
    body = "\n".join([
        _section("Build summary", facts_html),
        _section("Check results", html_table(ordered[columns])),
        _section("Target progress", charts_html),
        _section("Series (latest vintage, revisions marked)",
                 "\n".join(f"<div class='chart'>{div}</div>" for div in (series or {}).values())
                 or "<p>No annual level series has two years.</p>"),
        _section("Changes since the previous build", _changes_html(changes)),
    ])
    return html_page(f"regstat nightly report {summary.get('build_id') or ''}", "regstat nightly report", body, head=plotly_js)


STYLE = """body { font-family: sans-serif; margin: 2em; }
table { border-collapse: collapse; font-size: 0.85em; }
td, th { border: 1px solid #ccc; padding: 4px; vertical-align: top; text-align: left; }
td { overflow-wrap: anywhere; }  /* long ids may wrap, so quotes and messages get the width */
tr.fail { background: #fdd; } tr.warn { background: #ffd; }
.chart { max-width: 1100px; }"""


def html_page(title: str, heading: str, body: str, head: str = "") -> str:
    """A self-contained page (no external file): the report's and the docs' pages."""
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
{STYLE}
</style>{head}</head><body>
<h1>{html.escape(heading)}</h1>
{body}
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
