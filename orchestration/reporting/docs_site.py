"""`make docs`: the data documentation under warehouse/docs/, viewable offline.

- dbt/index.html: dbt's documentation site (every model and column described, lineage),
  generated with `dbt docs generate --static` (one file, manifest and catalog inside) on a
  private copy of the published warehouse, so docs never touch a build or the live file;
- expectations.html: every expectation suite, every expectation and its result, and the
  relation checks by rule and status, from the published warehouse;
- index.html: links to both."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pandas as pd

from orchestration import settings
from orchestration.publish.build_info import now_utc
from orchestration.reporting.report_page import html_page, html_table
from orchestration.warehouse import connect


def docs_dir() -> Path:
    return settings.warehouse_dir() / "docs"


def dbt_docs(out: Path) -> Path:
    """dbt's static docs site for the published warehouse, at out/dbt/index.html."""
    with tempfile.TemporaryDirectory(prefix="regstat-docs-") as tmp:
        warehouse = Path(tmp) / "warehouse"
        (warehouse / "build").mkdir(parents=True)
        shutil.copyfile(settings.published_db(), warehouse / "build" / settings.PUBLISHED_NAME)
        target = Path(tmp) / "target"
        result = subprocess.run(
            [settings.DBT_EXECUTABLE, "docs", "generate", "--static", "--quiet", "--target-path", str(target),
             "--project-dir", str(settings.DBT_PROJECT_DIR), "--profiles-dir", str(settings.DBT_PROJECT_DIR)],
            env={**os.environ, "REGSTAT_WAREHOUSE_DIR": str(warehouse)}, capture_output=True, text=True,
            stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise RuntimeError(f"dbt docs generate failed: {result.stdout[-2000:]}{result.stderr[-2000:]}")
        (out / "dbt").mkdir(parents=True, exist_ok=True)
        return Path(shutil.copyfile(target / "static_index.html", out / "dbt" / "index.html"))


def expectations_page(out: Path) -> Path:
    """Every suite, expectation and result. A failed expectation whose unexpected rows are all
    warn-level outcomes (the build published: it had no failed check) shows as a warning: the
    rule_evaluations expectation fails on a row of an open list (等) that the relation rules
    decided to warn about, not to fail."""
    with connect(settings.published_db(), read_only=True) as con:
        results = con.execute("""
            with failed_checks as (select count(*) as n from marts.fct_check_result where status = 'fail')
            select r.suite, r.expectation_id, r.expectation_type, r.column_name, r.severity,
                   case when r.success then 'pass'
                        when r.severity = 'warn' then 'warn'
                        when c.status is not null then c.status
                        when (select n from failed_checks) = 0 then 'warn'
                        else 'fail' end as status,
                   r.element_count, r.unexpected_count, r.details
            from validation.expectation_results as r
            left join marts.fct_check_result as c on c.check_id = 'gx:' || r.suite || ':' || r.expectation_id
            order by r.suite, r.expectation_id""").df()
        rules = con.execute("""select rule, status, count(*) as checks from marts.fct_check_result
                               where check_id not like 'gx:%' group by rule, status order by rule, status""").df()
        build_id = con.execute("select build_id from meta.build_info").fetchone()[0]
    counts = results["status"].value_counts()
    sections = [f"<h2>Suite {html.escape(suite)}</h2>{html_table(frame.drop(columns='suite'))}"
                for suite, frame in results.groupby("suite", sort=True)]
    page = html_page("Expectation results", "Expectation results", f"<p>Build {html.escape(build_id)} · generated {now_utc()} · "
                 f"{len(results)} expectations in {results['suite'].nunique()} suites: {counts.get('pass', 0)} passed, "
                 f"{counts.get('warn', 0)} warned, {counts.get('fail', 0)} failed</p>"
                 + "".join(sections) + f"<h2>Relation checks by rule</h2>{html_table(rules)}"
                 + "<p>Each relation check, with its quotes: <code>analyst.check_results</code> and the nightly report.</p>")
    path = out / "expectations.html"
    path.write_text(page, encoding="utf-8")
    return path


def generate() -> Path:
    """Write warehouse/docs/ from the published warehouse; returns the index page."""
    out = docs_dir()
    out.mkdir(parents=True, exist_ok=True)
    dbt_docs(out)
    expectations_page(out)
    links = pd.DataFrame({"page": ["dbt/index.html", "expectations.html", "../report/index.html"],
                          "what": ["models, columns, lineage (dbt docs)", "expectation suites and their results",
                                   "the nightly report"]})
    body = "<ul>" + "".join(f"<li><a href='{p}'>{html.escape(w)}</a></li>" for p, w in zip(links.page, links.what)) + "</ul>"
    index = out / "index.html"
    index.write_text(html_page("regstat data documentation", "regstat data documentation", body), encoding="utf-8")
    return index
