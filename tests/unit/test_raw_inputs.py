"""Validation of raw/ without running the pipeline: the committed data loads, and each kind
of bad row is reported with its file, line and reason."""

import csv
import shutil
from pathlib import Path

import pytest

from orchestration.raw_inputs import RawDataError, load_documents, load_figures, load_reference, load_relations

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
