"""The enterprise register (raw/register/enterprises.csv) and the monthly reports
(raw/reports/month=YYYY-MM/reports.parquet).

The register is read in Python (every credit code's check characters are verified); the
reports, up to tens of millions of rows, are only ever checked in DuckDB SQL.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pandas as pd

from orchestration.raw_inputs import Problem, RawDataError
from orchestration.uscc import problem as uscc_problem

REGISTER_COLUMNS = ["uscc", "name", "region_code", "industry_code", "sei_code", "above_scale", "high_tech",
                    "specialized", "gazelle", "champion"]
FLAGS = REGISTER_COLUMNS[5:]
REPORT_COLUMNS = {"uscc": "VARCHAR", "month": "VARCHAR", "output_value": "DOUBLE", "revenue": "DOUBLE"}
MAX_PROBLEMS_PER_CHECK = 20
_MONTH_FOLDER = re.compile(r"month=(\d{4}-(0[1-9]|1[0-2]))")


def load_register(raw: Path, reference: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The register, flags as booleans; an empty frame when raw/ has no register. Checked
    column-wise (half a million rows in about a second); row numbers count the header as
    row 1, as a spreadsheet shows them."""
    path = raw / "register" / "enterprises.csv"
    if not path.exists():
        return _frame(pd.DataFrame(columns=REGISTER_COLUMNS))
    if path.is_symlink():
        raise RawDataError([Problem(path, 0, "a symbolic link, not read: raw/ holds regular files only")])
    header = read_rows_header(path)
    missing = [c for c in REGISTER_COLUMNS if c not in header]
    extra = [c for c in header if c not in REGISTER_COLUMNS]
    if missing or extra:
        reasons = ([f"missing column(s): {', '.join(missing)}"] if missing else []) + \
                  ([f"unexpected column(s): {', '.join(repr(c) for c in extra)}"] if extra else [])
        raise RawDataError([Problem(path, 1, "; ".join(reasons))])
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")[REGISTER_COLUMNS]
    except UnicodeDecodeError as exc:
        line = path.read_bytes().count(b"\n", 0, exc.start) + 1
        raise RawDataError([Problem(path, line, f"not UTF-8 ({exc.reason}): save the file as UTF-8")]) from None
    except pd.errors.ParserError as exc:
        raise RawDataError([Problem(path, 0, f"cannot read as a CSV: {exc}")]) from None
    frame = frame.apply(lambda column: column.str.strip())
    regions = reference["regions"]
    counties = set(regions.loc[regions["level"] == "county", "region_code"])
    industries = set(reference["industries"]["industry_code"])
    rows = frame.index + 2
    problems = [Problem(path, int(row), reason) for row, code in zip(rows, frame["uscc"])
                if (reason := uscc_problem(code)) is not None]
    duplicated = frame["uscc"].duplicated()
    problems += [Problem(path, int(row), f"duplicate credit code {code}")
                 for row, code in zip(rows[duplicated], frame.loc[duplicated, "uscc"])]
    for mask, reason in (
        (~frame["region_code"].isin(counties), "region_code {region_code!r} is not a county of reference/regions.csv"),
        (~frame["industry_code"].isin(industries), "unknown industry_code {industry_code!r}"),
        ((frame["sei_code"] != "") & ~frame["sei_code"].isin(industries), "unknown sei_code {sei_code!r}"),
        (~frame[FLAGS].isin(["0", "1"]).all(axis=1), "flags must be 0 or 1: " + ", ".join(FLAGS)),
    ):
        problems += [Problem(path, int(row), reason.format(**record))
                     for row, record in zip(rows[mask], frame[mask].to_dict("records"))]
    if problems:
        raise RawDataError(sorted(problems, key=lambda p: p.line))
    return _frame(frame)


def read_rows_header(path: Path) -> list[str]:
    """The header row (a UTF-8 byte order mark is accepted)."""
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        return next(csv.reader(handle), [])


def _frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype({c: "string" for c in REGISTER_COLUMNS})
    for flag in FLAGS:
        frame[flag] = frame[flag] == "1"
    return frame.astype({flag: "bool" for flag in FLAGS}).reset_index(drop=True)


def report_months(raw: Path) -> list[str]:
    """The months with a report file, in order. A folder that is not month=YYYY-MM, or one
    without its reports.parquet, is an error rather than something silently skipped."""
    folder = raw / "reports"
    if not folder.exists():
        return []
    problems, months = [], []
    for entry in sorted(folder.iterdir()):
        match = _MONTH_FOLDER.fullmatch(entry.name)
        if not entry.is_dir() or not match:
            problems.append(Problem(entry, 0, "not a month folder (reports/month=YYYY-MM/reports.parquet)"))
        elif not (entry / "reports.parquet").is_file():
            problems.append(Problem(entry / "reports.parquet", 0, "file not found"))
        else:
            months.append(match.group(1))
    if problems:
        raise RawDataError(problems)
    return months


def check_report_months(con: duckdb.DuckDBPyConnection, raw: Path, months: list[str] | None = None) -> list[Problem]:
    """Problems of the given months' report files (all months if None), checked in SQL
    against the register in `con` (raw.enterprises): columns and types, the month matching
    its folder, amounts present and not negative, one row per enterprise, enterprises known.
    Rows are numbered from 1 as in the file."""
    problems: list[Problem] = []
    readable: dict[str, Path] = {}
    for month in report_months(raw) if months is None else months:
        path = raw / "reports" / f"month={month}" / "reports.parquet"
        try:
            columns = dict(con.execute("select column_name, column_type from (describe select * from read_parquet(?, hive_partitioning = false))",
                                       [str(path)]).fetchall())
        except duckdb.Error as exc:
            problems.append(Problem(path, 0, f"cannot read as Parquet: {exc}"))
            continue
        wrong = [f"{c} ({columns.get(c, 'missing')}, expected {t})" for c, t in REPORT_COLUMNS.items()
                 if columns.get(c) != t and not (t == "DOUBLE" and columns.get(c, "").startswith(("DECIMAL", "FLOAT")))]
        if wrong:
            problems.append(Problem(path, 0, "columns: " + ", ".join(wrong)))
        else:
            readable[str(path)] = path
    if not readable:
        return problems
    # One month at a time: the duplicate check hashes each file's credit codes, and all
    # months at once (60 million keys) took 17 GB; per file, at most MAX_PROBLEMS_PER_CHECK.
    checks = f"""
        with r as (
            select *, file_row_number + 1 as row_number,
                   regexp_extract(filename, 'month=([0-9-]+)', 1) as folder_month
            from read_parquet(?, file_row_number = true, filename = true, hive_partitioning = false)
        ),
        found as (
            select filename, row_number, 'month ' || coalesce(month, 'NULL') || ' differs from its folder ('
                   || folder_month || ')' as reason from r where month is distinct from folder_month
            union all
            select filename, row_number, 'output_value or revenue missing or negative' from r
                where output_value is null or revenue is null or output_value < 0 or revenue < 0
            union all
            select filename, min(row_number), 'credit code ' || uscc || ' reported more than once' from r
                group by filename, uscc having count(*) > 1
            union all
            select filename, row_number, 'credit code ' || coalesce(uscc, 'NULL') || ' is not in the register' from r
                where not exists (select 1 from raw.enterprises as e where e.uscc = r.uscc)
        )
        select filename, row_number, reason from found
        qualify row_number() over (partition by filename order by row_number, reason) <= {MAX_PROBLEMS_PER_CHECK}
        order by filename, row_number, reason"""
    for name, path in readable.items():
        rows = con.execute(checks, [name]).fetchall()
        problems.extend(Problem(path, row, reason) for _, row, reason in rows)
    return problems
