"""The structured-data loaders on small files the tests write: tables in every layout and
encoding (long CSV in UTF-8 and GBK, Parquet, a yearbook workbook with merged header
cells), the enterprise register with its credit codes, and the report-month checks in SQL.
Bad input is an error that names the file, the row (and sheet and column) and the reason."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook

from orchestration.ingest.raw_inputs import RawDataError, load_reference
from orchestration.ingest.register import check_report_months, load_register, report_months
from orchestration.ingest.tables import load_tables
from orchestration.ingest.tables.cells import parse_cell
from orchestration.ingest.tables.writers import YearbookSheet, write_long_csv, write_parquet, write_yearbook_xlsx
from orchestration.ingest.uscc import check_digit, is_valid, make_uscc, problem
from tests.conftest import RAW

CATALOG = "table_id,file,sheet,layout,encoding,indicator_code,unit,period,source\n"


@pytest.fixture
def raw(tmp_path) -> Path:
    """A raw folder with the committed reference and an empty tables/ folder."""
    shutil.copytree(RAW / "reference", tmp_path / "reference")
    (tmp_path / "tables").mkdir()
    return tmp_path


def catalog(raw: Path, *rows: str) -> None:
    (raw / "tables" / "catalog.csv").write_text(CATALOG + "".join(r + "\n" for r in rows), encoding="utf-8")


def heze_sheet(total: object = 1000.5, cell: object = "１２３．４") -> YearbookSheet:
    """Two Heze counties × two industry columns under a merged 制造业 section, with 合计."""
    return YearbookSheet(
        title="2023年菏泽市分县区工业产值（万元）",
        sections=[("制造业", ["医药制造业", "C26"])],
        rows=[("牡丹区", [400, cell, 523.4]), ("371703", [300, "—", 300]), ("合计", [700, 123.4, total])])


@pytest.mark.parametrize(("written", "value"), [
    ("1,234.5", "1234.5"), ("１，２３４．５", "1234.5"), (" 42 ", "42"), (17, "17"), (2.5, "2.5"),
    ("—", None), ("－", None), ("", None), ("…", None), (None, None),
])
def test_cells_read_as_offices_print_them(written, value):
    """Full-width digits, thousands separators, Excel numbers; dashes and blanks are no data."""
    assert parse_cell(written) == (None if value is None else Decimal(value))


def test_an_unreadable_cell_says_what_it_found():
    with pytest.raises(ValueError, match="'12a'"):
        parse_cell("12a")


def test_long_csv_in_gbk_and_utf8_and_parquet(raw):
    """The same rows in three files load to the same canonical values (万元 → CNY), with
    regions and industries given by code or by name."""
    frame = pd.DataFrame({"region_code": ["371700", "菏泽市"], "industry_code": ["C27", "医药制造业"],
                          "period": ["2023", "2022"], "indicator_code": ["output_value"] * 2,
                          "value": ["8,691,000", "７７９９９９．５"], "unit": ["万元", "万元"]})
    write_long_csv(raw / "tables" / "gbk.csv", frame, encoding="gbk")
    write_long_csv(raw / "tables" / "utf8.csv", frame)
    write_parquet(raw / "tables" / "t.parquet", frame)
    catalog(raw, "a,gbk.csv,,long,gbk,,,,test", "b,utf8.csv,,long,,,,,test", "c,t.parquet,,long,,,,,test")
    values = load_tables(raw, load_reference(raw))
    assert values.groupby("table_id")["value"].apply(list).to_dict() == {
        t: [8.691e10, 7799995000.0] for t in ("a", "b", "c")}
    assert set(values["region_code"]) == {"371700"} and set(values["unit"]) == {"CNY"}
    assert values.loc[values["table_id"] == "a", "source_ref"].tolist() == ["gbk.csv::2", "gbk.csv::3"]


def test_a_gbk_file_declared_utf8_is_a_clear_error(raw):
    frame = pd.DataFrame({"region_code": ["菏泽市"], "industry_code": ["C27"], "period": ["2023"],
                          "indicator_code": ["output_value"], "value": ["1"], "unit": ["万元"]})
    write_long_csv(raw / "tables" / "gbk.csv", frame, encoding="gbk")
    catalog(raw, "a,gbk.csv,,long,utf-8,,,,test")
    with pytest.raises(RawDataError, match=r"gbk\.csv:2: not utf-8 as catalog\.csv line 2 says"):
        load_tables(raw, load_reference(raw))


def test_yearbook_workbook_with_merged_headers_total_row_and_column(raw):
    """Merged title and section cells, 合计 merged down the header, a 合计 row whose region
    is the counties' city and a 合计 column whose industry is the columns' parent (C);
    the footnote ends the table; — is no data."""
    path = raw / "tables" / "book.xlsx"
    write_yearbook_xlsx(path, {"产值": heze_sheet()})
    merged = {str(r) for r in load_workbook(path)["产值"].merged_cells.ranges}
    assert {"A1:D1", "A2:A3", "B2:C2", "D2:D3"} <= merged
    catalog(raw, "book,book.xlsx,产值,yearbook,,output_value,万元,2023,test")
    values = load_tables(raw, load_reference(raw)).set_index("source_ref")
    assert values.loc["book.xlsx:产值:4:C", ["region_code", "industry_code", "value"]].tolist() == ["371702", "C26", 1234000.0]
    assert values.loc["book.xlsx:产值:6:B", ["region_code", "industry_code", "is_stated_total"]].tolist() == ["371700", "C27", True]
    assert values.loc["book.xlsx:产值:6:D", ["region_code", "industry_code", "value"]].tolist() == ["371700", "C", 10005000.0]
    assert "book.xlsx:产值:5:C" not in values.index  # — : no data
    assert len(values) == 8


def test_bad_cells_name_file_sheet_row_and_column(raw):
    """Every bad cell is listed, each with its sheet, row and column."""
    write_yearbook_xlsx(raw / "tables" / "book.xlsx", {"产值": heze_sheet(total="n/a", cell="12a")})
    catalog(raw, "book,book.xlsx,产值,yearbook,,output_value,万元,2023,test")
    with pytest.raises(RawDataError) as error:
        load_tables(raw, load_reference(raw))
    message = str(error.value)
    assert "book.xlsx:4: sheet 产值, column C: cannot read '12a' as a number" in message
    assert "book.xlsx:6: sheet 产值, column D: cannot read 'n/a' as a number" in message


def test_unknown_names_units_and_sheets_are_errors(raw):
    frame = pd.DataFrame({"region_code": ["火星市"], "industry_code": ["C27"], "period": ["2023"],
                          "indicator_code": ["output_value"], "value": ["1"], "unit": ["家"]})
    write_long_csv(raw / "tables" / "a.csv", frame)
    write_yearbook_xlsx(raw / "tables" / "book.xlsx", {"产值": heze_sheet()})
    catalog(raw, "a,a.csv,,long,,,,,test", "b,book.xlsx,收入,yearbook,,output_value,万元,2023,test")
    with pytest.raises(RawDataError) as error:
        load_tables(raw, load_reference(raw))
    message = str(error.value)
    assert "a.csv:2: unknown region '火星市'" in message
    assert "book.xlsx: no sheet '收入'" in message


def test_credit_codes():
    """Published codes validate; one changed character fails either check; the generator's
    codes are valid."""
    for code in ("91350100M000100Y43", "91110000802100433B", "91440300708461136T"):
        assert is_valid(code), problem(code)
    assert check_digit("91350100M000100Y4") == "3"
    assert "check character is 'X', expected '3'" in problem("91350100M000100Y4X")
    assert "organisation code check" in problem("91350100M000200Y43")
    assert "18" in problem("9135010")
    assert all(is_valid(make_uscc(i, "371702")) for i in range(0, 5000, 7))


def _register(raw: Path, rows: list[str]) -> None:
    (raw / "register").mkdir(exist_ok=True)
    header = "uscc,name,region_code,industry_code,sei_code,above_scale,high_tech,specialized,gazelle,champion\n"
    (raw / "register" / "enterprises.csv").write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")


def test_register_problems_name_file_line_and_reason(raw):
    good = make_uscc(1, "371702")
    _register(raw, [f"{good},甲,371702,C27,SEI0401,1,0,0,0,0",
                    f"{good},乙,371702,C27,,0,0,0,0,0",
                    f"{good[:-1]}0,丙,371700,C99,,2,0,0,0,0"])
    with pytest.raises(RawDataError) as error:
        load_register(raw, load_reference(raw))
    message = str(error.value)
    assert f"enterprises.csv:3: duplicate credit code {good}" in message
    assert "enterprises.csv:4: credit code" in message and "check character" in message
    assert "enterprises.csv:4: region_code '371700' is not a county" in message
    assert "enterprises.csv:4: unknown industry_code 'C99'" in message
    assert "enterprises.csv:4: flags must be 0 or 1: above_scale" in message


def test_report_month_checks_run_in_sql_and_name_file_and_row(raw):
    """Unknown enterprise, negative amount, duplicate, wrong month: each found with its row."""
    known, other = make_uscc(1, "371702"), make_uscc(2, "371702")
    _register(raw, [f"{known},甲,371702,C27,,1,0,0,0,0"])
    folder = raw / "reports" / "month=2024-01"
    folder.mkdir(parents=True)
    with duckdb.connect() as con:
        con.execute(f"""copy (select * from (values ('{known}', '2024-01', 10.0, 9.0), ('{other}', '2024-01', 1.0, 1.0),
                        ('{known}', '2024-02', -1.0, 1.0)) t(uscc, month, output_value, revenue))
                        to '{folder / "reports.parquet"}' (format parquet)""")
        load_register(raw, load_reference(raw)).load_into(con)
        problems = {(p.line, p.reason) for p in check_report_months(con, raw)}
    assert report_months(raw) == ["2024-01"]
    assert problems == {
        (2, f"credit code {other} is not in the register"),
        (3, "month 2024-02 differs from its folder (2024-01)"),
        (3, "output_value or revenue missing or negative"),
        (1, f"credit code {known} reported more than once"),
    }


def test_credit_code_check_in_sql_agrees_with_python():
    """The SQL check the register goes through (register.uscc_valid_sql) accepts exactly the
    codes orchestration.ingest.uscc accepts: generated codes, published ones, and each of them with
    one character changed, truncated or lower-cased."""
    from orchestration.ingest.register import uscc_valid_sql

    codes = ["91350100M000100Y43", "91110000802100433B", "91440300708461136T",
             *(make_uscc(i, "371702") for i in range(0, 3000, 37))]
    variants = [*codes, *(c[:i] + ch + c[i + 1:] for c in codes[:12] for i in (0, 5, 9, 16, 17) for ch in "0AXZ"),
                *(c[:17] for c in codes[:5]), *(c.lower() for c in codes[:5]), ""]
    with duckdb.connect() as con:
        con.execute("create table codes (code varchar)")
        con.executemany("insert into codes values (?)", [[c] for c in variants])
        in_sql = dict(con.execute(f"select code, {uscc_valid_sql('code')} from codes").fetchall())
    assert {c: is_valid(c) for c in variants} == in_sql
    assert sum(in_sql.values()) < len(in_sql) and any(in_sql.values())


def test_a_report_month_is_checked_and_summed_in_one_read(raw):
    """sum_report_months leaves each month's sums by county and industry class in
    raw.report_month_sums (what fct_industry_month reads), in decimal yuan to the fen, from
    the same read of the file that checks it; a clean month has no problem."""
    from decimal import Decimal

    from orchestration.ingest.register import sum_report_months

    a, b, c = make_uscc(1, "371702"), make_uscc(2, "371702"), make_uscc(3, "371702")
    _register(raw, [f"{a},甲,371702,C27,,1,0,0,0,0", f"{b},乙,371702,C27,,1,0,0,0,0", f"{c},丙,371702,C35,,1,0,0,0,0"])
    folder = raw / "reports" / "month=2024-03"
    folder.mkdir(parents=True)
    with duckdb.connect() as con:
        con.execute(f"""copy (select * from (values ('{a}', '2024-03', 0.1, 2.0), ('{b}', '2024-03', 0.2, 3.5),
                        ('{c}', '2024-03', 12.3, 0.0)) t(uscc, month, output_value, revenue))
                        to '{folder / "reports.parquet"}' (format parquet)""")
        load_register(raw, load_reference(raw)).load_into(con)
        assert sum_report_months(con, raw, ["2024-03"]) == []
        sums = con.execute("select * from raw.report_month_sums order by industry_code").fetchall()
    assert sums == [("371702", "C27", "2024-03", 2, Decimal("3000.00"), Decimal("55000.00")),
                    ("371702", "C35", "2024-03", 1, Decimal("123000.00"), Decimal("0.00"))]
