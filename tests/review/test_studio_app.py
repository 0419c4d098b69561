"""The review studio's endpoints through Starlette's TestClient, on a private raw/ and
warehouse: the documents list, adding a document (pasted, GBK upload, bad input), versioned
saves, accept with problems tied to their rows, rejections kept in raw/reviews/ and never
proposed again, a missed figure from a selection, and reference rows (page and CLI)."""

from __future__ import annotations

import csv
import html
import socket
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from orchestration.publish.build_info import file_hashes
from orchestration.review.app import create_app
from tests.conftest import copy_raw, regstat

DOC = "jiangbei-report-2024"
TEXT = """江北市工业经济运行情况通报
发布日期：2024-05-10

2023年，全市规模以上工业企业达到1,200家，实现营业收入3500亿元，同比增长8.5%。
全市瞄准“装备、材料、医药”三个核心产业，到2025年，高新技术企业力争达到500家。
"""


@pytest.fixture
def client(tmp_path, monkeypatch):
    raw, warehouse = copy_raw(tmp_path / "raw"), tmp_path / "warehouse"
    monkeypatch.setenv("REGSTAT_RAW_DIR", str(raw))
    monkeypatch.setenv("REGSTAT_WAREHOUSE_DIR", str(warehouse))
    with TestClient(create_app()) as test_client:
        test_client.raw = raw  # type: ignore[attr-defined]
        test_client.review_dir = warehouse / "review"  # type: ignore[attr-defined]
        yield test_client


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def add(client: TestClient, **fields: str):
    data = {"text": TEXT, "region": "370000", "published": "2024-05-10", "doc_id": DOC, **fields}
    return client.post("/documents", data=data, follow_redirects=False)


def state(client: TestClient) -> dict:
    return client.get(f"/api/documents/{DOC}").json()


def save(client: TestClient, data: dict):
    return client.put(f"/api/documents/{DOC}/review",
                      json={"version": data["version"], "figures": data["figures"], "relations": data["relations"]})


def test_documents_list_shows_every_document(client):
    """Each recorded document is listed with its region (code and name), date, kind, figures
    and review state; the curated seeds are `accepted`."""
    page = client.get("/")
    assert page.status_code == 200
    assert 'data-doc="heze-sei-briefing-2024"' in page.text and 'data-doc="taian-immunity-economy-2022"' in page.text
    assert "371700 菏泽市" in page.text and "2024-06-24" in page.text and "briefing" in page.text
    curated = len(read_csv(client.raw / "figures" / "heze-sei-briefing-2024.csv"))
    documents = len(read_csv(client.raw / "documents" / "documents.csv"))  # every one curated into raw/figures
    assert f"{curated} accepted" in page.text and page.text.count("state-accepted") == documents
    seed = client.get("/api/documents/heze-sei-briefing-2024").json()  # curated figures highlighted in place
    assert len(seed["curated"]) == curated
    assert len(seed["curated_relations"]) == len(read_csv(client.raw / "relations" / "heze-sei-briefing-2024.csv"))
    assert all(seed["text"][f["start"]:f["end"]] == f["value_text"] for f in seed["curated"])


def test_add_pasted_document_runs_the_extractor(client):
    """A pasted text is recorded as add-document records it (LF line endings, not the
    browser's CRLF) and its candidates are highlighted in place: each value_text at its offset."""
    response = add(client, text=TEXT.replace("\n", "\r\n"))
    assert response.status_code == 303 and response.headers["location"] == f"/documents/{DOC}"
    assert (client.raw / "documents" / f"{DOC}.txt").read_bytes() == TEXT.encode("utf-8")
    data = state(client)
    assert data["state"] == "new" and len(data["figures"]) == 5 and data["relations"][0]["kind"] == "listed_count"
    for row in data["figures"]:
        assert TEXT[row["start"]:row["end"]] == row["value_text"]
    assert client.get(f"/documents/{DOC}").status_code == 200
    listed = client.get("/").text
    assert f'data-doc="{DOC}"' in listed and "new" in listed


def test_add_records_where_the_text_came_from(client):
    """The form's source URL and publisher are recorded in documents.csv as add-document
    --source records them; without a URL the source is the file's name."""
    url = "https://tjj.example.gov.cn/tjgb/2024/jiangbei.html"
    assert add(client, source=url, publisher="江北市统计局").status_code == 303
    record = {r["doc_id"]: r for r in read_csv(client.raw / "documents" / "documents.csv")}[DOC]
    assert (record["source"], record["publisher"]) == (url, "江北市统计局")
    assert add(client, doc_id="jiangbei-no-url", text=TEXT + "\n").status_code == 303
    record = {r["doc_id"]: r for r in read_csv(client.raw / "documents" / "documents.csv")}["jiangbei-no-url"]
    assert record["source"] == "jiangbei-no-url.txt"


def test_add_gbk_upload(client):
    """An uploaded .txt in GBK is stored as UTF-8; the doc_id comes from the file name."""
    files = {"file": ("jiangbei-gbk.txt", TEXT.encode("gbk"), "text/plain")}
    response = client.post("/documents", data={"region": "370000", "published": "2024-05-10"}, files=files,
                           follow_redirects=False)
    assert response.status_code == 303
    assert (client.raw / "documents" / "jiangbei-gbk.txt").read_text(encoding="utf-8") == TEXT


@pytest.mark.parametrize(("fields", "reason"), [
    ({"region": "999999"}, "regions.csv: unknown region_code '999999'"),
    ({"published": "10.5.2024"}, "published: not an ISO date"),
    ({"text": "  "}, "paste the text or choose a .txt file"),
])
def test_add_refuses_bad_input(client, fields, reason):
    """A bad region, date or an empty text re-shows the form with the reason (file:line where
    there is one), the pasted text kept, and raw/ unchanged."""
    before = file_hashes(client.raw)
    response = add(client, **fields)
    assert response.status_code == 422 and reason in html.unescape(response.text)
    assert file_hashes(client.raw) == before


def test_stale_save_is_refused(client):
    """Two tabs: the second save made from the version both read is refused (409, with a
    message saying so) and the first tab's decision stays in the review file."""
    add(client)
    tab1, tab2 = state(client), state(client)
    tab1["figures"][0]["status"] = "accept"
    assert save(client, tab1).status_code == 200
    tab2["figures"][0]["status"] = "reject"
    refused = save(client, tab2)
    assert refused.status_code == 409 and "changed since this page read it" in refused.json()["error"]
    with (client.review_dir / f"{DOC}.csv").open(encoding="utf-8", newline="") as handle:
        assert next(csv.DictReader(handle))["status"] == "accept"


def test_accept_problems_are_tied_to_their_rows(client):
    """Accepting a row with an empty code or an unknown unit changes nothing in raw/; each
    problem names the review row (figure id, line) and the reason."""
    add(client)
    data = state(client)
    for row in data["figures"]:
        row["status"] = "accept"
    data["figures"][1]["unit"] = "座"
    data["figures"][3]["industry_code"] = ""  # the reviewer cleared a proposed code
    saved = save(client, data)
    before = file_hashes(client.raw)
    response = client.post(f"/api/documents/{DOC}/accept", json={"version": saved.json()["version"]})
    assert response.status_code == 422
    problems = {(p["id"], p["line"]): p["reason"] for p in response.json()["problems"]}
    assert "industry_code is empty" in problems[("c-004", 5)]
    data = state(client)
    data["figures"][3]["industry_code"] = "ALL"  # then ingest's checks run: the unit
    response = client.post(f"/api/documents/{DOC}/accept", json={"version": save(client, data).json()["version"]})
    problems = {(p["id"], p["line"]): p["reason"] for p in response.json()["problems"]}
    assert "unknown unit '座'" in problems[("c-002", 3)]
    assert file_hashes(client.raw) == before


def test_rejections_are_kept_and_never_proposed_again(client):
    """A rejected candidate goes to raw/reviews/<doc_id>.csv with its reason; extracting the
    document again proposes neither it nor the accepted one, only the undecided ones."""
    add(client)
    data = state(client)
    data["figures"][0]["status"] = "accept"
    data["figures"][2].update(status="reject", note="restated elsewhere")
    version = save(client, data).json()["version"]
    early = client.post(f"/api/documents/{DOC}/reextract", json={"version": version})
    assert early.status_code == 422 and "decided rows not yet accepted" in early.json()["error"]  # would lose them
    response = client.post(f"/api/documents/{DOC}/accept", json={"version": version})
    assert response.status_code == 200, response.json()
    assert response.json()["accepted_ids"] == {"c-001": f"{DOC}-001"}
    with (client.raw / "reviews" / f"{DOC}.csv").open(encoding="utf-8", newline="") as handle:
        (rejected,) = list(csv.DictReader(handle))
    assert (rejected["value_text"], rejected["reason"], rejected["offset"]) == ("8.5", "restated elsewhere", str(TEXT.index("8.5")))
    again = client.post(f"/api/documents/{DOC}/reextract", json={"version": response.json()["version"]}).json()
    assert [row["value_text"] for row in again["figures"]] == ["3500", "三", "500"]
    assert [row["value_text"] for row in again["curated"]] == ["1,200"]


def test_missed_figure_from_a_selection(client):
    """Selecting characters the extractor left out makes a candidate: the selection as
    value_text, its clause as the quote (occurring once), the unit written after it."""
    add(client, text=TEXT + "另有科技型中小企业820家。\n")
    data = state(client)
    start = (TEXT + "另有科技型中小企业820家。\n").index("820")
    response = client.post(f"/api/documents/{DOC}/figures", json={"version": data["version"], "start": start,
                                                                   "end": start + 3})
    assert response.status_code == 200, response.json()
    row = next(r for r in response.json()["figures"] if r["figure_id"] == response.json()["figure_id"])
    assert (row["value_text"], row["value"], row["unit"], row["quote"]) == ("820", "820", "家", "另有科技型中小企业820家")
    assert row["start"] == start
    bad = client.post(f"/api/documents/{DOC}/figures", json={"version": response.json()["version"], "start": 0, "end": 3})
    assert bad.status_code == 422 and "not a number as written" in bad.json()["error"]


def test_reference_search_and_add(client):
    """Codes are found by Chinese or English name; a missing row is validated as ingest
    validates (an unknown parent is refused with file:line) and then appended."""
    assert [r["region_code"] for r in client.get("/api/reference/regions?q=泰安").json()["rows"]] == ["370900"]
    assert client.get("/api/reference/industries?q=biomedicine").json()["rows"]
    row = {"region_code": "370211", "name_zh": "黄岛区", "name_en": "Huangdao District", "level": "county",
           "parent_code": "379999"}
    path = client.raw / "reference" / "regions.csv"
    before = path.read_bytes()
    refused = client.post("/api/reference/regions", json=row)
    assert refused.status_code == 422 and "regions.csv:" in refused.json()["error"]
    assert "unknown parent_code '379999'" in refused.json()["error"] and path.read_bytes() == before
    if "370211" in before.decode("utf-8"):  # the complete GB/T 2260 table has it: a duplicate
        assert client.post("/api/reference/regions", json={**row, "parent_code": "370000"}).status_code == 422
        return
    added = client.post("/api/reference/regions", json={**row, "parent_code": "370000"})
    assert added.status_code == 200 and path.read_bytes().startswith(before)
    assert client.get("/api/reference/regions?q=黄岛").json()["rows"][0]["region_code"] == "370211"


def test_cli_reference_add(tmp_path):
    """`regstat reference add industry …` appends a validated row; a duplicate code is
    refused with file:line: reason and exit 1, changing nothing."""
    raw = copy_raw(tmp_path / "raw")
    args = ["reference", "add", "industry", "--industry-code", "JB-CORE", "--name-zh", "江北市核心产业",
            "--name-en", "Jiangbei core industries", "--classification", "local cluster", "--parent-code", "IND"]
    done = regstat(*args, warehouse=tmp_path / "warehouse", raw=raw, timeout=120)
    assert done.returncode == 0 and "industries.csv:" in done.stdout, done.stderr
    path = raw / "reference" / "industries.csv"
    before = path.read_bytes()
    again = regstat(*args, warehouse=tmp_path / "warehouse", raw=raw, timeout=120)
    assert again.returncode == 1 and "duplicate industry_code 'JB-CORE'" in again.stderr
    assert f"{path}:" in again.stderr and path.read_bytes() == before


def test_unknown_document_and_idle_build(client):
    """An unknown doc_id is a 404 page, not a traceback; the build status is idle until one starts."""
    assert client.get("/documents/nope").status_code == 404
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/build").json() == {"state": "idle", "running": False}


def test_review_on_a_busy_port_says_so(tmp_path):
    """`regstat review --port N` on a port already taken exits 2 with the address and a hint,
    not a traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = regstat("review", "--port", str(port), warehouse=tmp_path / "warehouse", timeout=120)
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr


def test_rejected_relation_is_not_proposed_again(client):
    """A rejected candidate relation goes to raw/reviews/ (kind, members' offsets, reason);
    extracting again proposes its undecided figure but not the relation."""
    add(client)
    data = state(client)
    data["figures"][0]["status"] = "accept"
    data["relations"][0].update(status="reject", note="the list names sectors, not the counted industries")
    response = client.post(f"/api/documents/{DOC}/accept", json={"version": save(client, data).json()["version"]})
    assert response.status_code == 200, response.json()
    relation = next(r for r in response.json()["rejected"] if r["item"] == "relation")
    assert (relation["kind"], relation["offset"], relation["value_text"]) == ("listed_count", str(TEXT.index("三个")), "三")
    again = client.post(f"/api/documents/{DOC}/reextract", json={"version": response.json()["version"]}).json()
    assert "三" in [row["value_text"] for row in again["figures"]] and again["relations"] == []
