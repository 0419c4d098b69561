"""The nightly report (HTML) and the build summary both the report and the publish step record."""

from __future__ import annotations

import html

import pandas as pd

from orchestration.vocabulary import STATUS_ORDER


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


def _section(section_id: str, title: str, body: str) -> str:
    return f"<section id='{section_id}'><h2>{html.escape(title)}</h2>\n{body}\n</section>"


def _changes_line(changes) -> str:
    """What changed since the previous build, in one sentence."""
    if changes is None:
        return "First build: there is no previous build to compare with."
    if changes.total == 0:
        return f"No change since build {changes.previous_build}: same figures, same check and target statuses."
    parts = [f"{len(frame)} {label}" for label, frame in (
        ("figures added", changes.figures_added), ("figures removed", changes.figures_removed),
        ("figures changed", changes.figures_changed), ("checks changed status", changes.checks_changed),
        ("targets changed status", changes.targets_changed)) if len(frame)]
    return f"Since build {changes.previous_build}: " + ", ".join(parts) + "."


def _changes_html(changes) -> str:
    if changes is None or changes.total == 0:
        return ""
    parts = []
    for title, frame in (("Figures added", changes.figures_added), ("Figures removed", changes.figures_removed),
                         ("Figures changed", changes.figures_changed), ("Checks whose status changed", changes.checks_changed),
                         ("Targets whose status changed", changes.targets_changed)):
        if len(frame):
            parts.append(f"<h3>{title} ({len(frame)})</h3>{html_table(frame)}")
    return "<details class='changes'><summary>What changed, in detail</summary>" + "\n".join(parts) + "</details>"


def _with_quotes(checks: pd.DataFrame, quotes: dict[str, str]) -> pd.DataFrame:
    ordered = checks.assign(_order=checks["status"].map(STATUS_ORDER)).sort_values(["_order", "check_id"]).drop(columns="_order")
    return ordered.assign(quotes=[
        # several figures of one check often share a sentence: show each sentence once
        " / ".join(dict.fromkeys(quotes[fid] for fid in ids.split(";") if fid in quotes)) if isinstance(ids, str) else ""
        for ids in ordered["figure_ids"]
    ])


def _problem_list(rows: pd.DataFrame, status: str) -> str:
    """Each failed or warned check: id, rule, message and the sentences it checked."""
    items = "".join(
        f"<li class='{status}'><b>{html.escape(str(r.check_id))}</b> ({html.escape(str(r.rule))}): {html.escape(str(r.message))}"
        + (f"<blockquote>{html.escape(r.quotes)}</blockquote>" if r.quotes else "") + "</li>"
        for r in rows.itertuples())
    return f"<ul class='problems'>{items}</ul>"


def headline_html(summary: dict, checks: pd.DataFrame, changes, run_failure: list[str] | None = None) -> str:
    """The first thing a reader sees: published or blocked (or the run failed, with its
    reasons), the build, what changed since the previous one, then every failure and warning
    with its quotes. `checks` has the `quotes` column of _with_quotes."""
    counts = summary["checks"]
    if run_failure:
        verdict = ("failed", "This run failed: the live warehouse is unchanged")
    elif summary["published"]:
        verdict = ("published", "Published")
    else:
        verdict = ("blocked", f"Blocked: {counts['fail']} error-severity check(s) failed; the live warehouse is unchanged")
    parts = [f"<p class='verdict {verdict[0]}'>{html.escape(verdict[1])}</p>"]
    if run_failure:
        parts.append("<ul class='reasons'>" + "".join(f"<li>{html.escape(r)}</li>" for r in run_failure) + "</ul>")
    facts = [("build", summary.get("build_id") or "?"), ("started", summary.get("started_at") or "?"),
             ("report written", summary["generated_at"]), ("input hash", (summary.get("input_hash") or "?")[:16]),
             ("figures", f"{summary['figures']} ({summary['statements']} statements)"),
             ("checks", f"{counts['pass']} passed, {counts['warn']} warned, {counts['fail']} failed"),
             ("changes", _changes_line(changes))]
    parts.append("<table class='facts'>" + "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>" for k, v in facts) + "</table>")
    parts.append(_changes_html(changes))
    for status, label in (("fail", "Failures"), ("warn", "Warnings")):
        rows = checks[checks["status"] == status]
        if len(rows):
            parts.append(f"<h3>{label} ({len(rows)})</h3>{_problem_list(rows, status)}")
    if not counts["fail"] and not counts["warn"]:
        parts.append("<p>No check failed or warned.</p>")
    return "\n".join(p for p in parts if p)


UNJUDGED_COLUMNS = {"region_zh": "region", "industry_zh": "industry", "indicator_zh": "indicator", "target_period": "year",
                    "target": "target", "missing": "missing to judge it", "target_quote": "quote"}


def render_report(checks: pd.DataFrame, quotes: dict[str, str], summary: dict, charts: dict[str, str],
                  changes, plotly_js: str, unjudged: pd.DataFrame | None = None,
                  run_failure: list[str] | None = None, series: dict[str, str] | None = None) -> str:
    """The nightly report, in the order a reader needs it: the headline (published or
    blocked, what changed, failures and warnings with their quotes), target progress per
    region in absolute values, the targets that cannot be judged and why, then every check
    (collapsed). `unjudged`: analyst.target_progress rows without a comparable actual."""
    ordered = _with_quotes(checks, quotes)
    columns = ["status", "severity", "check_id", "rule", "observed", "expected", "tolerance", "message", "quotes"]
    charts_html = "\n".join(f"<div class='chart'>{div}</div>" for div in charts.values()) or "<p>No target has a comparable actual.</p>"
    if unjudged is not None and len(unjudged):
        table = unjudged.assign(target=[f"{v:g} {u}" for v, u in zip(unjudged["target_display"], unjudged["display_unit"])])
        unjudged_html = (f"<p>{len(unjudged)} targets have no comparable actual (same region, industry, indicator and "
                         "measure, dated before the target), so their progress cannot be judged:</p>"
                         + html_table(table[list(UNJUDGED_COLUMNS)].rename(columns=UNJUDGED_COLUMNS)))
    else:
        unjudged_html = "<p>Every target has a comparable actual.</p>"
    body = "\n".join([
        _section("headline", "Outcome 构建结果", headline_html(summary, ordered, changes, run_failure)),
        _section("progress", "Target progress 目标进展", charts_html),
        _section("unjudged", "Targets that cannot be judged 无法评估的目标", unjudged_html),
        _section("series", "Series 时间序列 (latest vintage, revisions marked)",
                 "\n".join(f"<div class='chart'>{div}</div>" for div in (series or {}).values())
                 or "<p>No annual level series has two years.</p>"),
        _section("checks", "All checks 全部检查",
                 f"<details><summary>{len(ordered)} checks: {summary['checks']['fail']} failed, {summary['checks']['warn']} "
                 f"warned, {summary['checks']['pass']} passed</summary>{html_table(ordered[columns])}</details>"),
    ])
    return html_page(f"regstat nightly report {summary.get('build_id') or ''}", "regstat nightly report", body, head=plotly_js)


STYLE = """body { font-family: sans-serif; margin: 2em; }
table { border-collapse: collapse; font-size: 0.85em; }
td, th { border: 1px solid #ccc; padding: 4px; vertical-align: top; text-align: left; }
td { overflow-wrap: anywhere; }  /* long ids may wrap, so quotes and messages get the width */
tr.fail { background: #fdd; } tr.warn { background: #ffd; }
.verdict { font-size: 1.4em; font-weight: bold; padding: 0.4em 0.6em; display: inline-block; }
.verdict.published { background: #dfd; } .verdict.blocked, .verdict.failed { background: #fdd; }
ul.problems li { margin-bottom: 0.6em; } li.fail b { color: #b00; } li.warn b { color: #960; }
blockquote { margin: 0.2em 0 0 1em; color: #444; font-size: 0.9em; }
summary { cursor: pointer; font-weight: bold; }
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
