"""Every kind of bad input is refused by `regstat build` before anything starts: in process,
ingest validation only (no dbt, no Dagster), in seconds.

Each case corrupts a private copy of raw/ and asserts that the build exits non-zero, names
the file (and the line where there is one) with the reason, prints no Python traceback,
and leaves the published warehouse file byte for byte as it was. Slower end-to-end cases
(a failed check after dbt) stay in tests/e2e/test_bad_input.py.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from orchestration import commands
from orchestration.publish.build_info import file_hashes
from orchestration.ingest.raw_validation import validate_raw
from orchestration.ingest.tables.writers import write_long_csv, write_parquet
from tests.conftest import copy_raw, sha256

HEZE = "heze-sei-briefing-2024"
TAIAN = "taian-immunity-economy-2022"
CATALOG_HEADER = "table_id,file,sheet,layout,encoding,indicator_code,unit,period,source\n"


@dataclass(frozen=True)
class Named:
    """What the error must say: the file, its line (None: the file as a whole), a reason."""

    path: Path
    line: int | None
    reason: str

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}: " if self.line else f"{self.path}: "


# ---------------------------------------------------------------------------- helpers

def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, records: list[dict[str, str]], encoding: str = "utf-8") -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    path.write_bytes(buffer.getvalue().encode(encoding))


def append_row(path: Path, record: dict[str, str]) -> int:
    """Add a row to a CSV file; its line number."""
    records = rows(path)
    write(path, [*records, {k: record.get(k, "") for k in records[0]}])
    return len(path.read_text(encoding="utf-8").splitlines())  # the last line (quotes may span lines)


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def edit_figure(raw: Path, value_text: str, **changes: str) -> tuple[Path, int]:
    path = raw / "figures" / f"{HEZE}.csv"
    records = rows(path)
    index = next(i for i, r in enumerate(records) if r["value_text"] == value_text)
    records[index].update(changes)
    write(path, records)
    return path, line_of(path, records[index]["figure_id"] + ",")  # quotes may span lines


def add_sentence(raw: Path, sentence: str) -> None:
    """Append a sentence to the Heze document, with its sha256 in documents.csv updated."""
    text_path = raw / "documents" / f"{HEZE}.txt"
    data = text_path.read_bytes() + sentence.encode("utf-8")
    text_path.write_bytes(data)
    documents = raw / "documents" / "documents.csv"
    records = rows(documents)
    next(r for r in records if r["doc_id"] == HEZE)["sha256"] = hashlib.sha256(data).hexdigest()
    write(documents, records)


def add_figure(raw: Path, figure_id: str, quote: str, value_text: str, value: str, unit: str,
               kind: str, measure: str) -> tuple[Path, int]:
    path = raw / "figures" / f"{HEZE}.csv"
    line = append_row(path, {
        "figure_id": figure_id, "doc_id": HEZE, "quote": quote, "value_text": value_text, "value": value,
        "unit": unit, "qualifier": "exact", "kind": kind, "period": "2023", "region_code": "371700",
        "industry_code": "SEI0401", "indicator_code": "output_value" if unit != "家" else "enterprise_count",
        "measure": measure, "subject_zh": quote})
    return path, line


def add_relation(raw: Path, relation_id: str, kind: str, figure_ids: str, severity: str = "error") -> tuple[Path, int]:
    path = raw / "relations" / f"{HEZE}.csv"
    line = append_row(path, {"relation_id": relation_id, "doc_id": HEZE, "kind": kind, "figure_ids": figure_ids,
                             "list_open": "false", "severity": severity, "reason": "a test case"})
    return path, line


def add_table(raw: Path, catalog_row: str) -> Path:
    (raw / "tables").mkdir(exist_ok=True)
    (raw / "tables" / "catalog.csv").write_text(CATALOG_HEADER + catalog_row + "\n", encoding="utf-8")
    return raw / "tables"


def long_table() -> pd.DataFrame:
    return pd.DataFrame({"region_code": ["菏泽市"], "industry_code": ["C27"], "period": ["2023"],
                         "indicator_code": ["output_value"], "value": ["1"], "unit": ["万元"]})


# ---------------------------------------------------------------------------- cases
# Each takes a private raw/ copy, corrupts it and returns what the error must name.

def malformed_row(raw: Path) -> list[Named]:
    """A row with too few fields (the existing e2e case)."""
    path = raw / "figures" / f"{HEZE}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, "hz-999,heze-sei-briefing-2024,only three fields\n")
    path.write_text("".join(lines), encoding="utf-8")
    return [Named(path, 4, "expected 14 fields, got 3")]


def every_malformed_row(raw: Path) -> list[Named]:
    """read_rows names every row with the wrong number of fields, not only the first."""
    path = raw / "relations" / f"{TAIAN}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, "ta-r98,too,few\n")
    lines.insert(5, lines[4].rstrip("\n") + ",one,too,many\n")
    path.write_text("".join(lines), encoding="utf-8")
    return [Named(path, 3, "got 3"), Named(path, 6, "got 11")]


def quote_missing(raw: Path) -> list[Named]:
    """A quote that is not in its document (the existing e2e case)."""
    path = raw / "figures" / f"{HEZE}.csv"
    records = rows(path)
    records[4]["quote"] = "这句话不在文件里" + records[4]["value_text"]
    write(path, records)
    return [Named(path, line_of(path, "这句话不在文件里"), "quote not found")]


def unknown_unit(raw: Path) -> list[Named]:
    """A unit not in the reference (the existing e2e case)."""
    path = raw / "figures" / f"{HEZE}.csv"
    records = rows(path)
    records[6]["unit"] = "亿美元"
    write(path, records)
    return [Named(path, line_of(path, "亿美元"), "unknown unit '亿美元'")]


def problems_of_every_kind(raw: Path) -> list[Named]:
    """Problems in documents, figures and relations are all named in one run."""
    documents = raw / "documents" / "documents.csv"
    records = rows(documents)
    records[0]["published_on"] = "2024年"
    write(documents, records)
    figures, figure_line = edit_figure(raw, "869.1", period="2023年")
    relations, relation_line = add_relation(raw, "hz-r98", "part_le_whole", "hz-001;hz-999")
    return [Named(documents, 2, "published_on '2024年' is not an ISO date"),
            Named(figures, figure_line, "bad period '2023年'"),
            Named(relations, relation_line, "unknown figure id 'hz-999'")]


def restatement_of_itself(raw: Path) -> list[Named]:
    path, line = add_relation(raw, "hz-r98", "restatement", "hz-001;hz-001")
    return [Named(path, line, "hz-001 restates itself")]


def restatement_cycle(raw: Path) -> list[Named]:
    """hz-025 restates hz-001 (hz-r18) and hz-001 restates hz-025."""
    path, line = add_relation(raw, "hz-r98", "restatement", "hz-025;hz-001")
    return [Named(path, line_of(path, "hz-r18,"), "restatement cycle"), Named(path, line, "restatement cycle")]


def restated_by_two_first_statements(raw: Path) -> list[Named]:
    """hz-025 already restates hz-001; it cannot restate hz-003 too."""
    path, line = add_relation(raw, "hz-r98", "restatement", "hz-003;hz-025", severity="warn")
    return [Named(path, line, "hz-025 is already a restatement of hz-001")]


def negative_without_decline_word(raw: Path) -> list[Named]:
    """−11.5 where the quote says 增长11.5%."""
    path, line = edit_figure(raw, "11.5", value="-11.5")
    return [Named(path, line, "no decline word")]


def decline_stored_as_growth(raw: Path) -> list[Named]:
    """价格下降1.2% stored as +1.2: a decline keeps its sign."""
    add_sentence(raw, "交通工具价格下降1.2%。")
    path, line = add_figure(raw, "hz-901", "交通工具价格下降1.2%", "1.2", "1.2", "%", "growth_rate", "yoy_growth")
    return [Named(path, line, "下降1.2 is a decline: value must be -1.2")]


def negative_level(raw: Path) -> list[Named]:
    """A level (not a change) cannot be negative, decline word or not."""
    add_sentence(raw, "生物医药企业减少12家。")
    path, line = add_figure(raw, "hz-902", "生物医药企业减少12家", "12", "-12", "家", "actual", "level")
    return [Named(path, line, "only a change")]


def garbage_zip_xlsx(raw: Path) -> list[Named]:
    """An .xlsx that is a zip of garbage ([Content_Types].xml missing)."""
    tables = add_table(raw, "book,book.xlsx,产值,yearbook,,output_value,万元,2023,test")
    with zipfile.ZipFile(tables / "book.xlsx", "w") as archive:
        archive.writestr("garbage.bin", os.urandom(256))
    return [Named(tables / "book.xlsx", None, "cannot read as an .xlsx workbook")]


def random_bytes_xlsx(raw: Path) -> list[Named]:
    tables = add_table(raw, "book,book.xlsx,产值,yearbook,,output_value,万元,2023,test")
    (tables / "book.xlsx").write_bytes(os.urandom(4096))
    return [Named(tables / "book.xlsx", None, "cannot read as an .xlsx workbook")]


def garbage_parquet_table(raw: Path) -> list[Named]:
    tables = add_table(raw, "t,t.parquet,,long,,,,,test")
    (tables / "t.parquet").write_bytes(os.urandom(4096))
    return [Named(tables / "t.parquet", None, "cannot read as Parquet")]


def extra_column_in_parquet_table(raw: Path) -> list[Named]:
    tables = add_table(raw, "t,t.parquet,,long,,,,,test")
    write_parquet(tables / "t.parquet", long_table().assign(note=["x"]))
    return [Named(tables / "t.parquet", 1, "unexpected column(s): 'note'")]


def gbk_table_declared_utf8(raw: Path) -> list[Named]:
    """The line of the first undecodable byte, not a byte offset."""
    tables = add_table(raw, "a,gbk.csv,,long,utf-8,,,,test")
    write_long_csv(tables / "gbk.csv", long_table(), encoding="gbk")
    return [Named(tables / "gbk.csv", 2, "not utf-8 as catalog.csv line 2 says")]


def gbk_figures_file(raw: Path) -> list[Named]:
    """A figures file saved as GBK: the line of the first undecodable byte."""
    path = raw / "figures" / f"{TAIAN}.csv"
    write(path, rows(path), encoding="gbk")
    return [Named(path, 2, "not UTF-8")]


def extra_column(raw: Path) -> list[Named]:
    """A column the contract does not have is refused by name, not loaded into raw.figures."""
    path = raw / "figures" / f"{HEZE}.csv"
    write(path, [{**r, "note": "x"} for r in rows(path)])
    return [Named(path, 1, "unexpected column(s): 'note'")]


def extra_register_column(raw: Path) -> list[Named]:
    path = raw / "register" / "enterprises.csv"
    path.parent.mkdir()
    path.write_text("\ufeffuscc,name,region_code,industry_code,sei_code,above_scale,high_tech,specialized,gazelle,"
                    "champion,phone\n", encoding="utf-8")
    return [Named(path, 1, "unexpected column(s): 'phone'")]


def table_outside_raw(raw: Path) -> list[Named]:
    """A catalog row naming a file outside tables/: never read."""
    tables = add_table(raw, "t,../../../../../../etc/passwd.csv,,long,,,,,test")
    return [Named(tables / "catalog.csv", 2, "not found in tables/")]


def big_stray_file(raw: Path) -> list[Named]:
    """A 50 MB .bin among the figures: named, and (checked below) never hashed."""
    path = raw / "figures" / "dump.bin"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    return [Named(path, None, "not an input of raw/figures/")]


def stray_file_in_documents(raw: Path) -> list[Named]:
    path = raw / "documents" / "notes.docx"
    path.write_bytes(b"PK\x03\x04")
    return [Named(path, None, "not an input of raw/documents/")]


def symlink_out_of_raw(raw: Path) -> list[Named]:
    """A link to /etc/passwd named like an input: never read, never hashed."""
    path = raw / "figures" / "passwd.csv"
    path.symlink_to("/etc/passwd")
    return [Named(path, None, "a symbolic link")]


def symlinked_folder(raw: Path) -> list[Named]:
    path = raw / "reference" / "more"
    path.symlink_to("/etc", target_is_directory=True)
    return [Named(path, None, "a symbolic link")]


def binary_relations_file(raw: Path) -> list[Named]:
    path = raw / "relations" / f"{TAIAN}.csv"
    path.write_bytes(b"relation_id,doc_id\n" + bytes(range(128, 256)))
    return [Named(path, 2, "not UTF-8")]


CASES: list[Callable[[Path], list[Named]]] = [
    malformed_row, every_malformed_row, quote_missing, unknown_unit, problems_of_every_kind,
    restatement_of_itself, restatement_cycle, restated_by_two_first_statements,
    negative_without_decline_word, decline_stored_as_growth, negative_level,
    garbage_zip_xlsx, random_bytes_xlsx, garbage_parquet_table, extra_column_in_parquet_table,
    gbk_table_declared_utf8, gbk_figures_file, extra_column, extra_register_column, table_outside_raw,
    big_stray_file, stray_file_in_documents, symlink_out_of_raw, symlinked_folder, binary_relations_file,
]


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A private raw/ copy and a warehouse holding a published DuckDB file."""
    raw = copy_raw(tmp_path / "raw")
    warehouse = tmp_path / "warehouse"
    warehouse.mkdir()
    with duckdb.connect(str(warehouse / "industry_stats.duckdb")) as con:
        con.execute("create table published_marker as select 42 as answer")
    monkeypatch.setenv("REGSTAT_RAW_DIR", str(raw))
    monkeypatch.setenv("REGSTAT_WAREHOUSE_DIR", str(warehouse))

    def no_build(*args: object, **kwargs: object) -> bool:  # a tripwire: a refused input never gets this far
        raise AssertionError("bad input reached the build")

    monkeypatch.setattr(commands, "run_build", no_build)
    return raw, warehouse


@pytest.mark.parametrize("corrupt", CASES, ids=[case.__name__ for case in CASES])
def test_bad_input_is_named_and_nothing_published_changes(folders, capsys, corrupt):
    """`regstat build` exits 1 within seconds, names every problem's file (and line) with
    its reason, prints no traceback, and the published file is byte for byte unchanged."""
    raw, warehouse = folders
    published = warehouse / "industry_stats.duckdb"
    before = sha256(published)
    expected = corrupt(raw)

    started = time.monotonic()
    code = commands.main(["build", "--quiet"])
    seconds = time.monotonic() - started
    out, err = capsys.readouterr()

    assert code == 1
    assert "Traceback" not in out + err
    for named in expected:
        lines = [line for line in (out + err).splitlines() if named.where in line]
        assert lines, f"{named.where!r} not named in:\n{out}{err}"
        assert any(named.reason in line for line in lines), f"{named.reason!r} not in {lines}"
    assert "NOT published" in out and "FAILED in raw_inputs" in out
    assert sha256(published) == before
    assert seconds < 10, f"refusing bad input took {seconds:.1f} s"


def test_stray_files_and_links_are_never_hashed(tmp_path):
    """file_hashes (what change detection and meta.build_inputs record) skips a 50 MB stray
    file and never follows a link, so neither is read."""
    raw = copy_raw(tmp_path / "raw")
    big_stray_file(raw)
    symlink_out_of_raw(raw)
    symlinked_folder(raw)
    started = time.monotonic()
    hashes = file_hashes(raw)
    assert time.monotonic() - started < 2
    assert not any(name.startswith(("figures/dump.bin", "figures/passwd.csv", "reference/more")) for name in hashes)
    assert f"figures/{HEZE}.csv" in hashes and "documents/documents.csv" in hashes


def test_byte_order_marks_are_accepted(tmp_path):
    """CSV files saved with a UTF-8 byte order mark (Excel's "CSV UTF-8") load as without."""
    raw = copy_raw(tmp_path / "raw")
    plain = validate_raw(raw, 0.05)
    for path in [raw / "figures" / f"{HEZE}.csv", raw / "relations" / f"{TAIAN}.csv",
                 raw / "documents" / "documents.csv", raw / "reference" / "units.csv"]:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    marked = validate_raw(raw, 0.05)
    pd.testing.assert_frame_equal(marked.figures, plain.figures)
    pd.testing.assert_frame_equal(marked.relations, plain.relations)
    assert list(marked.reference["units"].columns) == list(plain.reference["units"].columns)

