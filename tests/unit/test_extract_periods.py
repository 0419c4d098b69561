"""Periods and kinds the extractor reads from general forms of Chinese statistical prose
(issue 15): 前N月, 今年N月, a plan's year from its opening, stocks counted in units,
growth named after the rate, points of growth."""

import datetime

import pytest

from orchestration.extract import Candidate, extract


def candidates(text: str, published: datetime.date) -> list[Candidate]:
    return extract(text, published).candidates


@pytest.mark.parametrize(("text", "period"), [
    ("前4月，全省规模以上工业增加值同比增长7.7%。", "2016-01/2016-04"),
    ("今年前7个月，全省规上工业增加值增长8.4%。", "2016-01/2016-07"),
    ("2016年前三个月，全省规上工业增加值增长6%。", "2016-01/2016-03"),
    ("今年7月，全省汽车产量增长50.6%。", "2016-07"),
    ("今年1月—7月，全省规上工业增加值增长8.4%。", "2016-01/2016-07"),
])
def test_months_up_to_a_month_are_a_run(text, period):
    """前4月 and 前7个月 are the months from January; 今年7月 is one month of the year; 今年1月—7月
    stays a run (今年 is not read as the whole year)."""
    got = candidates(text, datetime.date(2016, 8, 19))
    assert [c.period for c in got] == [period]


def test_the_opening_run_of_months_dates_later_sentences():
    """A release titled 前4月… dates its later undated sentences with the run, not the month
    of publication; a rate compared with 3月 keeps the release's period."""
    text = ("前4月全省国民经济主要指标数据发布\n"
            "省统计局发布今年前4月数据，规模以上工业增加值同比增长7.7%。\n"
            "汽车制造业增长12.5%，较3月回落0.7个百分点。\n")
    got = [(c.value_text, c.period) for c in candidates(text, datetime.date(2016, 5, 18))]
    assert got == [("7.7", "2016-01/2016-04"), ("12.5", "2016-01/2016-04"), ("0.7", "2016-01/2016-04")]


def test_an_opening_that_presents_a_plan_makes_undated_figures_its_targets():
    """印发2025年…发展计划 (published in 2025): undated figures are targets of 2025, 力争年内 too;
    a year named in a past report's opening sets no targets."""
    plan = ("3月11日，市政府印发2025年全市国民经济和社会发展计划的通知。\n"
            "加快推进120万千瓦风电基地建设，力争年内新增新能源并网400万千瓦。\n")
    got = [(c.value_text, c.kind, c.period) for c in candidates(plan, datetime.date(2025, 3, 11))]
    assert got == [("120", "target", "2025"), ("400", "target", "2025")]
    report = "2024年全市统计公报\n2024年，全市新建风电项目120万千瓦。\n"
    assert [(c.kind, c.period) for c in candidates(report, datetime.date(2025, 3, 11))] == [("actual", "2024")]


def test_a_strive_year_inside_a_sentence_does_not_date_the_paragraph():
    """力争2025年材料产业… dates its own sentence; the next sentence of a 2023 work report keeps
    the report's year; 到2025年， opening a sentence still heads the paragraph."""
    text = ("报告围绕2023年的发展目标，提出加快建设制造业强省。\n"
            "力争2025年材料产业规模突破2万亿元。培育30家服务型制造示范企业。\n"
            "到2025年，培育头雁企业100家。新增上云企业3万家。\n")
    got = [(c.value_text, c.kind, c.period) for c in candidates(text, datetime.date(2023, 1, 14))]
    assert got == [("2", "target", "2025"), ("30", "target", "2023"),
                   ("100", "target", "2025"), ("3万", "target", "2025")]


def test_next_steps_are_targets():
    """下一步，…将 speaks of what is to come: its counts are targets from the publication year on."""
    text = "2023年，全省形成3个万亿产业。\n下一步，全省将加快构建现代化产业体系，即改造提升4个传统产业。\n"
    got = [(c.value_text, c.kind, c.period) for c in candidates(text, datetime.date(2024, 5, 10))]
    assert got == [("3", "actual", "2023"), ("4", "target", "2024/..")]


def test_enterprise_counts_are_stocks_at_the_last_month():
    """1至2月，…企业共有340家: a count of enterprises is a level at February's end, not a sum over
    the two months; a growth rate in the same sentence keeps the run."""
    text = "1至2月，全区汽车制造业企业共有340家，产值同比增长6.2%。"
    got = [(c.value_text, c.period, c.measure) for c in candidates(text, datetime.date(2016, 3, 29))]
    assert got == [("340", "2016-02", "level"), ("6.2", "2016-01/2016-02", "yoy_growth")]


@pytest.mark.parametrize("text", ["从增长率来看，淮安以7%的增速脱颖而出。", "宿迁以6.9%的增长紧随其后。"])
def test_a_rate_followed_by_its_growth_word_is_a_growth_rate(text):
    """以7%的增速: the growth word follows the rate."""
    (c,) = candidates(text, datetime.date(2024, 11, 7))
    assert (c.kind, c.measure) == ("growth_rate", "yoy_growth")


@pytest.mark.parametrize("text", [
    "小微企业贡献率达到60.6%，拉动规模以上工业增长4.2个百分点。",
    "1至2月，规模以上工业增加值高于全国1.6个百分点。",
])
def test_points_of_growth_are_growth_rates(text):
    """拉动…增长 N个百分点 and 增加值高于全国 N个百分点 are points of growth, even after a share."""
    c = candidates(text, datetime.date(2016, 3, 29))[-1]
    assert (c.kind, c.measure) == ("growth_rate", "increment")


def test_points_of_a_share_stay_a_share():
    """占比提高0.1个百分点 after a share is a change of that share."""
    c = candidates("制造业增加值占比为30.5%，占比提高0.1个百分点。", datetime.date(2024, 3, 1))[-1]
    assert (c.kind, c.measure) == ("share", "increment")


def test_a_quarter_ending_a_release_run_is_that_run():
    """二季度全县地区生产总值 in a release for 上半年: quarterly accounts run from January, so the
    second quarter's figure is the half year's; a rate in brackets after 较一季度 is the first
    quarter's, after 较上年同期 the same run a year before."""
    text = ("上半年，全县经济运行小幅回升。\n"
            "二季度全县地区生产总值为1437936万元，比上年同期增长-8.7%，较一季度(-10.8%)回升2.1个百分点。\n"
            "全县农业增加值18100万元，增长11.6%，较上年同期(3.2%)大幅增长。\n")
    got = {c.value_text: c.period for c in candidates(text, datetime.date(2024, 9, 9))}
    assert got["1437936"] == "2024-01/2024-06" and got["-8.7"] == "2024-01/2024-06"
    assert got["-10.8"] == "2024-01/2024-03" and got["3.2"] == "2023-01/2023-06"
    assert got["18100"] == "2024-01/2024-06"


@pytest.mark.parametrize(("text", "measure"), [
    ("一季度，地区生产总值同比增长15.8%，两年平均增长6%。", "avg_annual_growth"),
    ("2011~2012年全市经济平均年增速达13.9%。", "avg_annual_growth"),
    ("全年新建150个智能工厂。", "increment"),
    ("全区规模以上工业企业共9家。", "level"),
    ("全区累计培育企业共90家。", "cumulative"),
])
def test_measures_of_averages_new_builds_and_stocks(text, measure):
    """两年平均增长 and 平均年增速 are average growth; 新建 counts what is new; enterprises 共9家
    are a stock (a level), 累计 still a cumulative count."""
    assert candidates(text, datetime.date(2022, 4, 19))[-1].measure == measure


def test_a_rate_before_its_growth_word_without_de():
    """超过全省5.7%增速: the rate is a growth rate though 的 is left out."""
    (c,) = candidates("南通增长7.2%，超过全省5.7%增速。", datetime.date(2024, 11, 7))[1:]
    assert (c.kind, c.measure) == ("growth_rate", "yoy_growth")


def test_public_budget_is_not_a_cumulative_sum():
    """一般公共预算收入 holds 共 in 公共: a level, not a cumulative count."""
    (c,) = candidates("全年实现一般公共预算收入361.20亿元。", datetime.date(2022, 3, 31))
    assert c.measure == "level"


def test_an_amount_followed_by_the_name_of_its_quantity_is_no_threshold():
    """以超9414亿元的GDP总量 states the GDP (at least 9414亿元); 过1000亿元的集群 still defines a class."""
    got = [(c.value_text, c.qualifier) for c in candidates("南通以超9414亿元的GDP总量位列第四。", datetime.date(2024, 11, 7))]
    assert got == [("9414", "at_least")]
    assert candidates("到2025年，过1000亿元的集群1个。", datetime.date(2024, 6, 24))[0].value_text == "1"


def test_a_year_after_bi_or_jiao_is_what_a_change_is_compared_with():
    """增速比2021年减低2.2个百分点 in a 2022 communiqué: 2021 is the comparison base, the change
    is of 2022 (as 比上年 and 较3月 already were); so is 6月 in 和6月相比."""
    text = "2022年，全县规模以上工业增加值增长7.2%，增速比2021年减低2.2个百分点。"
    got = [(c.value_text, c.period) for c in candidates(text, datetime.date(2023, 4, 30))]
    assert got == [("7.2", "2022"), ("2.2", "2022")]
    text = "7月份，全省规模以上工业增加值增长21.1%，但和6月相比，工业生产的四项指标均放缓。"
    got = [(c.value_text, c.period) for c in candidates(text, datetime.date(2011, 8, 24))]
    assert got == [("21.1", "2011-07"), ("四", "2011-07")]


def test_year_end_and_quarter_end_are_points_in_time():
    """年末 dates a stock at the reported year's end even after a chart caption's 2018-2022年
    in the same sentence; 二季度末 in a half-year release is the quarter's last month, not
    the half year; 比上年末 stays a comparison."""
    communique = ("2022年芜湖市国民经济和社会发展统计公报\n"
                  "全年生产总值增长2.1%。 2018-2022年全市生产总值 年末全市常住人口373.1万人,比上年末增加5.9万人;"
                  "常住人口城镇化率为73.55%。\n")
    got = [(c.value_text, c.period) for c in candidates(communique, datetime.date(2023, 3, 31))]
    assert got[1:] == [("373.1万", "2022"), ("5.9万", "2022"), ("73.55", "2022")]
    release = "2021年上半年三明市经济运行情况\n上半年，全市农林牧渔业总产值增长6.0%。二季度末，生猪存栏71.5万头，同比增长9.4%。\n"
    got = [(c.value_text, c.period) for c in candidates(release, datetime.date(2021, 7, 31))]
    assert got == [("6.0", "2021-01/2021-06"), ("71.5万", "2021-06"), ("9.4", "2021-06")]


def test_an_estimate_of_a_period_already_over_is_not_a_target():
    """预计 in a January work report's review of last year (the section 一、2024年工作回顾) and
    in a release after its quarter estimates what happened: actual rates of that year or run.
    预计 of a period still ahead stays a target."""
    report = ("各位代表:\n现在，我代表市人民政府，向大会报告工作。\n一、2024年工作回顾\n"
              "一年来，经济社会发展取得新成效。预计全市地区生产总值增长4%左右，固定资产投资增长10%左右。\n")
    got = [(c.value_text, c.kind, c.period) for c in candidates(report, datetime.date(2025, 1, 31))]
    assert got == [("4", "growth_rate", "2024"), ("10", "growth_rate", "2024")]
    release = "今年前三季度，全省规模以上工业总产值同比增长12.1%。8个工业大市中，预计金昌市规上工业同比增长31.1%。\n"
    got = [(c.value_text, c.kind, c.period) for c in candidates(release, datetime.date(2024, 11, 6))]
    assert got[-1] == ("31.1", "growth_rate", "2024-01/2024-09")
    ahead = "2024年上半年全市经济运行情况\n预计全年地区生产总值增长5%。\n"
    assert [(c.kind, c.period) for c in candidates(ahead, datetime.date(2024, 7, 20))] == [("target", "2024")]


def test_names_listed_after_a_growth_rate_share_its_measure():
    """金昌市增长31.1%,白银市为19.1%,酒泉市12.6%: each later name's rate is a growth rate said
    once; a clause with a share word of its own (城镇化率为65%) stays a share."""
    text = "2024年，金昌市规上工业同比增长31.1%，白银市为19.1%，酒泉市为12.6%，全市城镇化率为65.2%。"
    got = [(c.value_text, c.measure) for c in candidates(text, datetime.date(2025, 1, 20))]
    assert got == [("31.1", "yoy_growth"), ("19.1", "yoy_growth"), ("12.6", "yoy_growth"), ("65.2", "share")]


def test_new_said_once_covers_the_units_listed_after_it():
    """新增规上工业企业232户,限上商贸企业246户: the later names are new enterprises too; a clause
    with a stock word of its own (总数达到187家) stays a level, and so do persons."""
    text = "2021年，全市新增规上工业企业232户,限上商贸企业246户。全年新认定高新技术企业46家，总数达到187家。"
    got = [(c.value_text, c.measure) for c in candidates(text, datetime.date(2022, 1, 24))]
    assert got == [("232", "increment"), ("246", "increment"), ("46", "increment"), ("187", "level")]
