"""The regstat CLI against a published warehouse, read-only."""

from __future__ import annotations

from tests.conftest import regstat


def test_checks_lists_warnings_first(seed_build):
    """`regstat checks` shows warnings before passes."""
    out = regstat("checks", warehouse=seed_build.warehouse).stdout.splitlines()
    statuses = [line.split()[0] for line in out[1:] if line.strip()]
    assert "warn" in statuses and statuses.index("warn") < statuses.index("pass")


def test_figures_filter(seed_build):
    """`regstat figures --kind target --industry SEI0401` shows the biomedicine targets only."""
    result = regstat("figures", "--kind", "target", "--industry", "SEI0401", warehouse=seed_build.warehouse)
    lines = result.stdout.splitlines()[1:]
    assert result.returncode == 0 and lines
    assert all(" target " in line and "SEI0401" in line for line in lines)
    assert any("1000" in line for line in lines)


def test_progress(seed_build):
    """`regstat progress` reports the biomedicine target on track."""
    out = regstat("progress", warehouse=seed_build.warehouse).stdout
    assert "on_track" in out and "no_comparable_actual" in out


def test_sql_is_read_only(seed_build):
    """`regstat sql` answers queries and refuses writes with a clear error."""
    ok = regstat("sql", "select count(*) as n from marts.fct_figure", warehouse=seed_build.warehouse)
    assert ok.returncode == 0 and "n" in ok.stdout
    refused = regstat("sql", "delete from marts.fct_figure", warehouse=seed_build.warehouse)
    assert refused.returncode == 2 and "read-only" in refused.stderr.lower()


def test_missing_warehouse_is_a_clear_error(tmp_path):
    """Querying before any build says what to run."""
    result = regstat("checks", warehouse=tmp_path)
    assert result.returncode == 2 and "make run" in result.stderr
