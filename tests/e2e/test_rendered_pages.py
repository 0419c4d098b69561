"""The nightly report and `make docs` render in headless Chromium: headings, charts and
check rows are in the DOM after the page's scripts ran, and a screenshot is saved under
the test's warehouse folder."""

from __future__ import annotations

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
    assert CHROMIUM, "Chromium is missing: install the Debian package `chromium` (.ci/run does)"
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


def test_nightly_report_renders(seed_build):
    """Four section headings, one rendered plotly chart (SVG), warning rows first with quotes."""
    dom = render(seed_build.warehouse / "report" / "index.html", seed_build.warehouse / "report.png")
    for heading in ("Build summary", "Check results", "Target progress", "Changes since the previous build"):
        assert f"<h2>{heading}</h2>" in dom
    assert 'class="main-svg"' in dom and "plot-container" in dom  # plotly drew the chart
    rows = dom.split("<tbody>", 1)[1]
    assert rows.index('<tr class="warn">') < rows.index('<tr class="pass">')
    assert "“一梁五柱”" in rows.split('<tr class="pass">')[0]


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


def test_expectation_results_page(docs, seed_build):
    """The expectations page lists every suite with its expectations and results."""
    dom = render(docs / "expectations.html", seed_build.warehouse / "docs-expectations.png")
    suites = {s for (s,) in seed_build.query("select distinct suite from validation.expectation_results")}
    for suite in suites:
        assert f"<h2>Suite {suite}</h2>" in dom
    assert dom.count("<tr class=") >= seed_build.query("select count(*) from validation.expectation_results")[0][0]
    index = chromium((docs / "index.html").as_uri(), "--dump-dom")
    assert 'href="dbt/index.html"' in index and 'href="expectations.html"' in index
