"""The real-document development corpus in raw/ (docs/corpus.md, issue 15 point 4): at least
20 public documents from at least 8 provinces, none from the provinces kept for independent
evaluation, each with its source URL and curated figures."""

import csv
from pathlib import Path

from tests.conftest import RAW

SEED_DOCS = {"taian-immunity-economy-2022", "heze-sei-briefing-2024"}
KEPT_FOR_EVALUATION = {"370000", "330000", "440000"}  # Shandong, Zhejiang, Guangdong


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _province(code: str, parents: dict[str, str]) -> str:
    while parents.get(code):
        code = parents[code]
    return code


def test_corpus_shape():
    """≥ 20 corpus documents from ≥ 8 provinces, none from Shandong, Zhejiang or Guangdong;
    every one names the web page it was copied from and has curated figures."""
    parents = {r["region_code"]: r["parent_code"] for r in _rows(RAW / "reference" / "regions.csv")}
    corpus = [d for d in _rows(RAW / "documents" / "documents.csv") if d["doc_id"] not in SEED_DOCS]
    provinces = {_province(d["region_code"], parents) for d in corpus}
    assert len(corpus) >= 20
    assert len(provinces) >= 8, sorted(provinces)
    assert not provinces & KEPT_FOR_EVALUATION
    for doc in corpus:
        assert doc["source"].startswith(("http://", "https://")), doc["doc_id"]
        figures = RAW / "figures" / f"{doc['doc_id']}.csv"
        assert figures.exists() and _rows(figures), doc["doc_id"]
