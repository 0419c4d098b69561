"""Validation of raw/ without running the pipeline: the committed data loads, and each kind
of bad row is reported with its file, line and reason."""

import csv
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from orchestration.ingest.raw_inputs import RawDataError, load_documents, load_figures, load_reference, load_relations

RAW = Path(__file__).resolve().parents[2] / "raw"
TAIAN = "taian-immunity-economy-2022"


def load_all(raw: Path):
    reference = load_reference(raw)
    documents = load_documents(raw, reference)
    figures = load_figures(raw, documents, reference, 0.05)
    return figures, *load_relations(raw, figures)


def edit(path: Path, figure_or_relation_id: str, **changes: str) -> int:
    """Change one row of a CSV file; return its line number."""
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    index = next(i for i, r in enumerate(records) if figure_or_relation_id in r.values())
    records[index].update(changes)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    return index + 2


@pytest.fixture
def raw(tmp_path) -> Path:
    return Path(shutil.copytree(RAW, tmp_path / "raw"))


def test_committed_raw_data_is_valid():
    """All committed figures and relations load, with parsed periods and bounds."""
    figures, relations, members = load_all(RAW)
    assert len(figures) == figures["figure_id"].nunique() >= 75
    assert set(members["figure_id"]) <= set(figures["figure_id"])
    more = figures[figures["value_text"] == "1600多"].iloc[0]
    assert (more["reported_low"], more["reported_high"]) == (1600.0, 1700.0)


def test_exact_counts_have_no_rounding_band():
    """5柱 is exactly five: a count's bounds are [v, v], unlike 869.1亿元's ±0.05."""
    figures, _, _ = load_all(RAW)
    pillars = figures[figures["unit"] == "柱"].iloc[0]
    assert (pillars["reported_low"], pillars["reported_high"]) == (5.0, 5.0)
    output = figures[figures["value_text"] == "869.1"].iloc[0]
    assert output["reported_low"] == pytest.approx(869.05) and output["reported_high"] == pytest.approx(869.15)


def test_bad_unit_factor(raw):
    """A unit whose factor is not a positive number is named with its line."""
    line = edit(raw / "reference" / "units.csv", "万元", factor="-1")
    with pytest.raises(RawDataError, match=rf"units.csv:{line}: unit '万元': factor must be a finite positive number"):
        load_reference(raw)


def test_qualifier_contradicting_value_text(raw):
    """超1亿 written as exact contradicts its own text."""
    line = edit(raw / "figures" / f"{TAIAN}.csv", "超1亿", qualifier="exact")
    with pytest.raises(RawDataError, match=rf"{TAIAN}.csv:{line}: figure ta-\d+: qualifier 'exact' contradicts value_text '超1亿'"):
        load_all(raw)


def test_value_not_matching_value_text(raw):
    """value must be what value_text says."""
    line = edit(raw / "figures" / f"{TAIAN}.csv", "26.65", value="26.5")
    with pytest.raises(RawDataError, match=rf"{TAIAN}.csv:{line}: .*value 26.5 does not match value_text '26.65'"):
        load_all(raw)


def test_relation_with_wrong_arity(raw):
    """A share needs part, whole and share."""
    line = edit(raw / "relations" / "heze-sei-briefing-2024.csv", "share", figure_ids="hz-049;hz-048")
    with pytest.raises(RawDataError, match=rf"heze-sei-briefing-2024.csv:{line}: relation hz-r01: share takes 3 figure ids, got 2"):
        load_all(raw)


def test_all_problems_reported_together(raw):
    """Two bad rows give two lines in one error, so a curator fixes them in one pass."""
    edit(raw / "figures" / f"{TAIAN}.csv", "26.65", unit="亿美元")
    edit(raw / "figures" / f"{TAIAN}.csv", "6000", period="2021年")
    with pytest.raises(RawDataError) as error:
        load_all(raw)
    assert len(error.value.problems) == 2
    assert "unknown unit '亿美元'" in str(error.value) and "bad period '2021年'" in str(error.value)


def add_statement(raw: Path, sentence: str, **figure: str) -> int:
    """Append a sentence to the Tai'an document (its sha256 updated) and a figure quoting
    it; returns the figure's line."""
    text_path = raw / "documents" / f"{TAIAN}.txt"
    data = text_path.read_bytes() + sentence.encode("utf-8")
    text_path.write_bytes(data)
    documents = raw / "documents" / "documents.csv"
    with documents.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    next(r for r in records if r["doc_id"] == TAIAN)["sha256"] = hashlib.sha256(data).hexdigest()
    with documents.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    row = {"doc_id": TAIAN, "quote": sentence.rstrip("。"), "qualifier": "exact", "period": "2023",
           "region_code": "370900", "industry_code": "SEI0401", "subject_zh": "测试", **figure}
    path = raw / "figures" / f"{TAIAN}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        fields = next(csv.reader(handle))
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=fields).writerow(row)
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("sentence, figure, interval", [
    ("价格下降0.3%。", dict(value_text="0.3", value="-0.3", unit="%", kind="growth_rate", indicator_code="output_value",
                         measure="yoy_growth"), (-0.35, -0.25)),
    ("企业减少12家。", dict(value_text="12", value="-12", unit="家", kind="actual", indicator_code="enterprise_count",
                        measure="increment"), (-12.0, -12.0)),
    ("占比回落1.2个百分点。", dict(value_text="1.2", value="-1.2", unit="个百分点", kind="actual",
                              indicator_code="revenue_share", measure="increment"), (-1.25, -1.15)),
    ("产值同比增长-2.1%。", dict(value_text="-2.1", value="-2.1", unit="%", kind="growth_rate",
                            indicator_code="output_value", measure="yoy_growth"), (-2.15, -2.05)),
    ("产值下降超过5%。", dict(value_text="5", value="-5", unit="%", kind="growth_rate", qualifier="at_least",
                          indicator_code="output_value", measure="yoy_growth"), (float("-inf"), -5.0)),
])
def test_signed_declines_load_with_mirrored_bounds(raw, sentence, figure, interval):
    """A decline keeps its sign, and its interval is its size's mirrored: -0.3 exact is
    [-0.35, -0.25], 下降超过5% (-∞, -5]."""
    add_statement(raw, sentence, figure_id="ta-901", **figure)
    figures, _, _ = load_all(raw)
    row = figures.set_index("figure_id").loc["ta-901"]
    assert row["value"] == float(figure["value"])
    assert (row["reported_low"], row["reported_high"]) == pytest.approx(interval)


@pytest.mark.parametrize("sentence, figure, reason", [
    ("价格下降0.3%。", dict(value="0.3", kind="growth_rate", measure="yoy_growth"), "下降0.3 is a decline: value must be -0.3"),
    ("价格上涨0.3%。", dict(value="-0.3", kind="growth_rate", measure="yoy_growth"), "no decline word"),
    ("失业率降至0.3%。", dict(value="-0.3", kind="growth_rate", measure="yoy_growth"), "no decline word"),
    ("价格下降0.3%。", dict(value="-0.3", kind="share", measure="share", indicator_code="revenue_share"),
     "only a change"),
])
def test_wrong_signs_are_named(raw, sentence, figure, reason):
    """The sign is checked against the direction word right before the value text."""
    line = add_statement(raw, sentence, figure_id="ta-901", value_text="0.3", unit="%",
                         **{"indicator_code": "output_value", **figure})
    with pytest.raises(RawDataError, match=rf"{TAIAN}.csv:{line}: figure ta-901: .*{re.escape(reason)}"):
        load_all(raw)


@pytest.mark.parametrize("figure_ids, reason", [
    ("ta-014;ta-014", "ta-014 restates itself"),
    ("ta-020;ta-014", "restatement cycle: ta-014 restates ta-020 restates ta-014"),
    ("ta-015;ta-020", "ta-020 is already a restatement of ta-014"),
    ("ta-020;ta-001", "ta-020 is itself a restatement of ta-014"),
])
def test_restatement_shapes_are_errors(raw, figure_ids, reason):
    """A restatement ties a later statement to one first statement: self-references,
    cycles, two first statements and chains are named with the relation's line."""
    path = raw / "relations" / f"{TAIAN}.csv"
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["ta-r99", TAIAN, "restatement", figure_ids, "", "false", "error", "test"])
    line = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(RawDataError, match=rf"{TAIAN}.csv:{line}: relation ta-r99: {re.escape(reason)}"):
        load_all(raw)
