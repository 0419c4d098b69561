"""The memory of accepted codes (orchestration.extract.memory): what reviewers chose for a
figure's words is proposed again for the same words in another document, only where the
rules found nothing, and an evaluation never lets a document recall its own curation."""

import datetime

from orchestration.extract.extractor import extract
from orchestration.extract.memory import RECALLED_NOTE, CodeMemory, fill_in, learn_from_raw, memory_key
from orchestration.extract.review_files import candidate_rows
from orchestration.extract.codes import CodeProposer
from orchestration.ingest.raw_inputs import load_reference
from tests.conftest import RAW

PLACES = frozenset({"芜湖市", "芜湖", "江北市", "江北"})


def test_key_keeps_what_the_figure_is_and_drops_where_when_and_how_it_changed():
    """Place, comparison and change words, digits and traditional forms do not make another
    key; a subject that is only a comparison (比上年) has none, so its rate is left to the rules."""
    same = {memory_key(s, PLACES) for s in ("规模以上工业增加值", "芜湖市规上工业增加值比上年增长", "全市規模以上工業增加值增長")}
    assert same == {"规模以上工业增加值"}
    assert memory_key("比上年", PLACES) == memory_key("同比增长", PLACES) == ""
    assert memory_key("增值税", PLACES) != memory_key("企业所得税", PLACES)


def figures(text: str):
    return extract(text, datetime.date(2024, 3, 1)).candidates


def test_recall_takes_the_most_frequent_code_and_leaves_a_document_out():
    """Two documents chose vat_revenue, one another code: the majority is recalled; with one
    of the two left out it is a tie, and a tie recalls nothing. A share named by the same
    words is another figure and recalls nothing."""
    memory = CodeMemory(places=PLACES)
    [vat] = figures("2023年，增值税135.79亿元。")
    for doc, code in (("a", "vat_revenue"), ("b", "vat_revenue"), ("c", "tax_revenue")):
        memory.learn(doc, vat, "ALL", code)
    [growth] = figures("2024年，全市增值税增长12.4%。")
    assert memory.recall(growth) == ("ALL", "vat_revenue")
    assert memory.without("a").recall(vat) == ("ALL", "")
    [share] = figures("2024年，增值税占比35.1%。")
    assert share.measure == "share" and memory.recall(share) == ("", "")


def test_fill_in_keeps_what_the_rules_read_in_the_text():
    """The memory fills an empty indicator and replaces only a fallback industry; an industry
    the rules named stays even when the memory knows another."""
    memory = CodeMemory(places=PLACES)
    candidates = figures("2023年，增值税135.79亿元，汽车产量12万辆。")
    assert [c.subject for c in candidates] == ["增值税", "汽车产量"]
    memory.learn("a", candidates[0], "ALL", "vat_revenue")
    memory.learn("a", candidates[1], "C36", "output_volume")
    filled = fill_in(memory, candidates, ["", "CQ-AUTO"], ["", ""], unnamed_industries=("", "ALL"))
    assert filled == [("ALL", "vat_revenue", True), ("CQ-AUTO", "output_volume", True)]
    assert fill_in(None, candidates, ["", "X"], ["", "y"]) == [("", "", False), ("X", "y", False)]


def test_a_new_document_recalls_what_the_committed_documents_taught():
    """Learned from the committed raw/: a new city's sentence in the words of a curated
    communiqué is proposed the curated indicators: 城市建设维护税, which the reference tables do
    not name so, from the memory, and its review row says the codes were recalled."""
    proposer = CodeProposer(load_reference(RAW))
    memory = learn_from_raw(RAW, proposer.regions.place_names)
    text = "2024年，合肥市契税12.5亿元，城市建设维护税10.3亿元。"
    extraction = extract(text, datetime.date(2025, 2, 1))
    figures, _ = candidate_rows(extraction, "hefei-2024", "340100", proposer, memory)
    by_value = {row["value_text"]: row for row in figures}
    assert by_value["12.5"]["indicator_code"] == "deed_tax_revenue"  # the rules read 契税 (契税收入)
    assert by_value["10.3"]["indicator_code"] == "urban_maintenance_tax_revenue"
    assert RECALLED_NOTE in by_value["10.3"]["note"] and RECALLED_NOTE not in by_value["12.5"]["note"]
    without, _ = candidate_rows(extraction, "hefei-2024", "340100", proposer)
    assert {row["value_text"]: row["indicator_code"] for row in without}["10.3"] != "urban_maintenance_tax_revenue"
