"""add-document and accept on a private copy of raw/: the round trip a curator makes, and
bad review files, which must change nothing and name the review file's line and reason."""

import datetime
import hashlib
from pathlib import Path

import pytest

from orchestration.publish.build_info import file_hashes
from orchestration.extract.workflow import accept, add_document
from orchestration.ingest.raw_inputs import RawDataError, load_documents, load_figures, load_reference, load_relations
from tests.conftest import copy_raw, regstat
from tests.conftest import read_csv_rows as read
from tests.conftest import write_csv_rows as write

TEXT = """江北市工业经济运行情况通报
发布日期：2024-05-10

2023年，全市规模以上工业企业达到1,200家，实现营业收入3500亿元，同比增长8.5%。
全市瞄准“装备、材料、医药”三个核心产业，到2025年，高新技术企业力争达到500家。
"""
PUBLISHED = datetime.date(2024, 5, 10)


def load_all(raw: Path):
    reference = load_reference(raw)
    figures = load_figures(raw, load_documents(raw, reference), reference, 0.05)
    return figures, load_relations(raw, figures)[0]


@pytest.fixture
def source(tmp_path) -> Path:
    path = tmp_path / "source" / "jiangbei-report-2024.txt"
    path.parent.mkdir()
    path.write_text(TEXT, encoding="utf-8")
    return path


def review_everything(review: Path, relations: Path) -> None:
    """What a reviewer does here: accept every row, filling the codes left empty."""
    rows = read(review)
    for row in rows:
        row["status"] = "accept"
        row["industry_code"] = row["industry_code"] or "ALL"
    write(review, rows)
    relation_rows = read(relations)
    for row in relation_rows:
        row["status"] = "accept"
    write(relations, relation_rows)


def test_add_document_and_accept_round_trip(tmp_path, source):
    """`regstat add-document` copies the text byte for byte, records its sha256 and writes a
    review file; `regstat accept` moves the reviewed rows into raw/figures and raw/relations
    with stable ids and the web page it came from (--source); the result passes ingest
    validation; a second accept adds nothing."""
    raw, warehouse = copy_raw(tmp_path / "raw"), tmp_path / "warehouse"
    url = "https://example.gov.cn/tjgb/2024/jiangbei.html"
    added = regstat("add-document", str(source), "--region", "370000", "--published", "2024-05-10",
                    "--source", url, warehouse=warehouse, raw=raw, timeout=120)
    assert added.returncode == 0, added.stderr
    copied = raw / "documents" / "jiangbei-report-2024.txt"
    assert copied.read_bytes() == source.read_bytes()
    record = read(raw / "documents" / "documents.csv")[-1]
    assert record["doc_id"] == "jiangbei-report-2024" and record["region_code"] == "370000"
    assert record["source"] == url
    assert record["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    review = warehouse / "review" / "jiangbei-report-2024.csv"
    relations = warehouse / "review" / "jiangbei-report-2024.relations.csv"
    candidates = read(review)
    assert [(r["value_text"], r["unit"], r["kind"]) for r in candidates] == [
        ("1,200", "家", "actual"), ("3500", "亿元", "actual"), ("8.5", "%", "growth_rate"), ("三", "个", "actual"),
        ("500", "家", "target")]
    assert all(r["region_code"] == "370000" and r["status"] == "" for r in candidates)

    review_everything(review, relations)
    accepted = regstat("accept", str(review), "--id-prefix", "jb", warehouse=warehouse, raw=raw, timeout=120)
    assert accepted.returncode == 0, accepted.stderr
    assert "5 figures accepted (jb-001 … jb-005)" in accepted.stdout
    figures, relation_table = load_all(raw)
    mine = figures[figures["doc_id"] == "jiangbei-report-2024"]
    assert list(mine["figure_id"]) == ["jb-001", "jb-002", "jb-003", "jb-004", "jb-005"]
    listed = relation_table[relation_table["doc_id"] == "jiangbei-report-2024"]
    assert list(listed["relation_id"]) == ["jb-r01"] and list(listed["figure_ids"]) == ["jb-004"]
    assert read(review) == [] and read(relations) == []

    again = regstat("accept", str(review), warehouse=warehouse, raw=raw, timeout=120)
    assert again.returncode == 0 and "0 figures accepted" in again.stdout
    assert len(read(raw / "figures" / "jiangbei-report-2024.csv")) == 5


def test_accept_appends_to_a_curated_document(tmp_path):
    """Accepted rows for a document that has figures continue its numbering (hz-059) and
    leave the existing rows byte for byte as they were."""
    raw = copy_raw(tmp_path / "raw")
    figures_file = raw / "figures" / "heze-sei-briefing-2024.csv"
    before = figures_file.read_bytes()
    review = tmp_path / "review" / "heze-sei-briefing-2024.csv"
    review.parent.mkdir()
    row = {**read(figures_file)[43], "figure_id": "c-001", "confidence": "0.95", "status": "accept", "note": ""}
    write(review, [row])
    done = accept(review, raw=raw)
    assert done.new_ids == {"c-001": "hz-059"}
    assert figures_file.read_bytes().startswith(before)
    assert read(figures_file)[-1]["figure_id"] == "hz-059"


@pytest.fixture
def reviewed(tmp_path, source):
    """A document added to a private raw/, its review file fully accepted."""
    raw = copy_raw(tmp_path / "raw")
    added = add_document(source, "370000", PUBLISHED, raw=raw, review_dir=tmp_path / "review")
    review_everything(added.review_path, added.relations_review_path)
    return raw, added.review_path, added.relations_review_path


@pytest.mark.parametrize(("change", "line", "reason"), [
    (lambda rows, rels: rows[1].update(industry_code=""), 3, "row c-002 is accepted but industry_code is empty"),
    (lambda rows, rels: rows[0].update(measure="", subject_zh=""), 2, "measure, subject_zh are empty"),
    (lambda rows, rels: rows[2].update(status="yes"), 4, "status 'yes': expected accept, reject or empty"),
    (lambda rows, rels: rows[1].update(value="350"), 3, "value 350 does not match value_text '3500'"),
    (lambda rows, rels: rows[0].update(quote="全市企业达到1,200家"), 2, "quote not found in document"),
    (lambda rows, rels: rows[4].update(period="2025年"), 6, "bad period '2025年'"),
    (lambda rows, rels: rows[3].update(unit="座"), 5, "unknown unit '座'"),
])
def test_bad_review_rows_change_nothing(reviewed, change, line, reason):
    """A review row missing a required field, with an unknown status, or failing any ingest
    check (value, quote, unit…) stops accept: raw/ and the review file stay as they were,
    and the problem is reported at the review file's line."""
    raw, review, relations = reviewed
    rows = read(review)
    change(rows, None)
    write(review, rows)
    raw_before, review_before = file_hashes(raw), review.read_bytes()
    with pytest.raises(RawDataError) as info:
        accept(review, raw=raw)
    assert file_hashes(raw) == raw_before and review.read_bytes() == review_before
    problems = [p for p in info.value.problems if p.path == review]
    assert problems and problems[0].line == line and reason in problems[0].reason, info.value


def test_relation_on_a_rejected_figure_is_refused(reviewed):
    """An accepted relation must name accepted figures: rejecting its count row is reported
    at the relation's line, and nothing changes."""
    raw, review, relations = reviewed
    rows = read(review)
    rows[3]["status"] = "reject"
    write(review, rows)
    before = file_hashes(raw)
    with pytest.raises(RawDataError) as info:
        accept(review, raw=raw)
    (problem,) = info.value.problems
    assert problem.path == relations and problem.line == 2 and "refers to c-004, not accepted figures" in problem.reason
    assert file_hashes(raw) == before


def test_cli_reports_bad_rows_and_exits_1(tmp_path, reviewed):
    """`regstat accept` prints file:line: reason for each problem, says nothing changed, and
    exits 1."""
    raw, review, _ = reviewed
    rows = read(review)
    rows[0]["kind"] = "forecast"
    write(review, rows)
    result = regstat("accept", str(review), warehouse=tmp_path / "warehouse", raw=raw, timeout=120)
    assert result.returncode == 1
    assert "nothing changed" in result.stderr
    assert f"{review}:2: figure jiangbei-report-2024-001: unknown kind 'forecast'" in result.stderr


def test_add_document_refuses_bad_input(tmp_path, source):
    """An unknown region, or a text already recorded (same sha256), is refused before raw/
    is touched."""
    raw = copy_raw(tmp_path / "raw")
    before = file_hashes(raw)
    with pytest.raises(RawDataError, match="unknown region_code '999999'"):
        add_document(source, "999999", PUBLISHED, raw=raw, review_dir=tmp_path / "review")
    seed = raw / "documents" / "heze-sei-briefing-2024.txt"
    copy = tmp_path / "source" / "heze-again.txt"
    copy.write_bytes(seed.read_bytes())
    with pytest.raises(RawDataError, match="already recorded as 'heze-sei-briefing-2024'"):
        add_document(copy, "371700", datetime.date(2024, 6, 24), raw=raw, review_dir=tmp_path / "review")
    assert file_hashes(raw) == before
