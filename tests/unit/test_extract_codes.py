"""Codes the extractor proposes from the reference tables: regions from place names in the
quote (the complete GB/T 2260 table), industries from the document's title as a fallback."""

import datetime

import pandas as pd
import pytest

from orchestration.extract import extract
from orchestration.extract.codes import CodeProposer, _level_before
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
    """A figure naming no industry takes the industry the document's title names, else all
    industries (the region's whole economy)."""
    found = extract("全市企业100家。", datetime.date(2024, 3, 1)).candidates
    assert proposer.industry(found[0]) == "ALL"
    assert proposer.industry(found[0], proposer.document_industry("关于推动战略性新兴产业高质量发展的实施意见")) == "SEI"



def test_sectors_by_synonym_and_by_their_place_in_a_ratio(proposer):
    """第三产业 is the reference's 服务业 (TERTIARY); the rate after 第二产业增加值 is the second
    sector's, not named after the rate before it; the parts of 三次产业比例1.2:75.1:23.7 are the
    three sectors in order, each a share of GDP."""
    text = ("上半年，第一产业增加值为16931万元，增长12.1%；第二产业增加值为1080242万元，增长-12.7%；"
            "第三产业增加值为340763万元，增长0.8%。\n三次产业比例为1.2:75.1:23.7。\n")
    found = extract(text, datetime.date(2024, 9, 9)).candidates
    assert proposer.propose_industries(found) == ["PRIMARY"] * 2 + ["SECONDARY"] * 2 + ["TERTIARY"] * 2 + \
        ["PRIMARY", "SECONDARY", "TERTIARY"]
    assert proposer.propose_indicators(found)[-3:] == ["value_added_share_of_gdp"] * 3


def test_traditional_characters_and_changes_of_growth_rates(proposer):
    """規模以上工業增加值 (traditional) is 工业's above-scale value added; its growth's change
    against last month is …_growth_change, its gap to the country's rate …_growth_gap; a
    rate naming no industry takes the level's before it in its quote."""
    text = ("1至2月，廣西規模以上工業增加值增長6.2%，比上月回落0.7個百分點，高於全國1.6個百分點。\n"
            "全市地区生产总值100亿元，比上年增长5%。\n")
    found = extract(text, datetime.date(2016, 3, 29)).candidates
    assert proposer.propose_indicators(found) == [
        "above_scale_industrial_value_added", "above_scale_industrial_value_added_growth_change",
        "above_scale_industrial_value_added_growth_gap", "gdp", "gdp"]
    assert proposer.propose_industries(found)[:3] == ["IND"] * 3
    assert proposer.propose_industries(found)[3:] == ["ALL", "ALL"]


def test_output_in_tonnes_by_its_unit(proposer):
    """产量(吨) is matched as 产量 for a figure in tonnes."""
    (c,) = extract("全县原煤产量1657.8万吨。", datetime.date(2024, 9, 9)).candidates
    assert proposer.propose_indicators([c]) == ["output_tonnes"]


def test_a_section_heading_is_not_the_title(proposer):
    """三、工业和建筑业 is a section of a communiqué: not its title (the first line stands in),
    so 建筑业 is not the document's industry."""
    from orchestration.extract.extractor import infer_title

    text = "2022年，全县经济稳中向好。\n一、综 合\n全县生产总值254.5亿元。\n三、工业和建筑业\n全年工业增加值增长6.3%。\n"
    assert infer_title(text) == "2022年，全县经济稳中向好。"
    assert proposer.document_industry(infer_title(text)) == ""


def test_two_ratios_in_one_sentence_restart_the_sectors(proposer):
    """由上年的17.3:41.2:41.5调整为17.8:39.3:42.9: each ratio's parts are the three sectors."""
    found = extract("三次产业结构由上年的17.3:41.2:41.5调整为17.8:39.3:42.9。", datetime.date(2023, 4, 30)).candidates
    assert proposer.propose_industries(found) == ["PRIMARY", "SECONDARY", "TERTIARY"] * 2


def test_a_paragraph_about_above_scale_industry_names_its_parts_value_added(proposer):
    """After 全市规模以上工业增加值增长3.4% in a paragraph, an industry's 增加值 is above-scale value
    added; 全部工业增加值 and a sector's value added are not; a rate after 41个大类行业 in an earlier
    sentence does not take the count's indicator."""
    text = ("1—10月份，全市规模以上工业增加值同比增长3.4%。其中，金属制品业增加值同比增长43.8%。\n"
            "全年实现全部工业增加值44.37亿元，规模以上工业企业128家。\n")
    extraction = extract(text, datetime.date(2022, 11, 23))
    assert proposer.propose_indicators(extraction.candidates, extraction.text) == [
        "above_scale_industrial_value_added", "above_scale_industrial_value_added", "value_added",
        "above_scale_enterprise_count"]


@pytest.mark.parametrize(("text", "indicator"), [
    ("到2025年，制造业增加值占生产总值比重超过30%。", "value_added_share_of_gdp"),
    ("全年粮食种植面积43907公顷。", "sown_area"),
    ("高技术制造业增加值占规模以上工业增加值的比重为24.5%。", "value_added_share_of_above_scale_industry"),
])
def test_indicator_synonyms_of_national_usage(proposer, text, indicator):
    """占生产总值比重, 种植面积 in 公顷 (not 亩), 占规模以上工业增加值的比重: the reference's names
    by their usual wording."""
    extraction = extract(text, datetime.date(2023, 1, 14))
    assert proposer.propose_indicators(extraction.candidates, extraction.text)[-1] == indicator


@pytest.mark.parametrize(("text", "industry"), [
    ("全县生猪出栏52670头。", "A0313"),
    ("上半年，全市农林牧渔业总产值60.1亿元。", "A"),
    ("全年猪牛羊禽肉产量2.99万吨。", "A-MEAT"),
    ("1—10月份，规模以上高新技术产业增加值占规模以上工业增加值的比重为24.5%。", "HTI"),
])
def test_industries_by_usual_words_and_the_one_named_first(proposer, text, industry):
    """生猪, 农林牧渔业, 猪牛羊禽肉 are the reference's 猪的饲养, 农、林、牧、渔业, 肉类; of two
    industries in a share's subject the first named is the figure's (the second is the whole)."""
    (c,) = extract(text, datetime.date(2024, 9, 9)).candidates
    assert proposer.propose_industries([c]) == [industry]


def indicators_by_value(proposer, text: str, published: datetime.date) -> dict[str, str]:
    """The indicator proposed for each candidate of `text`, by its value as written."""
    extraction = extract(text, published)
    return dict(zip([c.value_text for c in extraction.candidates],
                    proposer.propose_indicators(extraction.candidates, extraction.text)))


def test_an_industrys_rate_and_share_in_an_above_scale_paragraph(proposer):
    """After 规模以上工业增加值 in a paragraph: 汽车增长9.7% is that value added's growth (not the
    growth of the 41 divisions counted before it), 采矿业增加值占比 its share."""
    text = ("上半年，全省规模以上工业增加值增长7.7%。41个大类行业中有35个行业增加值实现增长，汽车增长9.7%。"
            "采矿业增加值占比达96.05%。\n")
    codes = indicators_by_value(proposer, text, datetime.date(2016, 7, 19))
    assert codes["9.7"] == "above_scale_industrial_value_added"
    assert codes["96.05"] == "value_added_share_of_above_scale_industry"


def test_the_aggregate_frames_the_lines_after_it_within_its_section(proposer):
    """规模以上工业增加值 two lines up still frames 装备制造业增长24.4%; a new section (二、投资) does not
    carry it, and its 固定资产投资 frames 第一产业投资 on the next line."""
    text = ("一、工业\n今年前7月，全省规模以上工业增加值同比增长8.4%。\n从三大门类看，采矿业增长11.8%。\n"
            "其中，装备制造业增长24.4%。\n二、投资\n全省固定资产投资增长10%。\n第一产业投资增长5%。\n")
    codes = indicators_by_value(proposer, text, datetime.date(2022, 8, 19))
    assert codes["24.4"] == "above_scale_industrial_value_added"
    assert codes["5"] == "fixed_asset_investment"


def test_a_figure_naming_no_indicator_takes_the_titles(proposer):
    """In 江苏前三季度13个设区市GDP数据出炉, 苏州以18454.4亿元领跑 is a GDP; a share is not."""
    found = extract("苏州以18454.4亿元领跑，占全省比重为19.7%。", datetime.date(2024, 11, 7)).candidates
    assert proposer.propose_indicators(found, "", "江苏前三季度13个设区市GDP数据出炉")[0] == "gdp"
    assert proposer.propose_indicators(found, "", "")[0] == ""
    assert proposer.propose_indicators(found, "", "江苏前三季度13个设区市GDP数据出炉")[1] != "gdp"


def test_a_local_cluster_is_named_without_its_place_in_its_places_title(proposer):
    """泰安免疫力经济产业集群 is the industry of a Tai'an document titled …免疫力经济产业新品牌; the
    same title in a document of another province names no industry."""
    title = "【亮点工作创建】依托泰山资源 抢抓时代机遇全面开创免疫力经济产业新品牌"
    assert proposer.document_industry(title, "370900") == "TA-IMMUNITY"
    assert proposer.document_industry(title, "420000") == ""


def test_a_rate_after_a_level_is_that_levels_growth(proposer):
    """A rate naming nothing (比上年增长4.6%) right after a level in its sentence takes that
    level's industry and indicator, not the first product its quote names (油料 before 水产品),
    nor the generic output: 水产品产量4198吨 is in tonnes, so is its growth."""
    text = "棉花产量3吨,油料产量1535吨,比上年下降1.3%。水产品产量4198吨,比上年增长4.6%。"
    found = extract(text, datetime.date(2023, 3, 1)).candidates
    assert [c.value_text for c in found] == ["3", "1535", "1.3", "4198", "4.6"]
    assert proposer.propose_industries(found) == ["A-COTTON", "A-OILSEED", "A-OILSEED", "A-AQUATIC", "A-AQUATIC"]
    assert proposer.propose_indicators(found)[3:] == ["output_tonnes", "output_tonnes"]


def test_a_counted_name_before_a_rate_is_no_level_of_it(proposer):
    """10种有色金属增长15.3%: 10种 names the product (no candidate), and the rate has no level
    before it (a level closes its clause before the rate); 4198吨,比上年增长4.6% is one."""
    found = extract("单晶硅产量同比增长38.1%,提高6.9个百分点;10种有色金属增长15.3%。水产品产量4198吨,比上年增长4.6%。",
                    datetime.date(2022, 8, 1)).candidates
    assert [c.value_text for c in found] == ["38.1", "6.9", "15.3", "4198", "4.6"]
    codes = ["a", "b", "c", "d"]
    assert [_level_before(found, codes, i) for i in (1, 2, 4)] == ["a", "", "d"]


def test_growth_of_an_industrial_products_output_without_its_level(proposer):
    """集成电路产量增长67.8% and 工业机器人增长61.7% are growths of output in any unit (产品产量),
    their change in points that output's growth change; a farm product's (牛奶产量增长) stays
    in tonnes, and a rate of a 产业 is no growth of a number of industries."""
    text = ("一季度,全市集成电路产量增长67.8%,工业机器人增长61.7%,比上年提高13.1个百分点。"
            "牛奶产量增长11.2%。工业战略性新兴产业产值增长15.6%,其中新能源产业增长34.7%。")
    found = extract(text, datetime.date(2025, 4, 20)).candidates
    codes = dict(zip((c.value_text for c in found), proposer.propose_indicators(found)))
    assert codes["67.8"] == codes["61.7"] == "output_volume"
    assert codes["13.1"] == "output_volume_growth_change"
    assert codes["11.2"] == "output_tonnes"
    assert codes["34.7"] != "industry_count"


def test_contribution_points_and_share_of_growth(proposer):
    """拉动GDP增长0.7个百分点 and 分别拉动增长2.1和2.4个百分点 are contribution points, 贡献率 the
    contribution share: neither a change of GDP's growth nor a share of GDP."""
    text = ("第一产业拉动GDP增长0.7个百分点,第二、三产业分别拉动增长2.1和2.4个百分点,"
            "三次产业对GDP增长的贡献率分别为13.3%、40.4%和46.3%。")
    codes = indicators_by_value(proposer, text, datetime.date(2023, 4, 1))
    assert [codes[v] for v in ("0.7", "2.1", "2.4")] == ["growth_contribution_points"] * 3
    assert [codes[v] for v in ("13.3", "40.4", "46.3")] == ["growth_contribution_share"] * 3


def test_points_of_a_rate_named_in_their_own_clause(proposer):
    """廣西規模以上工業增加值高於全國1.6個百分點 is that value added's growth gap, though no rate
    stands before it; the points after it in its sentence (但比上年同期回落1.0個百分點) change the
    same rate; 较全国平均水平高4.3个百分点 is a gap too (the comparison names an average)."""
    codes = indicators_by_value(proposer, "1至2月,廣西規模以上工業增加值高於全國1.6個百分點,但比上年同期回落1.0個百分點。",
                                datetime.date(2016, 3, 29))
    codes |= indicators_by_value(proposer, "1至10月份,全省规模以上工业实现增加值同比增长14.3%,较1至9月份上升0.3个百分点,"
                                 "较全国平均水平高4.3个百分点。", datetime.date(2012, 11, 20))
    va = "above_scale_industrial_value_added"
    assert [codes[v] for v in ("1.6", "1.0", "0.3", "4.3")] == [
        f"{va}_growth_gap", f"{va}_growth_change", f"{va}_growth_change", f"{va}_growth_gap"]


def test_counts_of_things_above_an_amount(proposer):
    """A count whose subject states a threshold is the reference's count over that amount, of
    the thing the subject ends in: clusters over 1000亿元 and over 100亿元, enterprises whose
    output exceeds 百亿, leading enterprises over 百亿 (not clusters), industries over 万亿; a
    chain of 千亿级 industries has no such count and stays a chain count."""
    text = ("到2025年,战略性新兴产业规模过1000亿元的集群1个,过100亿元的集群5个。产值超百亿企业达到20户。"
            "培育超百亿元的具有核心竞争力的应急产业龙头企业6家左右。全省形成3个万亿产业。"
            "打造30个千亿级现代化产业链。")
    codes = indicators_by_value(proposer, text, datetime.date(2024, 3, 1))
    assert [codes[v] for v in ("1", "5", "20", "6", "3", "30")] == [
        "cluster_count_over_cny100bn", "cluster_count_over_cny10bn", "enterprise_count_output_over_cny10bn",
        "leading_enterprise_count_over_cny10bn", "industry_count_over_cny1tn", "industrial_chain_count"]


def test_counts_of_industrial_divisions(proposer):
    """41个大类行业中有35个行业增加值实现增长 counts the divisions and the growing ones; 13个行业实现
    两位数以上增长 the double-digit ones; 19个行业增长放缓或持平 the slowing ones."""
    text = ("分行业看,41个大类行业中有35个行业增加值实现增长,有13个行业实现两位数以上增长。"
            "与6月比,19个行业增长放缓或持平。")
    codes = indicators_by_value(proposer, text, datetime.date(2016, 7, 19))
    assert [codes[v] for v in ("41", "35", "13", "19")] == [
        "industry_division_count", "growing_division_count", "double_digit_growth_division_count",
        "slowing_division_count"]


def test_enterprises_in_an_above_scale_paragraph(proposer):
    """After 规上工业 in a paragraph an industrial industry's enterprises (汽车制造业企业) are the
    above-scale ones; construction enterprises are so only where their sentence says so (一套表,
    资质等级: the construction survey's threshold), not by a paragraph of above-scale industry."""
    text = ("1至2月,全区规上工业增加值增长6.2%。全区汽车制造业企业共有340家。建筑企业57家。"
            "全县企业一套表联网直报建筑企业58家。")
    codes = indicators_by_value(proposer, text, datetime.date(2016, 3, 29))
    assert codes["340"] == "above_scale_enterprise_count"
    assert codes["57"] == "enterprise_count"
    assert codes["58"] == "above_scale_enterprise_count"


def test_consumer_price_categories(proposer):
    """食品价格上涨3.3% is the food category (CPI-FOOD-ONLY) of consumer prices (the category's
    bracket in the reference names its index); in a paragraph of 城市居民消费价格 the urban index."""
    found = extract("食品价格上涨3.3%。", datetime.date(2023, 3, 1)).candidates
    assert proposer.propose_industries(found) == ["CPI-FOOD-ONLY"]
    assert proposer.propose_indicators(found, "食品价格上涨3.3%。") == ["consumer_prices"]
    text = "2021年,城市居民消费价格比上年上涨1.3%。食品价格下降1.1%。"
    extraction = extract(text, datetime.date(2022, 3, 1))
    assert proposer.propose_indicators(extraction.candidates, extraction.text)[1] == "urban_consumer_prices"


def test_values_distributed_over_listed_items(proposer):
    """分别: the n-th value is the n-th item's, also in the runs after it in the sentence that
    name no list (增长24.8%和19.6%); elliptical items are completed (轻、重工业 → 轻工业, 重工业;
    第二、三产业 → 第二产业, 第三产业); 三次产业…分别 are the three sectors; a category after 等 names
    each item's indicator (教育…等支出 → 教育支出) and makes the items budget functions, not
    industries; 纺织服装服饰业 is 纺织服装、服饰业."""
    text = ("7月份,规模以上轻、重工业增加值分别为173.4亿元和410.2亿元,增长24.8%和19.6%。"
            "第二、三产业分别拉动增长2.1和2.4个百分点,三次产业对GDP增长的贡献率分别为13.3%、40.4%和46.3%。"
            "其中:一般公共服务、教育、科学技术、社会保障和就业等支出同比增速分别为-9.4%、23.0%、43.1%、26.4%。"
            "金属制品业、纺织服装服饰业增加值同比分别增长43.8%、12.2%。"
            "医疗卫生与计划生育、节能环保、公共安全等支出增速分别为17.0%、223.2%、12.5%。")
    found = extract(text, datetime.date(2023, 3, 1)).candidates
    values = [c.value_text for c in found]
    industries = dict(zip(values, proposer.propose_industries(found)))
    indicators = dict(zip(values, proposer.propose_indicators(found)))
    assert [industries[v] for v in ("173.4", "410.2", "24.8", "19.6")] == ["LIGHT", "HEAVY", "LIGHT", "HEAVY"]
    assert [industries[v] for v in ("2.1", "2.4", "13.3", "40.4", "46.3")] == [
        "SECONDARY", "TERTIARY", "PRIMARY", "SECONDARY", "TERTIARY"]
    assert [indicators[v] for v in ("-9.4", "23.0", "43.1", "26.4")] == [
        "expenditure_general_public_services", "expenditure_education", "expenditure_science_technology",
        "expenditure_social_security_employment"]
    assert [industries[v] for v in ("43.8", "12.2")] == ["C33", "C18"]
    # budget functions (节能环保…等支出) are no industries
    assert [industries[v] for v in ("17.0", "223.2", "12.5")] == ["ALL"] * 3


def test_names_as_statistical_prose_writes_them(proposer):
    """增值税 is 增值税收入, 失业人员再就业 the 人数 of 失业人员再就业人数, 人均GDP 人均地区生产总值,
    财政一般预算支出 the 一般公共预算支出; 国家级 counts no countries."""
    text = ("全年实现一般公共预算收入361.20亿元,其中,增值税135.79亿元。全年新增城镇就业人员7.27万人,"
            "其中失业人员再就业2.78万人。人均GDP达到47758元。全年财政一般预算支出68.81亿元。拥有4个国家级先进制造业集群。")
    codes = indicators_by_value(proposer, text, datetime.date(2023, 3, 1))
    assert [codes[v] for v in ("135.79", "2.78万", "47758", "68.81")] == [
        "vat_revenue", "reemployed_unemployed", "gdp_per_capita", "general_budget_expenditure"]
    assert codes["4"] != "country_count"


def test_a_share_is_of_its_part_and_points_after_it_change_it(proposer):
    """占规模以上工业增加值比重为11.9% after 高技术制造业增加值增长19.1% is the part's (高技术制造业), not
    the whole's named after 占; a rate after a share (占比为95.56%,同比下降15.4%) is of the share's
    industry; 城镇化率为74.46%,提高0.91个百分点 changes the rate (…_change); 建筑业增加值 in an
    above-scale paragraph stays value added."""
    text = ("规模以上工业中,高技术制造业增加值比上年增长19.1%,占规模以上工业增加值比重为11.9%。"
            "分行业看,采矿业增加值占比达96.05%,特别是煤炭开采和洗选业占比为95.56%,同比下降15.4%。"
            "常住人口城镇化率为74.46%,提高0.91个百分点。全年实现建筑业增加值35.22亿元,同比增长6.9%。")
    extraction = extract(text, datetime.date(2024, 3, 1))
    values = [c.value_text for c in extraction.candidates]
    industries = dict(zip(values, proposer.propose_industries(extraction.candidates)))
    indicators = dict(zip(values, proposer.propose_indicators(extraction.candidates, extraction.text)))
    assert industries["11.9"] == industries["19.1"] == "HTM"
    assert industries["15.4"] == "B06"
    assert indicators["0.91"] == "urbanization_rate_change"
    assert indicators["35.22"] == indicators["6.9"] == "value_added"


def test_a_certified_kind_of_enterprise_names_no_industry(proposer):
    """高新技术企业 is a certification (the count high_tech_enterprise_count), not the 高新技术产业:
    the figure takes the document's industry; a rate is no growth of a count the title names
    (…设区市GDP: 淮安以7%的增速 is GDP's growth, not a number of cities)."""
    (c,) = extract("国家高新技术企业数量达到600家。", datetime.date(2024, 3, 1)).candidates
    assert proposer.propose_industries([c], "SEI") == ["SEI"]
    (rate,) = extract("淮安以7%的增速脱颖而出。", datetime.date(2024, 10, 30)).candidates
    assert proposer.propose_indicators([rate], "淮安以7%的增速脱颖而出。", "江苏前三季度13个设区市GDP数据出炉") == ["gdp"]


def test_housing_sales_and_economic_growth(proposer):
    """商品房销售面积 is the real-estate industry's; 全市经济增长5.2% is GDP's growth."""
    extraction = extract("商品房销售面积2264.0万平方米,增长21.8%。全市经济增长5.2%。", datetime.date(2024, 3, 1))
    found = extraction.candidates
    assert proposer.propose_industries(found)[:2] == ["K", "K"]
    assert proposer.propose_indicators(found, extraction.text)[2] == "gdp"


def test_region_of_a_figure_spanning_places_or_following_another(proposer):
    """唐山开平、张家口怀安2个示范基地 spans two cities: the province; the next clause's 6个 is not
    怀安's (the places were the earlier figure's); 郓城县…3个…和1个 share their subject; in a
    分别 list of places the k-th value is the k-th place's, a single place is every value's."""
    text = ("深入推进唐山开平、张家口怀安2个国家应急产业示范基地建设,打造6个省级应急产业示范基地。"
            "郓城县重点打造3个产业聚集区和1个医疗辅料包装产业园区。")
    found = extract(text, datetime.date(2020, 6, 1)).candidates
    assert [proposer.region(c, "130000") for c in found[:2]] == ["130000", "130000"]
    assert [proposer.region(c, "371700") for c in found[2:]] == ["371725", "371725"]
    (first, last) = extract("常州、徐州等城市总量分别超过7000亿元和6000亿元。", datetime.date(2024, 11, 7)).candidates
    assert [proposer.region(first, "320000"), proposer.region(last, "320000")] == ["320400", "320300"]
    (one, other) = extract("青岛市规上工业增加值和营业收入分别增长5%和6%。", datetime.date(2024, 11, 7)).candidates
    assert [proposer.region(one, "370000"), proposer.region(other, "370000")] == ["370200", "370200"]


def test_growth_of_investment_is_of_fixed_asset_investment(proposer):
    """工业投资增长42.4% and its change in points are fixed-asset investment's (what statistics
    publish growth of); a project's 总投资181.3亿元 stays investment."""
    text = "今年1月—7月,云南工业投资增长42.4%,比上半年提高1.4个百分点。签约项目16个,总投资181.3亿元。"
    extraction = extract(text, datetime.date(2022, 8, 20))
    codes = dict(zip((c.value_text for c in extraction.candidates),
                     proposer.propose_indicators(extraction.candidates, extraction.text)))
    assert codes["42.4"] == "fixed_asset_investment"
    assert codes["1.4"] == "fixed_asset_investment_growth_change"
    assert codes["181.3"] == "investment"


def test_shares_of_a_whole_the_reference_names(proposer):
    """佔全區規上工業企業數的6.2% is the enterprise-count share (企业数占比); 其中应急装备产业占比60% after
    营业收入…6000亿元 the revenue share (营业收入占比); 轻、重工业占比分别为 after above-scale value
    added its share of that value added."""
    text = ("1至2月,全區汽車製造業企業共有340家,佔全區規上工業企業數的6.2%。"
            "力争到2025年,全省应急产业营业收入达到6000亿元以上,其中应急装备产业占比60%以上。"
            "规模以上工业增加值增长7.2%。规模以上工业中,轻工业增加值下降4.5%,重工业增加值增长14%,"
            "轻、重工业占比分别为30.6%和69.4%。")
    codes = indicators_by_value(proposer, text, datetime.date(2020, 6, 1))
    assert codes["6.2"] == "enterprise_count_share"
    assert codes["60"] == "revenue_share"
    assert codes["30.6"] == codes["69.4"] == "value_added_share_of_above_scale_industry"
    found = extract(text, datetime.date(2020, 6, 1)).candidates
    industries = dict(zip((c.value_text for c in found), proposer.propose_industries(found)))
    assert [industries["30.6"], industries["69.4"]] == ["LIGHT", "HEAVY"]


def test_an_increment_after_its_level_and_price_categories(proposer):
    """比上年末增加5.9万人 right after 常住人口373.1万人 changes the resident population; 産量727.19萬噸,
    增長2.0% (traditional) is growth in tonnes; an indicator named …类价格 (居住类价格) is also
    written without 类 (居住价格上涨0.9%)."""
    text = "年末全市常住人口373.1万人,比上年末增加5.9万人。産量727.19萬噸,增長2.0%。"
    codes = indicators_by_value(proposer, text, datetime.date(2023, 3, 1))
    assert codes["5.9万"] == codes["373.1万"] == "resident_population"
    assert codes["2.0"] == codes["727.19"] == "output_tonnes"
    reference = load_reference(RAW)
    row = pd.DataFrame([{"indicator_code": "housing_prices_test", "name_zh": "居住类价格", "name_en": "Housing prices",
                         "measure_type": "index", "canonical_unit": "index"}])
    reference["indicators"] = pd.concat([reference["indicators"], row], ignore_index=True)
    assert indicators_by_value(CodeProposer(reference), "居住价格上涨0.9%。", datetime.date(2023, 3, 1)) == {
        "0.9": "housing_prices_test"}


def test_industry_names_as_written(proposer):
    """石油、煤炭及其它燃料加工业 is the reference's …其他…; 农产品加工企业 are the 农产品加工业's; in
    工业战略性新兴产业 the head (战略性新兴产业) comes last, 工业 only qualifies it."""
    text = "石油、煤炭及其它燃料加工业增长6.3%。农产品加工企业产值同比增长21.2%。工业战略性新兴产业产值增长15.6%。"
    found = extract(text, datetime.date(2023, 3, 1)).candidates
    assert proposer.propose_industries(found) == ["C25", "AGRO-PROCESSING", "SEI"]


def test_a_ratio_its_gap_and_the_whole_of_a_share(proposer):
    """产销率 is 产品销售率, the points above the average after it its gap; 在全區40個大類行業中
    (traditional 個) counts divisions; 新材料占比超过50% after 材料产业规模 is that scale's share."""
    text = ("民营工业企业产品产销率95.9%,高于规模以上工业平均水平1.7个百分点。在全區40個大類行業中。"
            "力争2025年材料产业规模突破2万亿元、其中新材料占比超过50%。")
    codes = indicators_by_value(proposer, text, datetime.date(2023, 3, 1))
    assert [codes["95.9"], codes["1.7"]] == ["sales_output_ratio", "sales_output_ratio_gap"]
    assert codes["40"] == "industry_division_count"
    assert codes["50"] == "industry_scale_share"


def test_points_distributed_over_the_rates_before_them(proposer):
    """…产值增长36.4%,…增加值增长21.3%,分别比全省高7.6和5.8个百分点: 7.6 is the first rate's (its
    industry SEI), 5.8 the second's (HTI, the gap of its value added); 实现营收 is 营业收入."""
    text = ("全市規上工業增加值比上年增長14.1%。"
            "其中,戰略性新興產業產值增長36.4%,高新技術產業增加值增長21.3%,分別比全省高7.6和5.8個百分點。"
            "1-11月份,全市規上工業實現營收5005.18億元。")
    extraction = extract(text, datetime.date(2022, 1, 20))
    found = extraction.candidates
    values = [c.value_text for c in found]
    industries = dict(zip(values, proposer.propose_industries(found)))
    indicators = dict(zip(values, proposer.propose_indicators(found, extraction.text)))
    assert [industries["7.6"], industries["5.8"]] == ["SEI", "HTI"]
    assert indicators["5.8"] == "above_scale_industrial_value_added_growth_gap"
    assert indicators["5005.18"] == "operating_revenue"


def test_product_output_growth_in_the_unit_the_product_is_counted_in(proposer):
    """Without a level, a good counted by weight (单晶硅, 电解铝, 化学肥料) grows in tonnes, one
    counted in pieces (汽车) in any unit; the change of either growth rate is output_volume's;
    水产品产量19.1万吨,增长3.8% stays in its level's tonnes though 水产品产量 holds 产品产量."""
    text = ("今年7月,云南省汽车产量同比增长50.6%;单晶硅产量同比增长38.1%,提高6.9个百分点;其中电解铝增长20.6%。"
            "分产品看,化学肥料增长6.7%。水产品产量19.1万吨,增长3.8%。")
    codes = indicators_by_value(proposer, text, datetime.date(2022, 8, 20))
    assert codes["50.6"] == "output_volume"
    assert [codes[v] for v in ("38.1", "20.6", "6.7")] == ["output_tonnes"] * 3
    assert codes["6.9"] == "output_volume_growth_change"
    assert codes["3.8"] == "output_tonnes"


def test_qualified_names_and_groupings_within_industry(proposer):
    """全社会固定资产投资 is fixed_asset_investment: (不含农户) must be written for the excl_rural
    row; 房地产开发完成投资 is 房地产开发投资, 项目类投资 项目投资; 高技术制造业增加值 is reported for
    above-scale industry only, whether or not the sentence says 规模以上; 工业增加值 (the whole
    of industry) stays value added."""
    text = ("前4月我省全社会固定资产投资8530.9亿元,同比增长12.8%。云南全省固定资产投资(不含农户)同比增长7.4%。"
            "房地产开发完成投资1563.2亿元。其中项目类投资同比增长45.7%。全年高技术制造业增加值比上年增长47.6%。"
            "全年工业增加值比上年增长6.3%。")
    codes = indicators_by_value(proposer, text, datetime.date(2022, 8, 20))
    assert codes["8530.9"] == codes["12.8"] == "fixed_asset_investment"
    assert codes["7.4"] == "fixed_asset_investment_excl_rural"
    assert codes["1563.2"] == "real_estate_development_investment"
    assert codes["45.7"] == "project_investment"
    assert codes["47.6"] == "above_scale_industrial_value_added"
    assert codes["6.3"] == "value_added"


def test_investment_paragraphs_clusters_and_shares_of_a_named_whole(proposer):
    """After 固定资产投资 in a paragraph a sector's rate (三产业增长12.8%) is its part of that
    investment; 集群 counts clusters; 占全部投资比重 is 投资占全部投资比重; 人均地区生产总值(折合
    18083美元) in dollars is the dollar row although 折合美元 is not written together."""
    text = ("前4月我省全社会固定资产投资8530.9亿元,同比增长12.8%。在三次产业中,三产业增长13.5%。"
            "加快打造10个重大先进制造业集群。云南工业投资增长42.4%,占全部投资比重达19.1%。"
            "人均地区生产总值121630元(折合18083美元)。")
    codes = indicators_by_value(proposer, text, datetime.date(2016, 5, 20))
    assert codes["13.5"] == "fixed_asset_investment"
    assert codes["10"] == "cluster_count"
    assert codes["19.1"] == "investment_share"
    assert codes["18083"] == "gdp_per_capita_usd"


def test_industry_kept_across_a_sentence(proposer):
    """全區汽車製造業逆勢發展,實現工業增加值同比增長13.9%: 工业 names the statistic, the sentence is
    about 汽车制造业; 汽车制造业拉动…增长1.4个百分点,贡献率达19.7%: the share is the same
    industry's as the points before it; 全市规模以上工业增加值 stays industry's."""
    text = ("其中,全區汽車製造業逆勢發展,實現工業增加值同比增長13.9%。"
            "汽車製造業拉動全區規上工業增加值增長1.4個百分點,貢獻率達19.7%。全市规模以上工业增加值增长5%。")
    found = extract(text, datetime.date(2016, 3, 29)).candidates
    assert proposer.propose_industries(found) == ["C36", "C36", "C36", "IND"]


def test_counts_of_things_at_a_level(proposer):
    """国家级中小企业特色产业集群30个 counts national clusters, 省级…特色集群 provincial ones, 2个国家
    应急产业示范基地 national demonstration bases; 省市级集群领军企业 counts enterprises (the last
    noun), 国家级、省级、市级…创新平台 no single level's."""
    text = ("累计建成国家级中小企业特色产业集群30个。新认定省级中小企业特色集群50个。"
            "深入推进2个国家应急产业示范基地建设。生物医药类省市级集群领军企业达到7家。"
            "全市国家级、省级、市级生物医药创新平台达到110家。")
    codes = indicators_by_value(proposer, text, datetime.date(2024, 3, 1))
    assert [codes["30"], codes["50"], codes["2"]] == [
        "national_cluster_count", "provincial_cluster_count", "national_demo_base_count"]
    assert not codes["7"].startswith(("national", "provincial"))
    assert not codes["110"].startswith(("national", "provincial"))


def test_counts_named_by_what_happened_to_them(proposer):
    """四项指标均放缓 counts slowing indicators, 11个市…放缓 slowing cities, 16大类商品零售额…增长
    growing commodity classes; a plan's 37项主要指标, 7项指标…超过规划目标要求, 11项指标达到规划目标要求."""
    text = ("但和6月相比,我省工业生产的四项指标均放缓。此外,7月份,11个市工业生产增长比6月份放缓。"
            "16大类商品零售额全部实现增长。37项主要指标基本达到进度要求,已有7项指标实施进度超过规划目标要求,"
            "12项指标达到规划目标要求。")
    codes = indicators_by_value(proposer, text, datetime.date(2013, 8, 1))
    assert [codes[v] for v in ("四", "11", "16", "37", "7", "12")] == [
        "slowing_indicator_count", "slowing_city_count", "growing_commodity_category_count",
        "plan_indicator_count", "indicator_count_ahead_of_plan", "indicator_count_on_plan"]


def test_counts_of_listed_kinds_of_enterprise(proposer):
    """国家、省专精特新、瞪羚、单项冠军个数分别达到33、8、4家: the levels before 专精特新 are one item;
    each value counts its kind of enterprise (专精特新企业, 瞪羚企业, 单项冠军企业)."""
    codes = indicators_by_value(proposer, "获得国家、省专精特新、瞪羚、单项冠军个数分别达到33、8、4家。",
                                datetime.date(2024, 3, 1))
    assert [codes[v] for v in ("33", "8", "4")] == [
        "specialized_sme_count", "gazelle_enterprise_count", "single_champion_count"]
    # words between the kind and 企业 (国家级专精特新“小巨人”企业) keep the kind
    codes = indicators_by_value(proposer, "国家级专精特新“小巨人”企业100家。", datetime.date(2023, 3, 1))
    assert codes["100"] == "specialized_sme_count"


def test_statistic_after_the_last_item_and_share_of_a_levels_statistic(proposer):
    """新能源产业、新能源汽车产业产值分别增长34.7%和61.7%: both are 产值's growth (the word after the
    last item's name); 先进制造业总产值超过10000亿元,占规模以上工业比重达到70%: the share is of 产值 in
    above-scale industry's output, its whole naming no statistic."""
    text = ("工业战略性新兴产业产值增长15.6%,其中新能源产业、新能源汽车产业产值分别增长34.7%和61.7%。"
            "到2025年,全市规模以上先进制造业总产值超过10000亿元,占规模以上工业比重达到70%。")
    codes = indicators_by_value(proposer, text, datetime.date(2020, 6, 1))
    assert codes["34.7"] == codes["61.7"] == "output_value"
    assert codes["70"] == "output_share_of_above_scale_industry"


def test_a_level_naming_itself_borrows_no_name(proposer):
    """契税12.5亿元，城市建设维护税10.3亿元: the second level's clause is its own subject, so it is
    not 契税's (a reviewer, or the memory of accepted codes, names it)."""
    codes = indicators_by_value(proposer, "2024年，合肥市契税12.5亿元，城市建设维护税10.3亿元。", datetime.date(2025, 2, 1))
    assert codes["12.5"] == "deed_tax_revenue"
    assert codes["10.3"] != "deed_tax_revenue"
    # nor from the title when the title is its own line (a text whose first line is this sentence)
    extraction = extract("2024年，合肥市契税12.5亿元，城市建设维护税10.3亿元。", datetime.date(2025, 2, 1))
    assert extraction.title and proposer.propose_indicators(extraction.candidates, extraction.text,
                                                            extraction.title)[1] != "deed_tax_revenue"


def test_autonomous_areas_by_their_usual_names(proposer):
    """临夏州 names the prefecture 临夏回族自治州 (622900), not the city 临夏市 (622901); an
    autonomous county is named the same way (长阳县 → 长阳土家族自治县)."""
    assert proposer.regions.propose("临夏州", "620000") == "622900"
    assert proposer.regions.propose("长阳县", "420000") == "420528"


def test_a_places_local_industries_are_named_without_the_place_there(proposer):
    """In a Chongqing text 汽车产业 is the local pillar industry 重庆汽车产业 (CQ-AUTO), in a
    Sichuan text the national automobile industry; a local cluster (菏泽生物医药产业集群) is
    named as a cluster, so 生物医药 alone stays the national industry even in Heze."""
    [auto] = extract("2025年一季度，汽车产业增加值增长2.4%。", datetime.date(2025, 4, 25)).candidates
    assert proposer.in_region("500000").propose_industries([auto]) == ["CQ-AUTO"]
    assert proposer.in_region("510000").propose_industries([auto]) != ["CQ-AUTO"]
    texts = ("2023年，生物医药产业集群营业收入429亿元。", "2023年，生物医药产业营业收入429亿元。")
    found = [extract(t, datetime.date(2024, 6, 24)).candidates[0] for t in texts]
    assert proposer.in_region("371700").propose_industries(found) == ["HZ-BIOMED-CLUSTER", "SEI0401"]


def test_growth_on_a_named_earlier_year_and_points_after_a_share(proposer):
    """比2019年一季度增长14.5% is the reference's growth on 2019 of the rate's indicator; points
    right after a share (城镇化率为73.55%,提高0.56个百分点) change that share, not the level before."""
    text = "2021年一季度，规模以上工业增加值同比增长15.5%，比2019年一季度增长14.5%。"
    found = extract(text, datetime.date(2021, 4, 19)).candidates
    assert proposer.propose_indicators(found, text)[-1] == "above_scale_industrial_value_added_growth_on_2019"
    text = "2022年末全市常住人口373.1万人;常住人口城镇化率为73.55%,提高0.56个百分点。"
    found = extract(text, datetime.date(2023, 3, 31)).candidates
    assert proposer.propose_indicators(found, text)[-2:] == ["urbanization_rate", "urbanization_rate_change"]


def test_the_whole_region_and_crops_name_their_industry(proposer):
    """In an industry release, 全省固定资产投资 is the whole economy's (ALL), not the release's
    industry; 农作物 and 经济作物 are farming (A01), 油料作物 stays oil crops."""
    text = "今年前7月，云南全省固定资产投资(不含农户)同比增长7.4%。小春农作物总播种面积同比增长2.2%，油料作物产量8.4万吨。"
    found = extract(text, datetime.date(2022, 8, 19)).candidates
    assert proposer.in_region("530000").propose_industries(found, "IND") == ["ALL", "A01", "A-OILSEED"]


def test_abbreviated_and_colloquial_industry_names(proposer):
    """规上服务业 is 规模以上服务业 (the 一套表 services), 猪牛羊禽四种肉产量 is meat output; 汽车产业
    is the manufacturing industry (not the product 汽车), 海洋油气开发产业 oil and gas extraction."""
    text = "力争2025年，汽车产业产值突破50亿元，海洋油气开发产业产值突破200亿元。"
    found = extract(text, datetime.date(2024, 4, 26)).candidates
    assert proposer.in_region("460100").propose_industries(found) == ["C36", "B07"]
    text = "2023年，规上服务业企业188户。猪牛羊禽四种肉产量5989.4吨。"
    found = extract(text, datetime.date(2024, 3, 1)).candidates
    codes = dict(zip((c.value_text for c in found), proposer.in_region("141125").propose_industries(found)))
    assert (codes["188"], codes["5989.4"]) == ("SVC-ABOVE-SCALE", "A-MEAT")


def test_a_level_named_by_its_statistic_alone_is_of_the_product_before_it(proposer):
    """蔬菜收获面积347.40万亩,同比增长0.1%;产量727.19万吨: the output is the vegetables'; a
    statistic alone after a sentence end names nothing of the sentence before."""
    text = "一季度，全市蔬菜收获面积347.40万亩,同比增长0.1%;产量727.19万吨。产量100万吨。"
    found = extract(text, datetime.date(2025, 4, 25)).candidates
    codes = proposer.in_region("500000").propose_industries(found, "", text)
    assert codes[2] == "A-VEG" and codes[3] == "ALL"


def test_a_gap_is_of_the_figure_before_it_not_of_the_base_it_is_compared_with(proposer):
    """民营工业企业产品产销率95.9%,高于规模以上工业平均水平1.7个百分点: the 1.7 points are the
    private enterprises' (the figure before), 规模以上工业 is only the base; 限上商贸企业 are trade;
    a list ending in 等高新产品 is that group's."""
    text = ("1—10月份，民营工业企业产品产销率95.9%,高于规模以上工业平均水平1.7个百分点。限上商贸企业246户。"
            "工业机器人、新能源汽车、锂离子电池等高新产品产量增幅超30%。")
    found = extract(text, datetime.date(2022, 11, 23)).candidates
    codes = proposer.in_region("350500").propose_industries(found, "", text)
    assert codes[1] == codes[0] != "IND" and codes[2:] == ["TRADE-CATERING", "P-HT-PRODUCTS"]


def test_points_joined_to_a_shares_change_change_it_too(proposer):
    """占比分别较1—9月份和上年同期提高0.1和1.2个百分点: both points change the share (the run's
    items are the periods compared, not series)."""
    text = ("1—10月份，全市规模以上高新技术产业增加值占规模以上工业增加值的比重为24.5%,"
            "占比分别较1—9月份和上年同期提高0.1和1.2个百分点。")
    found = extract(text, datetime.date(2022, 11, 23)).candidates
    codes = proposer.propose_indicators(found, text)
    assert codes[1] == codes[2] == "value_added_share_of_above_scale_industry_change"


def test_a_producer_groups_part_after_qizhong_is_of_the_totals_statistic(proposer):
    """原煤产量1657.8万吨;其中,县属企业完成1094.2万吨,同比下降17.1%: the county-owned enterprises'
    part is output too, and so is its rate; a part named by what it is (增值税) is not."""
    text = "上半年，全县原煤产量1657.8万吨,同比下降14.3%;其中,县属企业完成1094.2万吨,同比下降17.1%。"
    found = extract(text, datetime.date(2024, 9, 9)).candidates
    codes = proposer.propose_indicators(found, text)
    assert codes[2] == codes[3] == codes[0] == "output_tonnes"
    text = "全年一般公共预算收入361.20亿元,增长9.0%。其中,城市维护税23.33亿元。"
    found = extract(text, datetime.date(2022, 3, 31)).candidates
    assert proposer.propose_indicators(found, text)[-1] != "general_budget_revenue"


def test_a_slogan_counts_what_its_character_names(proposer):
    """“一港四园”: one industrial port, four industrial parks (产业港数, 产业园区数 in the reference);
    a slogan character no count indicator names proposes none."""
    text = "生物医药产业“一港四园、多点支撑”。打造“一核两翼”。"
    found = extract(text, datetime.date(2024, 6, 24)).candidates
    codes = dict(zip((c.subject for c in found), proposer.propose_indicators(found, text)))
    assert (codes["“一港”"], codes["“四园”"]) == ("industrial_port_count", "industrial_park_count")
    assert codes["“两翼”"] == ""
