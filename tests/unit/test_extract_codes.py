"""Codes the extractor proposes from the reference tables: regions from place names in the
quote (the complete GB/T 2260 table), industries from the document's title as a fallback."""

import datetime

import pytest

from orchestration.extract import extract
from orchestration.extract.codes import CodeProposer
from orchestration.ingest.raw_inputs import load_reference
from tests.conftest import RAW


@pytest.fixture(scope="module")
def proposer() -> CodeProposer:
    return CodeProposer(load_reference(RAW))


def test_region_from_a_place_name_within_the_documents_region(proposer):
    """青岛市黄岛区 in a Qingdao document is 370211; a figure naming no place keeps the
    document's region; a place outside the document's region (泰安市 in a Qingdao text) is
    not proposed."""
    text = "2023年，青岛市黄岛区规上工业增加值增长5%。全市企业100家。泰安市企业20家。"
    found = extract(text, datetime.date(2024, 3, 1)).candidates
    assert [proposer.region(c, "370200") for c in found] == ["370211", "370200", "370200"]
    assert proposer.region(found[2], "370000") == "370900"


def test_short_place_names_and_municipalities(proposer):
    """黄岛 without its unit still names 370211; 北京市 in a national text is the province
    110000, not its districts' city 110100 of the same name."""
    found = extract("黄岛企业30家。北京市企业40家。", datetime.date(2024, 3, 1)).candidates
    assert proposer.region(found[0], "370200") == "370211"
    assert proposer.regions.propose("北京市", "110000") == "110000"


def test_industry_falls_back_to_the_one_the_title_names(proposer):
    """A figure naming no industry takes the industry the document's title names."""
    found = extract("全市企业100家。", datetime.date(2024, 3, 1)).candidates
    assert proposer.industry(found[0]) == ""
    assert proposer.industry(found[0], proposer.document_industry("关于推动战略性新兴产业高质量发展的实施意见")) == "SEI"
