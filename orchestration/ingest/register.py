"""The enterprise register (raw/register/enterprises.csv) and the monthly reports
(raw/reports/month=YYYY-MM/reports.parquet).

Both are checked in DuckDB SQL (the register's credit codes with their check characters
too); only rows with a problem come back to Python, to be named.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from orchestration import settings
from orchestration.ingest.raw_inputs import Problem, RawDataError
from orchestration.ingest.uscc import ALPHABET, ORG_WEIGHTS, WEIGHTS
from orchestration.ingest.uscc import problem as uscc_problem

REGISTER_COLUMNS = ["uscc", "name", "region_code", "industry_code", "sei_code", "above_scale", "high_tech",
                    "specialized", "gazelle", "champion"]
FLAGS = REGISTER_COLUMNS[5:]
REPORT_COLUMNS = {"uscc": "VARCHAR", "month": "VARCHAR", "output_value": "DOUBLE", "revenue": "DOUBLE"}
MAX_PROBLEMS_PER_CHECK = 20
_MONTH_FOLDER = re.compile(r"month=(\d{4}-(0[1-9]|1[0-2]))")


def uscc_valid_sql(code: str) -> str:
    """A SQL expression true when `code` is a valid credit code: the same rules as
    orchestration.ingest.uscc.problem (shape, organisation code check, check character), so the
    register's half a million codes are checked in one DuckDB pass."""
    first17 = " + ".join(f"(strpos('{ALPHABET}', substr({code}, {i + 1}, 1)) - 1) * {w}" for i, w in enumerate(WEIGHTS))
    org = " + ".join(f"(case when substr({code}, {9 + i}, 1) between '0' and '9' then ascii(substr({code}, {9 + i}, 1)) - 48"
                     f" else ascii(substr({code}, {9 + i}, 1)) - 55 end) * {w}" for i, w in enumerate(ORG_WEIGHTS))
    return (f"(coalesce(regexp_full_match({code}, '[0-9A-HJ-NPQRTUWXY]{{2}}[0-9]{{6}}[0-9A-HJ-NPQRTUWXY]{{10}}'), false)"
            f" and substr({code}, 17, 1) = (case 11 - ({org}) % 11 when 10 then 'X' when 11 then '0'"
            f" else cast(11 - ({org}) % 11 as varchar) end)"
            f" and substr({code}, 18, 1) = substr('{ALPHABET}', (31 - ({first17}) % 31) % 31 + 1, 1))")


@dataclass(frozen=True)
class Register:
    """The checked register: loaded into a database by SQL straight from the CSV, never
    through pandas (half a million rows)."""

    path: Path | None  # None: raw/ has no register
    rows: int

    def __len__(self) -> int:
        return self.rows

    def load_into(self, con: duckdb.DuckDBPyConnection, schema: str = "raw", name: str = "enterprises") -> None:
        """Create or replace schema.name: the register's columns, trimmed, flags as booleans."""
        con.execute(f"create schema if not exists {schema}")
        if self.path is None:
            columns = ", ".join(f"cast(null as {'boolean' if c in FLAGS else 'varchar'}) as {c}" for c in REGISTER_COLUMNS)
            con.execute(f"create or replace table {schema}.{name} as select {columns} where false")
            return
        flags = ", ".join(f"{flag} = '1' as {flag}" for flag in FLAGS)
        con.execute(f"create or replace table {schema}.{name} as select {', '.join(REGISTER_COLUMNS[:5])}, {flags}"
                    f" from ({_register_sql()})", [str(self.path)])


def _register_sql() -> str:
    """The register CSV (parameter: its path), every column trimmed ('' for empty), in file
    order (preserve_insertion_order)."""
    stripped = ", ".join(f"coalesce(regexp_replace({c}, '^\\s+|\\s+$', '', 'g'), '') as {c}" for c in REGISTER_COLUMNS)
    return (f"select {stripped} from read_csv(?, header = true, all_varchar = true, delim = ',',"
            " quote = '\"', escape = '\"')")


def load_register(raw: Path, reference: dict[str, pd.DataFrame]) -> Register:
    """Check the register in DuckDB (one read of the CSV); only the rows with a problem come
    back to Python, to be named. Row numbers count the header as row 1, as a spreadsheet
    shows them."""
    path = raw / "register" / "enterprises.csv"
    if not path.exists():
        return Register(None, 0)
    if path.is_symlink():
        raise RawDataError([Problem(path, 0, "a symbolic link, not read: raw/ holds regular files only")])
    header = read_rows_header(path)
    missing = [c for c in REGISTER_COLUMNS if c not in header]
    extra = [c for c in header if c not in REGISTER_COLUMNS]
    if missing or extra:
        reasons = ([f"missing column(s): {', '.join(missing)}"] if missing else []) + \
                  ([f"unexpected column(s): {', '.join(repr(c) for c in extra)}"] if extra else [])
        raise RawDataError([Problem(path, 1, "; ".join(reasons))])
    regions = reference["regions"]
    counties = regions.loc[regions["level"] == "county", ["region_code"]]
    industries = reference["industries"][["industry_code"]]
    flags_ok = " and ".join(f"{flag} in ('0', '1')" for flag in FLAGS)
    with duckdb.connect(config={"memory_limit": settings.duckdb_memory_limit()}) as con:
        con.register("counties", counties)
        con.register("industries", industries)
        try:
            con.execute(f"create table register as {_register_sql()}", [str(path)])
        except duckdb.Error as exc:
            raise RawDataError([Problem(path, 0, f"cannot read as a UTF-8 CSV: {exc}")]) from exc
        rows = con.execute("select count(*) from register").fetchone()[0]
        problem_rows = con.execute(f"""
            select * from (
                select rowid + 2 as line, uscc, region_code, industry_code, sei_code,
                       not {uscc_valid_sql('uscc')} as bad_code,
                       row_number() over (partition by uscc order by rowid) > 1 as duplicate,
                       region_code not in (select region_code from counties) as bad_region,
                       industry_code not in (select industry_code from industries) as bad_industry,
                       sei_code <> '' and sei_code not in (select industry_code from industries) as bad_sei,
                       not ({flags_ok}) as bad_flags
                from register)
            where bad_code or duplicate or bad_region or bad_industry or bad_sei or bad_flags
            order by line""").fetchall()
    if problem_rows:
        raise RawDataError([problem for row in problem_rows for problem in _register_problems(path, *row)])
    return Register(path, rows)


def _register_problems(path: Path, line: int, uscc: str, region_code: str, industry_code: str, sei_code: str,
                       bad_code: bool, duplicate: bool, bad_region: bool, bad_industry: bool, bad_sei: bool,
                       bad_flags: bool) -> list[Problem]:
    """The problems of one register row, in the order they are reported."""
    reasons = [
        (bad_code, uscc_problem(uscc) or f"credit code {uscc!r} is not valid"),
        (duplicate, f"duplicate credit code {uscc}"),
        (bad_region, f"region_code {region_code!r} is not a county of reference/regions.csv"),
        (bad_industry, f"unknown industry_code {industry_code!r}"),
        (bad_sei, f"unknown sei_code {sei_code!r}"),
        (bad_flags, "flags must be 0 or 1: " + ", ".join(FLAGS)),
    ]
    return [Problem(path, line, reason) for flagged, reason in reasons if flagged]


def read_rows_header(path: Path) -> list[str]:
    """The header row (a UTF-8 byte order mark is accepted)."""
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        return next(csv.reader(handle), [])


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


# The month sums a build keeps (fct_industry_month reads them): county × industry class, in
# the decimal arithmetic of the reports (one decimal of 万元, summed exactly, in yuan).
MONTH_SUMS = "report_month_sums"
MONTH_SUMS_COLUMNS = ("region_code varchar, industry_code varchar, month varchar, reporting_enterprises bigint, "
                      "output_value decimal(38, 2), revenue decimal(38, 2)")


def check_report_months(con: duckdb.DuckDBPyConnection, raw: Path, months: list[str] | None = None) -> list[Problem]:
    """Problems of the given months' report files (all months if None), checked in SQL
    against the register in `con` (raw.enterprises): columns and types, the month matching
    its folder, amounts present and not negative, one row per enterprise, enterprises known.
    Rows are numbered from 1 as in the file. The sums of the same pass are left in the
    temporary table `report_month_sums` (sum_report_months keeps them)."""
    return _month_pass(con, raw, report_months(raw) if months is None else months, f"temp.{MONTH_SUMS}")


def sum_report_months(con: duckdb.DuckDBPyConnection, raw: Path, months: list[str]) -> list[Problem]:
    """One read of each given month's report file that both checks it (check_report_months)
    and sums it by county and industry class into raw.report_month_sums, which holds exactly
    these months afterwards (fct_industry_month adds them to what it holds). Problems are
    returned; the sums are only worth keeping when there are none."""
    con.execute("create schema if not exists raw")
    return _month_pass(con, raw, months, f"raw.{MONTH_SUMS}")


def _month_pass(con: duckdb.DuckDBPyConnection, raw: Path, months: list[str], sums: str) -> list[Problem]:
    con.execute(f"create or replace {'temp ' if sums.startswith('temp.') else ''}table {sums} ({MONTH_SUMS_COLUMNS})")
    problems: list[Problem] = []
    readable: dict[str, tuple[Path, str]] = {}
    for month in months:
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
            readable[str(path)] = (path, month)
    # One month at a time: the duplicate check hashes each file's credit codes, and all
    # months at once (60 million keys) took 17 GB. Each file is read once, counting each
    # kind of problem in the pass that sums it; its rows are named (a second read, at most
    # MAX_PROBLEMS_PER_CHECK per check) only when a counter is not zero.
    for name, (path, month) in readable.items():
        if any(_summed_with_problem_counts(con, name, month, sums)):
            rows = con.execute(_NAMED_PROBLEMS, [name]).fetchall()
            problems.extend(Problem(path, row, reason) for _, row, reason in rows)
    return problems


def _summed_with_problem_counts(con: duckdb.DuckDBPyConnection, name: str, month: str,
                                sums: str) -> tuple[int, int, int, int]:
    """The month's sums by county and industry class appended to `sums`, and in the same
    pass each kind of problem counted: wrong month, missing or negative amount, duplicate
    credit code (an enterprise is in one county and class, so its repeats fall in one
    group; unknown ones in the group without a county), enterprise not in the register."""
    con.execute(f"""
        create or replace temp table _month_pass as
        select e.region_code, e.industry_code, count(*) as reporting_enterprises,
               cast(sum(cast(r.output_value as decimal(18, 1))) * 10000 as decimal(38, 2)) as output_value,
               cast(sum(cast(r.revenue as decimal(18, 1))) * 10000 as decimal(38, 2)) as revenue,
               count(*) filter (where r.month is distinct from $month) as wrong_month,
               count(*) filter (where r.output_value is null or r.revenue is null
                                or r.output_value < 0 or r.revenue < 0) as bad_amounts,
               count(r.uscc) - count(distinct r.uscc) as duplicates,
               count(*) filter (where e.uscc is null) as unknown
        from read_parquet($name, hive_partitioning = false) as r
        left join raw.enterprises as e on e.uscc = r.uscc
        group by all""", {"month": month, "name": name})
    con.execute(f"insert into {sums} select region_code, industry_code, ?, reporting_enterprises, output_value, revenue"
                " from _month_pass where region_code is not null", [month])
    counts = con.execute("select coalesce(sum(wrong_month), 0), coalesce(sum(bad_amounts), 0),"
                         " coalesce(sum(duplicates), 0), coalesce(sum(unknown), 0) from _month_pass").fetchone()
    con.execute("drop table _month_pass")
    return counts


# The rows behind non-zero counters, by file and row (parameter: the file).
_NAMED_PROBLEMS = f"""
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
