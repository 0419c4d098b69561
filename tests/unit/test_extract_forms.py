"""The extractor on one small sentence per form: numbers, units, qualifiers, ranges,
distributive lists, periods and kinds, stated counts with lists, and what it must skip."""

import datetime
from decimal import Decimal

import pytest

from orchestration.extract import Candidate, extract, infer_published

PUBLISHED = datetime.date(2024, 6, 24)


def candidates(text: str, published: datetime.date = PUBLISHED) -> list[Candidate]:
    return extract(text, published).candidates


def one(text: str, published: datetime.date = PUBLISHED) -> Candidate:
    found = candidates(text, published)
    assert len(found) == 1, [(c.value_text, c.unit) for c in found]
    return found[0]


# ---- numbers ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value_text", "value", "unit"), [
    ("全市实现营业收入869.1亿元。", "869.1", "869.1", "亿元"),
    ("全市规模以上工业企业达到1,200家。", "1,200", "1200", "家"),
    ("全市规上工业总产值12,345,678.9万元。", "12,345,678.9", "12345678.9", "万元"),
    ("省级专精特新中小企业１２８家。", "１２８", "128", "家"),
    ("研发投入约３８．６亿元。", "３８．６", "38.6", "亿元"),
    ("持续用好国资国企和论坛峰会两个平台。", "两", "2", "个"),
    ("推出了养生、保健、益智三大系列产品。", "三", "3", "系列"),
    ("全市共有四十家龙头企业。", "四十", "40", "家"),
    ("新增就业一千二百人。", "一千二百", "1200", "人"),
    ("全市新材料产业从业人员1.2万人。", "1.2万", "12000", "人"),
    ("推出9大类产品。", "9", "9", "大类"),
])
def test_number_forms(text, value_text, value, unit):
    """Decimals, thousands separators, full-width digits, Chinese numerals (两, 三, 四十,
    一千二百), 万 inside the value (1.2万人) and 大 before a classifier read as written."""
    c = one(text)
    assert (c.value_text, c.value, c.unit) == (value_text, Decimal(value), unit)
    assert text[c.start:c.end] == value_text


@pytest.mark.parametrize(("text", "value_text", "value", "unit"), [
    ("吸引了40多家企业来考察。", "40多", "40", "家"),
    ("总投资1600多亿元。", "1600多", "1600", "亿元"),
    ("建成重点项目200余个。", "200余", "200", "个"),
    ("产品远销50余个国家和地区。", "50余", "50", "个"),
    ("带动就业1万多人。", "1万多", "10000", "人"),
])
def test_approximate_forms_are_more_than(text, value_text, value, unit):
    """40多, 1600多亿元, 200余: more_than, the 多/余 kept in the value text (the step needs it)."""
    c = one(text)
    assert (c.value_text, c.value, c.unit, c.qualifier) == (value_text, Decimal(value), unit, "more_than")


@pytest.mark.parametrize(("text", "rows"), [
    ("力争产值年均增长10%-15%。", [("10", "%", "at_least"), ("15", "%", "up_to")]),
    ("建成国家级创新平台8至10个。", [("8", "个", "at_least"), ("10", "个", "up_to")]),
    ("产值年均增长15%—20%。", [("15", "%", "at_least"), ("20", "%", "up_to")]),
    ("新增规上企业30～40家。", [("30", "家", "at_least"), ("40", "家", "up_to")]),
])
def test_ranges_are_two_rows(text, rows):
    """A range is one interval written as two rows: the low end at_least, the high end up_to,
    both in the unit written after the high end."""
    found = candidates(text)
    assert [(c.value_text, c.unit, c.qualifier) for c in found] == rows
    assert all("range" in " ".join(c.notes) for c in found)


# ---- units -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "unit", "value"), [
    ("全市居民人均可支配收入45000元。", "元", "45000"),
    ("投产现场销售金额6000万元。", "万元", "6000"),
    ("实现营业收入429亿元。", "亿元", "429"),
    ("全省地区生产总值突破1.2万亿元。", "万亿元", "1.2"),
    ("屋顶光伏装机容量500千瓦。", "千瓦", "500"),
    ("装机规模达到700万千瓦。", "万千瓦", "700"),
    ("年处理固体废物3000吨。", "吨", "3000"),
    ("正极材料产能达到50万吨。", "万吨", "50"),
    ("高新技术企业72家。", "家", "72"),
    ("集中签约合作项目16个。", "个", "16"),
    ("聘请36位专家顾问。", "位", "36"),
    ("推出21种产品。", "种", "21"),
    ("获得授权发明专利45项。", "项", "45"),
    ("引育高层次人才1500人。", "人", "1500"),
    ("研发投入强度达到2.8%。", "%", "2.8"),
    ("占比达到2.8％。", "%", "2.8"),
    ("比重较上年提高1.8个百分点。", "个百分点", "1.8"),
    ("全员劳动生产率为103797元/人。", "元/人", "103797"),
    ("粮食单产420.5公斤/亩。", "公斤/亩", "420.5"),
])
def test_units(text, unit, value):
    """Every unit of the brief as written; a magnitude before 元/千瓦/吨 forms the compound
    unit of raw/reference/units.csv (万元, 亿元, 万亿元, 万千瓦, 万吨); ％ is written %; a unit
    per another (元/人) is one unit."""
    c = one(text)
    assert (c.unit, c.value) == (unit, Decimal(value))


def test_percentage_points_are_not_percent():
    """个百分点 is a change of a rate: unit 个百分点 (not %), measure increment, and the kind of
    the rate it changes (growth after 增长, share after 比重)."""
    growth = candidates("工业增加值同比增长8.5%，增速较上年提高1.2个百分点。")
    assert [(c.unit, c.kind, c.measure) for c in growth] == [
        ("%", "growth_rate", "yoy_growth"), ("个百分点", "growth_rate", "increment")]
    share = candidates("占全市比重达到42.7%，较上年提高1.8个百分点。")
    assert [(c.unit, c.kind, c.measure) for c in share] == [("%", "share", "share"), ("个百分点", "share", "increment")]


def test_percent_in_words():
    """百分之三十 is 30 %, the numeral after 百分之 being the value text."""
    c = one("本地配套率达到百分之三十。")
    assert (c.value_text, c.value, c.unit) == ("三十", Decimal(30), "%")


# ---- qualifiers ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "qualifier"), [
    ("省级以上创新平台达到400家左右。", "approx"),
    ("研发投入约38.6亿元。", "approx"),
    ("从业人员近8万人。", "approx"),
    ("创新平台达到110家以上。", "at_least"),
    ("现场销售超1亿元。", "at_least"),
    ("出口交货值超过120亿元。", "at_least"),
    ("主营业务收入突破100亿元。", "at_least"),
    ("企业达到40多家。", "more_than"),
    ("项目200余个。", "more_than"),
    ("研发投入强度不低于3%。", "at_least"),
    ("综合能耗增幅控制在5%以内。", "up_to"),
    ("到2027年，力争达到360亿元。", "strive"),
])
def test_qualifiers(text, qualifier):
    """左右, 约, 近 → approx; 以上, 超, 超过, 突破, 不低于 → at_least; 多, 余 → more_than;
    以内 → up_to; 力争 → strive (the marker table of orchestration.ingest.figures)."""
    assert one(text).qualifier == qualifier


def test_marker_next_to_the_number_wins_over_strive():
    """力争突破600亿元 is at_least: the bound is stated; 力争 alone is strive."""
    assert one("产值力争突破600亿元。").qualifier == "at_least"


def test_strive_before_a_date_covers_its_sentence_part():
    """力争到2025年，A达到X，B达到Y: 力争 governs both clauses."""
    found = candidates("力争到2025年，全市产值达到500亿元，企业达到300家。")
    assert [c.qualifier for c in found] == ["strive", "strive"]


def test_words_ending_in_a_marker_are_not_markers():
    """签约3个项目 is exactly three (签约 ends in 约 but is not 约 'about')."""
    assert one("集中签约3个项目。").qualifier == "exact"


# ---- distributive lists ----------------------------------------------------------------

def test_distributive_list_with_units_maps_subjects():
    """分别达到600家和1000家: the i-th number belongs to the i-th listed subject; an
    elliptical 到2027年,分别达到… takes the same subjects."""
    found = candidates("到2025年,国家高新技术企业和科技型中小企业数量分别达到600家和1000家;到2027年,分别达到700家和1200家。")
    assert [(c.value_text, c.subject, c.period, c.kind) for c in found] == [
        ("600", "国家高新技术企业", "2025", "target"), ("1000", "科技型中小企业", "2025", "target"),
        ("700", "国家高新技术企业", "2027", "target"), ("1200", "科技型中小企业", "2027", "target")]


def test_distributive_list_sharing_one_unit():
    """分别达到33、8、4家: each number takes the last unit and its subject; extra leading list
    items merge into the first subject (国家、省专精特新)."""
    found = candidates("到2023年底,全市企业获得国家、省专精特新、瞪羚、单项冠军个数分别达到33、8、4家。")
    assert [(c.value_text, c.unit, c.subject) for c in found] == [
        ("33", "家", "国家、省专精特新"), ("8", "家", "瞪羚"), ("4", "家", "单项冠军")]


# ---- periods and kinds -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "period", "measure"), [
    ("到2025年，生物医药产业集群产值达到1000亿元。", "target", "2025", "level"),
    ("到2023年底，全市规模以上生物医药企业达到133家。", "actual", "2023", "level"),
    ("截至2023年底，全市创新平台达到110家以上。", "actual", "2023", "level"),
    ("示范基地2021年7月投产，投产现场销售金额6000万元。", "actual", "2021-07", "level"),
    ("2021年2月28日，52家企业参加推介。", "actual", "2021-02", "level"),
    ("2023年实现营业收入81.78亿元。", "actual", "2023", "level"),
    ("2013年以来，全市共推动建设重点项目200个以上。", "actual", "2013/2024", "cumulative"),
    ("2021—2023年，累计完成投资350亿元。", "actual", "2021/2023", "cumulative"),
    ("全市生物医药产业产值增长11.5%。", "growth_rate", "2024", "yoy_growth"),
    ("近五年，全市工业投资年均增长10.2%。", "growth_rate", "2020/2024", "avg_annual_growth"),
    ("到2025年，研发经费年均增长10%左右。", "target", "2025", "avg_annual_growth"),
    ("龙头企业营业收入占全市的69.9%。", "share", "2024", "share"),
    ("新兴服务业增加值占服务业比重达到58%。", "share", "2024", "share"),
    ("到2025年，新兴服务业增加值占服务业比重达到58%左右。", "target", "2025", "share"),
    ("比重提高到45%左右。", "share", "2024", "share"),
    ("全部建成后将新增产值2000亿元以上。", "target", "2024/..", "increment"),
    ("目前，全市已建成四个核心产业园。", "actual", "2024", "level"),
])
def test_periods_kinds_and_measures(text, kind, period, measure):
    """到2025年 (future) → target; 到/截至2023年底 → actual at that date; 2021年7月 → that
    month; 2013年以来 → a range up to the data year; 增长/年均增长 → growth rate; 占/比重 →
    share; 将新增 → an undated target; no date → the publication year (see the title rules below)."""
    c = one(text)
    assert (c.kind, c.period, c.measure) == (kind, period, measure)


def test_since_ends_at_the_data_year():
    """2013年以来 in a 2024 text about end-2023 ends in 2023, the year its actuals describe."""
    found = candidates("截至2023年底，全市企业达到104家。2013年以来，全市共建设项目200个以上。")
    assert found[1].period == "2013/2023"


def test_undated_figures_in_a_targets_section_are_targets():
    """In a plan's 二、主要目标 section an undated figure is a target; elsewhere an actual."""
    text = "一、发展基础\n全市拥有企业316家。\n二、主要目标\n培育领军企业20家。\n"
    assert [(c.value_text, c.kind) for c in candidates(text)] == [("316", "actual"), ("20", "target")]


def test_a_yearly_report_dates_undated_actuals_by_its_title_year():
    """A communiqué titled 2023年…统计公报 and published in 2024 reports 2023; a page with no
    such title reports the state at publication."""
    body = "\n全年实现地区生产总值468.32亿元。\n"
    assert one("南康区2023年国民经济和社会发展统计公报" + body).period == "2023"
    assert one("南康区经济运行情况" + body).period == "2024"


def test_a_plan_titled_with_its_years_sets_the_period_of_undated_targets():
    """Undated targets of 行动方案（2024—2026年） are for 2024/2026, not open-ended."""
    text = "关于印发新材料产业行动方案（2024—2026年）的通知\n二、主要目标\n培育领军企业20家。\n"
    c = one(text)
    assert (c.kind, c.period) == ("target", "2024/2026")


def test_a_year_opening_a_sentence_dates_the_rest_of_its_paragraph():
    """"2023年，…。其中…" dates the later sentences of that paragraph, not the next paragraph,
    and a year named inside a sentence (面对2020年…) dates nothing after it."""
    text = ("全市经济运行情况\n本报讯\n今年以来，全市经济稳中有进。\n"
            "2023年，全市产值1386.5亿元。全市拥有企业316家。\n全市拥有平台12个。\n"
            "面对2020年的疫情，企业加快转型。全市新增企业8家。\n")
    assert [(c.value_text, c.period) for c in candidates(text)] == [
        ("1386.5", "2023"), ("316", "2023"), ("12", "2024"), ("8", "2024")]


def test_a_date_is_compared_with_the_publication_date():
    """到2024年底 is a target in a text of June 2024 and an actual in one of 2025."""
    text = "到2024年底，全市企业达到500家。"
    assert one(text, datetime.date(2024, 6, 1)).kind == "target"
    assert one(text, datetime.date(2025, 3, 1)).kind == "actual"


# ---- stated counts with their lists ----------------------------------------------------

def test_count_after_its_list_is_a_candidate_relation():
    """“食品、康养、文旅、医药”四个核心产业: the count 4 and its four items."""
    extraction = extract("目前,市国资委瞄准“食品、康养、文旅、医药”四个核心产业。", PUBLISHED)
    (relation,) = extraction.relations
    assert relation.kind == "listed_count"
    assert [extraction.candidates[i].value for i in relation.members] == [4]
    assert relation.items == ("食品", "康养", "文旅", "医药") and not relation.list_open


def test_open_list_before_a_count():
    """华润、宝能、阿里等8家: three items, list_open (等)."""
    extraction = extract("推动同华润、宝能、阿里等8家行业龙头企业达成合作。", PUBLISHED)
    (relation,) = extraction.relations
    assert relation.items == ("华润", "宝能", "阿里") and relation.list_open


def test_list_in_brackets_after_a_count():
    """过100亿元的集群5个(a、b、c、d、e): the count and its five bracketed items."""
    extraction = extract("到2025年,过100亿元的集群5个(装备集群、信息集群、能源集群、材料集群、服务集群)。", PUBLISHED)
    assert [(c.value_text, c.unit) for c in extraction.candidates] == [("5", "个")]
    (relation,) = extraction.relations
    assert len(relation.items) == 5 and relation.items[0] == "装备集群"


def test_slogan_counts_and_their_list():
    """等“一梁五柱”项目: 1 梁 and 5 柱 from the quoted slogan, one relation over both with the
    list before it; “一带一路” (all ones) is a name, not a count."""
    extraction = extract("以研究院为基础,综合体、康养小镇、产业园、示范基地等“一梁五柱”项目为支撑。共建“一带一路”。", PUBLISHED)
    assert [(c.value_text, c.unit) for c in extraction.candidates] == [("一", "梁"), ("五", "柱")]
    (relation,) = extraction.relations
    assert relation.members == (0, 1) and len(relation.items) == 4 and relation.list_open


# ---- what is not a statistic -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "2021年2月28日，举办项目集中签约活动。",
    "发布日期:2022-10-26 11:00 浏览次数:1234",
    "为贯彻落实《国务院关于加快培育和发展战略性新兴产业的决定》(国发〔2010〕32号)精神。",
    "联系人：产业处，联系电话：0530-5310000",
    "444455867.jpg",
    "1634716955_副本.jpg",
    "网站备案号:鲁ICP备09012531号 | 鲁公网安备 37172902372011号",
    "Copyright© 2004-2012 heze.cn All rights reserved.",
    "重点发展第五代移动通信。",
    "举办“央企省企投资泰安 助力建成五个名地”签约活动。",
    "全面贯彻党的二十大精神，把泰山四大名药打造成品牌。",
    "打造一批龙头企业，建设一个国家级平台。",
    "建成万吨级小麦糊粉层产业化示范基地和10万吨级码头。",
    "每万元工业增加值能耗下降。",
    "全市排名前10名。",
    "数十家企业参加。",
    "“十四五”时期，坚持“两个确立”。",
    "本方案自2024年4月1日起施行。",
])
def test_non_statistics_are_skipped(text):
    """Dates, page furniture, document numbers, phone numbers, image files, registration
    numbers, ordinals, quoted names, names with numerals, the article 一, size classes,
    rates per unit, ranks, vague counts and political formulae give no candidate."""
    assert candidates(text) == []


@pytest.mark.parametrize(("text", "kept"), [
    ("到2025年,战略性新兴产业规模过1000亿元的集群1个。", [("1", "个")]),
    ("其中产值超10亿元企业29家。", [("29", "家")]),
    ("新开工10亿元以上项目15个。", [("15", "个")]),
    ("设立规模50亿元的新材料产业基金。", [("50", "亿元")]),
    ("培育年产值100家以上企业。", [("100", "家")]),
    ("工业经济总量成为全区第四个突破2000亿元大关的地区。", [("2000", "亿元")]),
])
def test_thresholds_in_definitions_are_skipped(text, kept):
    """A bounded amount defining what is counted (过1000亿元的集群, 超10亿元企业, 10亿元以上项目)
    is not a figure; the count is. An unbounded amount before 的 (规模50亿元的基金), a
    bounded count (100家以上企业) and a milestone crossed (突破2000亿元大关) are figures."""
    assert [(c.value_text, c.unit) for c in candidates(text)] == kept


# ---- rows fit the raw/figures contract -------------------------------------------------

def test_quotes_are_exact_and_unique():
    """The quote is the document's text at quote_start, holds the value text, and is widened
    until it occurs once (a restated sentence gets a longer quote)."""
    text = "到2027年,达到400家左右。产业生态更加优化。三是到2027年,达到400家左右。"
    found = candidates(text)
    assert len(found) == 2
    for c in found:
        assert text[c.quote_start:c.quote_start + len(c.quote)] == c.quote
        assert c.quote_start <= c.start and c.end <= c.quote_start + len(c.quote)
        assert text.count(c.quote) == 1


def test_publication_date_is_read_from_the_page():
    """发布日期/发表时间 labels give the date; else the latest written full date; else None
    (and extract assumes one and flags it)."""
    assert infer_published("发表时间: 2024-06-24 16:37\n正文") == datetime.date(2024, 6, 24)
    assert infer_published("……\n衢州市人民政府办公室\n2024年3月15日\n") == datetime.date(2024, 3, 15)
    assert infer_published("没有日期的文本。") is None
    assert extract("没有日期的文本，企业100家。").published_assumed  # extracted anyway (issue 15)


# ---- forms of real documents (issue 15) ----------------------------------------------------

@pytest.mark.parametrize(("text", "value_text", "value", "unit"), [
    ("全市实现生产总值3520.47 亿元。", "3520.47", "3520.47", "亿元"),
    ("年末从业人员6.3 万人。", "6.3 万", "63000", "人"),
    ("全年新登记市场主体12034 户。", "12034", "12034", "户"),
    ("全市工业投资5000　万元。", "5000", "5000", "万元"),
])
def test_spaces_between_number_and_unit(text, value_text, value, unit):
    """Text copied from a PDF puts spaces (ASCII or ideographic) between a number and its
    magnitude or unit: read as without them, the value text as written."""
    c = one(text)
    assert (c.value_text, c.value, c.unit) == (value_text, Decimal(value), unit)
    assert text[c.start:c.end] == value_text


def test_traditional_characters_are_matched_and_quoted_as_written():
    """億元, 個百分點, 增長 match as 亿元, 个百分点, 增长; quote, value text and unit stay as written,
    and offsets point into the original text."""
    text = "1至2月，廣西規模以上工業增加值增長7.0%，高於全國1.6個百分點；實現產值1234.5億元。"
    found = candidates(text, datetime.date(2016, 3, 29))
    assert [(c.value_text, c.unit, c.kind) for c in found] == [
        ("7.0", "%", "growth_rate"), ("1.6", "個百分點", "growth_rate"), ("1234.5", "億元", "actual")]
    for c in found:
        assert text[c.quote_start:c.quote_start + len(c.quote)] == c.quote
        assert "增長" in found[0].quote and c.period == "2016-01/2016-02"


def test_ratio_parts_are_shares_bound_by_a_structure_relation():
    """三次产业结构由上年的8.8:41.5:49.7调整为8.6:42.0:49.4: six shares in percent; 上年 dates the
    first three in the year before the document's; each ratio is one `structure` relation."""
    text = "2023年全市三次产业结构由上年的8.8:41.5:49.7调整为8.6:42.0:49.4。"
    extraction = extract(text, datetime.date(2024, 3, 1))
    got = [(c.value_text, c.unit, c.kind, c.period) for c in extraction.candidates]
    assert got == [("8.8", "%", "share", "2022"), ("41.5", "%", "share", "2022"), ("49.7", "%", "share", "2022"),
                   ("8.6", "%", "share", "2023"), ("42.0", "%", "share", "2023"), ("49.4", "%", "share", "2023")]
    assert [(r.kind, r.members) for r in extraction.relations if r.kind == "structure"] == [
        ("structure", (0, 1, 2)), ("structure", (3, 4, 5))]


def test_a_ratio_is_not_a_time():
    """8:41 inside a ratio whose parts add up to 100 is not masked as a clock time; 10:30 and
    09:30:12 (parts adding up to 51) are times, not ratios."""
    assert len(candidates("三次产业比例为51.2:8:40.8。")) == 3
    assert candidates("会议于10:30召开。") == []
    assert candidates("发布时间：2024-03-18 09:30:12 来源：市经信局") == []


@pytest.mark.parametrize(("text", "value_text", "value", "unit"), [
    ("全市工业总产值一千二百亿元。", "一千二百", "1200", "亿元"),
    ("全省装机容量达到三千万千瓦。", "三千", "3000", "万千瓦"),
])
def test_chinese_numerals_in_amounts(text, value_text, value, unit):
    """A Chinese numeral of two or more characters before a unit of measure is an amount."""
    c = one(text)
    assert (c.value_text, c.value, c.unit) == (value_text, Decimal(value), unit)


def test_a_year_in_chinese_digits_dates_figures():
    """二〇二三年 is the year 2023 (the quote keeps the Chinese digits)."""
    c = one("二〇二三年，全市企业达到500家。", datetime.date(2024, 3, 1))
    assert c.period == "2023" and c.quote.startswith("二〇二三年")


@pytest.mark.parametrize(("text", "unit"), [
    ("全年集装箱吞吐量12万标箱，增长5%。", "万标箱"),
    ("细颗粒物年均浓度32微克/立方米，下降3%。", "微克/立方米"),
    ("全年开行中欧班列300列。", "列"),
])
def test_units_outside_the_vocabulary_are_proposed_and_flagged(text, unit):
    """A unit the vocabulary does not know is proposed as written, never dropped, with a note
    that asks the reviewer to check it."""
    c = candidates(text)[0]
    assert c.unit == unit
    assert any("not in the vocabulary" in n for n in c.notes)


@pytest.mark.parametrize(("text", "kind"), [
    ("工业增加值增幅为6.2%。", "growth_rate"),
    ("居民消费价格上涨2.1%。", "growth_rate"),
    ("工业增加值增长6.5%。", "growth_rate"),
    ("工業增加值增長6.5%。", "growth_rate"),
])
def test_growth_words_make_growth_rates(text, kind):
    """增幅, 上涨, 增长 and 增長 make a percent a growth rate, not a share."""
    assert one(text).kind == kind


@pytest.mark.parametrize(("text", "value", "measure"), [
    ("油料产量比上年下降1.3%。", "-1.3", "yoy_growth"),
    ("规上企业减少12家。", "-12", "increment"),
    ("增幅比上月回落1.3个百分点。", "-1.3", "increment"),
    ("二季度地区生产总值增长-8.7%。", "-8.7", "yoy_growth"),
    ("规上企业增加22家。", "22", "increment"),
    ("失业率降至3%。", "3", "share"),
])
def test_declines_are_negative_changes(text, value, measure):
    """A decline word of figures/signs.py right before a change (下降, 减少, 回落) or a minus
    written in the value makes it negative; 降至 gives a level; 增加 a positive increment."""
    c = one(text)
    assert (c.value, c.measure) == (Decimal(value), measure)


def test_how_often_is_not_a_statistic():
    """两次, 三次 say how often something happened: no candidate."""
    assert candidates("产品两次获得金奖。") == []


def test_rank_moves_are_not_counts():
    """分别前移7位、8位和7位: places moved in a ranking, not people."""
    assert candidates("增速排名分别前移7位、8位和7位。") == []


@pytest.mark.parametrize(("text", "period"), [
    ("2023年1-9月，全市规上工业增加值增长5.1%。", "2023-01/2023-09"),
    ("2023年前三季度，全市规上工业增加值增长5.1%。", "2023-01/2023-09"),
    ("2021年一季度，全省地区生产总值增长10.1%。", "2021-01/2021-03"),
    ("2024年上半年，全县规上工业增加值增长3%。", "2024-01/2024-06"),
])
def test_partial_year_periods_are_runs_of_months(text, period):
    """1-9月, 前三季度, 一季度, 上半年 are the months they cover, not the whole year."""
    assert one(text, datetime.date(2024, 10, 1)).period == period


def test_the_opening_period_dates_undated_figures():
    """A 2021 bulletin published in 2022 that opens with 2021年 dates its undated figures in
    2021; a monthly release opening with 1—10月份 dates them 2022-01/2022-10. 上年 is the year
    before the one reported on; 去年 counts from the publication date, as in a January
    briefing on the year just ended (Wuhu's 2022-01-24 briefing: 去年…生产总值达4302.63亿元
    is 2021)."""
    bulletin = "2021年全市统计公报\n2021年，全市经济平稳。\n全市企业达到500家。上年的企业有480家。\n"
    got = [(c.value_text, c.period) for c in candidates(bulletin, datetime.date(2022, 3, 1))]
    assert got == [("500", "2021"), ("480", "2020")]
    briefing = "2021年经济社会发展情况\n去年全市企业达到500家，上年末为480家。\n"
    got = [(c.value_text, c.period) for c in candidates(briefing, datetime.date(2022, 1, 24))]
    assert got == [("500", "2021"), ("480", "2020")]
    release = "2022年1—10月份全市工业生产情况\n全市规上工业增加值增长6.1%。\n"
    assert one(release, datetime.date(2022, 11, 23)).period == "2022-01/2022-10"


def test_a_text_without_a_date_extracts_and_flags_the_date():
    """No publication date in the text: candidates anyway, periods from the text, and every
    candidate notes that the date was assumed."""
    extraction = extract("2021年全市统计公报\n2021年，全市企业达到500家。\n")
    assert extraction.published_assumed
    c = extraction.candidates[0]
    assert c.period == "2021" and any("publication date not in the text" in n for n in c.notes)


def test_the_title_is_not_page_furniture():
    """A table of contents line or a breadcrumb is not the title."""
    from orchestration.extract.extractor import infer_title

    text = "首页 > 统计数据 > 统计公报\n目录\n2021年全市国民经济和社会发展统计公报\n2021年，全市…\n"
    assert infer_title(text) == "2021年全市国民经济和社会发展统计公报"


def test_relations_bind_the_figures_they_relate():
    """A level with its growth rate and the previous level is a `growth` relation; 其中 with two parts of the same
    unit a `sum_to_total` (total first); 占…比重 a `share` (part, whole, share); the same
    figure stated again a `restatement`."""
    text = ("2023年，全市工业增加值40亿元，同比增长5.2%，上年为38亿元。其中，制造业增加值30亿元、采矿业增加值10亿元。"
            "制造业增加值30亿元，占工业增加值的比重为75%。\n")
    extraction = extract(text, datetime.date(2024, 3, 1))
    values = [c.value_text for c in extraction.candidates]
    kinds = {(r.kind, tuple(values[m] for m in r.members)) for r in extraction.relations}
    assert ("growth", ("40", "5.2", "38")) in kinds
    assert ("sum_to_total", ("40", "30", "10")) in kinds
    assert ("share", ("30", "40", "75")) in kinds
    assert ("restatement", ("30", "30")) in kinds


def test_listed_count_binds_the_listed_names_not_verbs_or_kinds_of_persons():
    """引进华为、中兴等企业8家 lists 华为 and 中兴 (open list), not 引进华为; a count of persons
    after kinds of persons (引进、合作两院院士、海外院士等高层次人才16名) binds no list."""
    def listed(text):
        extraction = extract(text, PUBLISHED)
        return [(r.items, r.list_open) for r in extraction.relations if r.kind == "listed_count"]

    assert listed("引进华为、中兴等企业8家。") == [(("华为", "中兴"), True)]
    assert listed("累计引进、合作两院院士、海外院士等高层次人才16名。") == []


def test_a_count_among_a_count_is_a_part_with_its_share():
    """37个大类行业中有21个…增长面为56.8%: 21 is part of 37 (part_le_whole) and 56.8% its share."""
    text = "1—10月份，全市37个大类行业中有21个行业增加值同比实现增长，增长面为56.8%。"
    extraction = extract(text, datetime.date(2022, 11, 23))
    values = [c.value_text for c in extraction.candidates]
    kinds = {(r.kind, tuple(values[m] for m in r.members)) for r in extraction.relations}
    assert ("part_le_whole", ("21", "37")) in kinds and ("share", ("21", "37", "56.8")) in kinds


def test_a_future_date_opening_a_paragraph_makes_its_later_figures_targets():
    """力争到2025年，… opens a paragraph of a plan: its later undated sentences state targets
    for 2025; a sentence with 目前 turns back to the present."""
    text = "力争到2025年，全省产业营业收入达到6000亿元。培育龙头企业5家。目前全省已有企业3家。\n"
    got = [(c.value_text, c.kind, c.period) for c in candidates(text, datetime.date(2020, 3, 25))]
    assert got == [("6000", "target", "2025"), ("5", "target", "2025"), ("3", "actual", "2020")]


def test_chinese_numerals_with_inner_magnitudes():
    """一万二千人 is 12000 people, as written; 三千万千瓦 stays 3000 万千瓦 (千瓦 is the unit)."""
    c = one("全市人口一万二千人。")
    assert (c.value_text, c.value, c.unit) == ("一万二千", Decimal(12000), "人")
    c = one("全省装机容量达到三千万千瓦。")
    assert (c.value_text, c.unit) == ("三千", "万千瓦")


def test_a_unit_shared_by_a_list_is_kept_as_written():
    """分別比全省高7.6和5.8個百分點: 7.6 takes the list's unit as the text writes it (個百分點)."""
    text = "2021年，戰略性新興產業產值增長36.4%，高新技術產業增加值增長21.3%，分別比全省高7.6和5.8個百分點。"
    found = candidates(text, datetime.date(2022, 1, 24))
    assert [(c.value_text, c.unit) for c in found][-2:] == [("7.6", "個百分點"), ("5.8", "個百分點")]


def test_a_number_of_kinds_opening_a_figures_name_is_no_count():
    """猪牛羊禽四种肉产量5989.4吨 and 10种有色金属增长15.3%: 四种 and 10种 belong to the names; 推出
    21种产品 is a count."""
    text = "2024年，猪牛羊禽四种肉产量5989.4吨，10种有色金属增长15.3%，推出21种产品。"
    assert [c.value_text for c in candidates(text, datetime.date(2025, 1, 20))] == ["5989.4", "15.3", "21"]


def test_the_tail_of_a_malformed_number_is_no_figure():
    """同比下降14..3% and 价格上涨1·8% are typos in the source: 3% and 8% are no figures of their own
    (a version number 5.0.1 neither)."""
    text = "原煤产量1657.8万吨,同比下降14..3%。医疗保健类价格上涨1·8%,食品烟酒类价格上涨1.1%。"
    assert [c.value_text for c in candidates(text, datetime.date(2024, 9, 9))] == ["1657.8", "1.1"]
