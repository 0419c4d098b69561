"""The regstat CLI against a published warehouse, read-only."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from openpyxl import load_workbook

from orchestration.reporting.excel_export import header_zh
from tests.conftest import regstat


def test_checks_lists_warnings_first(seed_build):
    """`regstat checks` shows warnings before passes."""
    out = regstat("checks", warehouse=seed_build.warehouse).stdout.splitlines()
    statuses = [line.split()[0] for line in out[1:] if line.strip()]
    assert "warn" in statuses and statuses.index("warn") < statuses.index("pass")


def test_figures_filter(seed_build):
    """`regstat figures --kind target --industry SEI0401` shows the biomedicine targets only,
    money in 亿元 (not 100,000,000,000 CNY)."""
    result = regstat("figures", "--kind", "target", "--industry", "SEI0401", warehouse=seed_build.warehouse)
    lines = result.stdout.splitlines()[1:]
    assert result.returncode == 0 and lines
    assert all(" target " in line and "SEI0401" in line for line in lines)
    assert any("1000 亿元" in line for line in lines)
    assert "CNY" not in result.stdout and "100,000,000,000" not in result.stdout


@pytest.mark.parametrize("region", ["371700", "菏泽", "菏泽市", "Heze", "heze"])
def test_filters_take_codes_and_names(seed_build, region):
    """A region given as its code, its Chinese name (with or without 市) or its English name
    (any case) selects the same figures: Heze's."""
    result = regstat("figures", "--region", region, "--format", "csv", warehouse=seed_build.warehouse)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = seed_build.query("select count(*) from marts.fct_figure where region_code = '371700'")[0][0]
    assert len(rows) == expected > 0 and {r["region_code"] for r in rows} == {"371700"}


@pytest.mark.parametrize("args, named", [
    (["checks", "--rule", "nosuchrule"], "share"),
    (["figures", "--region", "菏泽县"], "菏泽市"),
    (["figures", "--industry", "biomedicin"], "SEI0401"),
    (["progress", "--region", "Taiann"], "Tai'an"),
])
def test_unknown_filter_values_are_errors_naming_the_closest(seed_build, args, named):
    """A value that matches nothing is an error (exit 2) naming the option and the closest
    known values, never an empty answer."""
    result = regstat(*args, warehouse=seed_build.warehouse)
    if args[-1] == "biomedicin":  # a unique start of a name is a match, not an error
        assert result.returncode == 0 and named in result.stdout
        return
    assert result.returncode == 2 and result.stdout == ""
    assert args[-2] in result.stderr and named in result.stderr and "Traceback" not in result.stderr


def test_progress_shows_region_and_reasons(seed_build):
    """`regstat progress` shows each target's region and status; filtered by region name."""
    out = regstat("progress", warehouse=seed_build.warehouse).stdout
    assert "on_track" in out and "no_comparable_actual" in out and "菏泽市" in out
    assert "869.1 亿元" in out and "1000 亿元" in out
    heze = regstat("progress", "--region", "菏泽", "--format", "json", warehouse=seed_build.warehouse)
    rows = json.loads(heze.stdout)
    assert rows and {r["region_code"] for r in rows} == {"371700"}
    assert all(r["missing"] for r in rows if r["status"] == "no_comparable_actual")


def test_every_format_writes_the_same_rows(seed_build, tmp_path):
    """`regstat figures --region 菏泽 --format xlsx|parquet|csv|json --output FILE`: each file
    reads back (openpyxl, DuckDB, csv, json) with the same rows as the query."""
    expected = seed_build.query("select figure_id, value from marts.fct_figure where region_code = '371700' order by figure_id")
    read = {
        "xlsx": lambda p: [(r[0], r[1]) for r in _xlsx_rows(p, "figure_id", "value")],
        "parquet": lambda p: duckdb.sql(f"select figure_id, value from '{p}' order by figure_id").fetchall(),
        "csv": lambda p: [(r["figure_id"], float(r["value"])) for r in csv.DictReader(p.open(encoding="utf-8-sig"))],
        "json": lambda p: [(r["figure_id"], r["value"]) for r in json.loads(p.read_text(encoding="utf-8"))],
    }
    for fmt, reader in read.items():
        out = tmp_path / f"f.{fmt}"
        result = regstat("figures", "--region", "菏泽", "--format", fmt, "--output", str(out), warehouse=seed_build.warehouse)
        assert result.returncode == 0, result.stderr
        assert sorted(reader(out)) == expected, fmt  # the same figures, the same canonical values
    refused = regstat("figures", "--format", "xlsx", warehouse=seed_build.warehouse)
    assert refused.returncode == 2 and "--output" in refused.stderr


def _xlsx_rows(path, *columns: str) -> list[tuple]:
    sheet = load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    index = [rows[0].index(c) for c in columns]
    return [tuple(r[i] for i in index) for r in rows[1:]]


def test_export_xlsx_has_a_sheet_per_view_with_chinese_headers(seed_build, tmp_path):
    """`regstat export --xlsx FILE`: one sheet per analyst view, each with as many rows as the
    view, Chinese headers, money columns with their unit in the header."""
    out = tmp_path / "views.xlsx"
    result = regstat("export", "--xlsx", str(out), warehouse=seed_build.warehouse)
    assert result.returncode == 0, result.stderr
    book = load_workbook(out, read_only=True)
    views = [v for (v,) in seed_build.query("select view_name from duckdb_views() where schema_name = 'analyst' order by 1")]
    assert book.sheetnames == views
    for view in views:
        rows = list(book[view].iter_rows(values_only=True))
        columns = [c for (c,) in seed_build.query(
            f"select column_name from duckdb_columns() where schema_name = 'analyst' and table_name = '{view}' order by column_index")]
        assert list(rows[0]) == [header_zh(c) for c in columns]
        assert len(rows) - 1 == seed_build.query(f"select count(*) from analyst.{view}")[0][0]
    assert "营业收入（亿元）" in next(book["enterprise_stats"].iter_rows(values_only=True))
    assert "数值（显示单位）" in next(book["figure_series"].iter_rows(values_only=True))


def test_db_after_the_subcommand(seed_build, tmp_path):
    """`regstat sql --db FILE ...` works as `regstat --db FILE sql ...` does."""
    for args in (["sql", "--db", str(seed_build.published), "select 42 as x"],
                 ["--db", str(seed_build.published), "sql", "select 42 as x"]):
        result = regstat(*args, warehouse=tmp_path)  # nothing published there: --db must be used
        assert result.returncode == 0 and "42" in result.stdout, result.stderr


def test_shell_is_the_duckdb_cli_read_only(seed_build):
    """`regstat shell` runs the DuckDB CLI on the published file, read-only."""
    ok = regstat("shell", "-c", "select count(*) from analyst.figure_series", warehouse=seed_build.warehouse)
    assert ok.returncode == 0 and str(seed_build.query("select count(*) from marts.fct_figure")[0][0]) in ok.stdout
    refused = regstat("shell", "-c", "delete from marts.fct_figure", warehouse=seed_build.warehouse)
    assert "read-only" in (refused.stdout + refused.stderr).lower()


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
