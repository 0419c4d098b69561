"""The nightly report and `make docs` render in headless Chromium: headings, charts and
check rows are in the DOM after the page's scripts ran, and a screenshot is saved under
the test's warehouse folder."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import regstat

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a sandboxed machine with no network and no display: no background connections,
# a fresh profile, and time for plotly and dbt's Angular app to render.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--virtual-time-budget=10000"]


def chromium(url: str, *args: str) -> str:
    assert CHROMIUM, "Chromium is missing: `make system-deps` installs the Debian package `chromium`"
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, url],
                                capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def render(page: Path, screenshot: Path, fragment: str = "") -> str:
    """The DOM after scripts ran; also saves a screenshot."""
    url = page.as_uri() + fragment
    chromium(url, "--window-size=1400,2000", f"--screenshot={screenshot}")
    assert screenshot.stat().st_size > 10_000
    return chromium(url, "--dump-dom")


def test_chinese_font_is_installed():
    """A CJK font is installed, so Chinese text renders as glyphs in the screenshots, not boxes."""
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    assert fonts.strip(), "no Chinese font: install the Debian package fonts-wqy-zenhei (make system-deps does)"


def test_nightly_report_renders(seed_build):
    """The report in the order a reader needs it: outcome (published) with the warnings and
    their Chinese quotes, target progress drawn by plotly in absolute values (亿元 axis, the
    869.1 actual once), the targets that cannot be judged with what is missing, then every
    check collapsed."""
    dom = render(seed_build.warehouse / "report" / "index.html", seed_build.warehouse / "report.png")
    sections = [dom.index(f"<section id=\"{s}\">") for s in ("headline", "progress", "unjudged", "checks")]
    assert sections == sorted(sections)
    headline = dom[sections[0]:sections[1]]
    warnings = seed_build.query("select count(*) from marts.fct_check_result where status = 'warn'")[0][0]
    assert "Published" in headline and f"Warnings ({warnings})" in headline and "“一梁五柱”" in headline
    assert "First build" in headline  # what changed since the previous build
    progress = dom[sections[1]:sections[2]]
    assert 'class="main-svg"' in progress and "plot-container" in progress  # plotly drew the chart
    assert "菏泽市" in progress and "亿元" in progress and "% of target" not in progress
    unjudged = dom[sections[2]:sections[3]]
    judged = seed_build.query("select count(*) from analyst.target_progress where not judged")[0][0]
    assert f"{judged} targets have no comparable actual" in unjudged and "increment" in unjudged
    checks = dom[sections[3]:]
    assert "<details>" in checks and "<summary>" in checks
    rows = checks.split("<tbody>", 1)[1]
    assert rows.index('<tr class="warn">') < rows.index('<tr class="pass">')


@pytest.fixture(scope="module")
def docs(seed_build) -> Path:
    result = regstat("docs", warehouse=seed_build.warehouse)
    assert result.returncode == 0, result.stderr[-3000:]
    return seed_build.warehouse / "docs"


def test_dbt_docs_render_models_and_columns(docs, seed_build):
    """dbt's static site renders a mart page with its column descriptions, offline."""
    dom = render(docs / "dbt" / "index.html", seed_build.warehouse / "docs-dbt.png", "#!/model/model.regstat.fct_figure")
    assert 'ng-binding">fct_figure<' in dom  # Angular rendered the model page
    assert 'ng-binding">Stable id of the figure' in dom  # a column description


def test_dbt_docs_open_on_the_warehouse_overview(docs, seed_build):
    """The dbt docs open on this warehouse's overview (what it holds, how to query it, where
    the report is), not dbt's generic welcome page."""
    dom = render(docs / "dbt" / "index.html", seed_build.warehouse / "docs-overview.png")
    # rendered markdown, not the manifest's JSON inside the page
    assert re.search(r"<h1[^>]*>regstat: regional industry statistics warehouse</h1>", dom)
    assert "<code>analyst.figure_series</code>" in dom and "<code>warehouse/report/index.html</code>" in dom
    assert not re.search(r"<h1[^>]*>Welcome!</h1>", dom)


def test_expectation_results_page(docs, seed_build):
    """The expectations page lists every suite with its expectations and results."""
    dom = render(docs / "expectations.html", seed_build.warehouse / "docs-expectations.png")
    suites = {s for (s,) in seed_build.query("select distinct suite from validation.expectation_results")}
    for suite in suites:
        assert f"<h2>Suite {suite}</h2>" in dom
    assert dom.count("<tr class=") >= seed_build.query("select count(*) from validation.expectation_results")[0][0]
    # the build published with 0 failures: its failed rule_evaluations expectation (open lists) is a warning
    assert seed_build.query("select count(*) from marts.fct_check_result where status = 'fail'")[0][0] == 0
    assert '<tr class="fail">' not in dom and '<tr class="warn">' in dom
    index = chromium((docs / "index.html").as_uri(), "--dump-dom")
    assert 'href="dbt/index.html"' in index and 'href="expectations.html"' in index
