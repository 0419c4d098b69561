"""Codes a reviewer would otherwise type: the region, indicator and industry a candidate most
likely belongs to, found by names and keywords derived from the reference tables themselves
(raw/reference/regions.csv, indicators.csv and industries.csv), never from curated figures.

Region (places.py): a place name written in the figure's quote before its value (青岛市, 黄岛区,
or the name without its unit: 黄岛), matched against the complete GB/T 2260 table and kept only
inside the document's region (its descendants; an ancestor such as 全省 stays the document's);
else the document's region. Places of different branches in one clause (唐山开平、张家口怀安2个基地)
give their common ancestor; places before another figure of an earlier clause are that figure's.

Indicator: the longest fitting keyword (the reference name trimmed of 数/额/人数…, or a synonym
of national usage) in the figure's subject, else in its quote; measure and unit must fit. Read
with the grammar of statistical prose:
- a rate or change follows the figure it is of: the level closing the clause before it
  (产量4198吨,比上年增长4.6%), the rate before points (增长38.1%,提高6.9个百分点); points of a
  rate are its _growth_change, or _growth_gap against an average (高于全国, 较全国平均水平高);
  points after a share its _change; 拉动…增长 points and 贡献率 are the contribution indicators;
- a percent growth of an industrial product's output without its level is of 产品产量, a farm
  product's stays by weight; a growth of 投资 is fixed-asset investment's;
- counts: of things above an amount (过1000亿元的集群) the reference's count over it; of
  industrial divisions (41个大类行业中有35个行业…增长) by their words; a rate is no growth of a
  count unless its subject says 数;
- values distributed by 分别 over a list (value_lists): the n-th value is the n-th item's, with
  a category after 等 naming each item's indicator (教育…等支出 → 教育支出);
- the paragraph's aggregate upgrades a generic indicator (规模以上 → above-scale value added and
  enterprises of industry, 固定资产投资 → fixed-asset investment); the title's indicator fills
  a figure naming none;
- growth on a named earlier year (比2019年一季度增长) is <code>_growth_on_<year>; a producer
  group's part after 其中 (县属企业完成…) has the total's statistic; a slogan (“一港四园”) counts
  the thing its character names.

Industry: the name (or synonym) in the subject, the head of adjacent names (工业战略性新兴产业),
never a certified kind of enterprise (高新技术企业); a share's part named before 占; else the
figure it follows in its clause (as for indicators), the n-th item of a 分别 list (轻、重工业 and
第二、三产业 completed), the three sectors of 三次产业, the group a list ends in (…等高新产品), the
product named earlier in the sentence of a bare statistic (…;产量727.19万吨); a gap's is the
figure's, not the base after 高于; else a name in the quote, all industries for the whole
region (全省固定资产投资), the document's industry, all industries. In a document of a place
(in_region) that place's local industries are named without the place (重庆汽车产业: 汽车).

Only proposals: an unmatched candidate gets '' and the reviewer fills it in; accept refuses
accepted rows that still lack a code."""

from __future__ import annotations

import copy
import re

import pandas as pd

from . import lexicon as v
from .extractor import Candidate
from .normalise import matching_text
from .places import RegionNames
from .value_lists import distributed_over_figures, distributive, joined

_RATE_MEASURES = ("yoy_growth", "avg_annual_growth")
_QUOTES = re.compile(r"[“”‘’\"']")


_BRACKETED = re.compile(r"[(（][^)）]*[)）]")


def _indicator_keyword(name: str) -> str:
    """企业数 → 企业, 投资额 → 投资, 签约合同金额 → 签约合同, 产量(吨) → 产量: the words a text uses
    (a bracket says which unit, and the unit is matched apart)."""
    name = _BRACKETED.sub("", _QUOTES.sub("", name))
    if name.endswith("税收入"):  # 增值税收入 is written 增值税135.79亿元
        return name[:-2]
    for tail in ("金额", "人数", "数", "额"):
        if name.endswith(tail) and len(name) - len(tail) >= 2:
            return name[:-len(tail)]
    return name


def _industry_keyword(name: str) -> str:
    """生物医药产业 → 生物医药; 制造业 stays (too short once trimmed)."""
    for tail in ("产业集群", "产业"):
        if name.endswith(tail) and len(name) - len(tail) >= 2:
            return name[:-len(tail)]
    return name


# What statistical prose calls an industry other than its reference name: synonym → the
# name_zh it stands for in raw/reference/industries.csv (national usage, no document's words).
INDUSTRY_SYNONYMS = {
    "第三产业": "服务业", "三产业": "服务业", "三产": "服务业",
    "第一产业": "第一产业", "一产业": "第一产业", "一产": "第一产业",
    "第二产业": "第二产业", "二产业": "第二产业", "二产": "第二产业",
    "规模以上工业": "工业", "规上工业": "工业", "工业企业": "工业", "工业生产": "工业", "大类行业": "工业",
    "农林牧渔业": "农、林、牧、渔业", "生猪": "猪的饲养", "家禽": "家禽饲养", "肉牛": "牛的饲养", "牛出栏": "牛的饲养",
    "山羊": "羊的饲养", "羊出栏": "羊的饲养", "蔬菜": "蔬菜及食用菌", "农作物": "农业", "经济作物": "农业", "猪牛羊禽肉": "肉类", "肉产量": "肉类", "规模以上服务业": "规模以上服务业(一套表范围)", "水果": "园林水果",
    "水产": "水产品", "房地产开发": "房地产业", "商贸": "商贸业(批发零售、住宿餐饮)", "汽车产业": "汽车制造业", "油气开采": "石油和天然气开采业", "油气开发": "石油和天然气开采业", "发电量": "电力、热力生产和供应业",
    "建筑企业": "建筑业", "建筑单位": "建筑业", "商品房": "房地产业",
}
# The same for indicators: synonym → the indicator's name_zh in raw/reference/indicators.csv.
INDICATOR_SYNONYMS = {
    "GDP": "地区生产总值", "生产总值": "地区生产总值", "经济总量": "地区生产总值",
    "三次产业比例": "增加值占地区生产总值比重", "三次产业结构": "增加值占地区生产总值比重",
    "三次产业增加值比例": "增加值占地区生产总值比重", "产业结构": "增加值占地区生产总值比重",
    "占生产总值比重": "增加值占地区生产总值比重", "占GDP比重": "增加值占地区生产总值比重",
    "占地区生产总值比重": "增加值占地区生产总值比重", "占GDP的比重": "增加值占地区生产总值比重",
    "占规模以上工业增加值比重": "增加值占规模以上工业增加值比重", "占规模以上工业比重": "增加值占规模以上工业增加值比重",
    "占规模以上工业增加值的比重": "增加值占规模以上工业增加值比重",
    "种植面积": "播种面积", "规模以上工业企业": "规模以上企业数",
    # a region's economy growing is its GDP growing (全市经济增长5.2%, 经济平均年增速达13.9%)
    "经济增长": "地区生产总值", "经济增速": "地区生产总值", "经济平均增速": "地区生产总值",
    "经济平均年增速": "地区生产总值", "经济年均增长": "地区生产总值",
    "人均GDP": "人均地区生产总值", "人均生产总值": "人均地区生产总值",
    "一般预算收入": "一般公共预算收入", "一般预算支出": "一般公共预算支出",
    "产销率": "产品销售率", "产品产销率": "产品销售率", "营收": "营业收入", "单位数": "企业数", "建筑单位": "企业数",
    "房地产开发完成投资": "房地产开发投资", "房地产项目投资": "房地产开发投资", "项目类投资": "项目投资",
    "限上零售额": "限额以上单位消费品零售额", "限额以上零售额": "限额以上单位消费品零售额",
    "限上网上零售额": "限额以上单位网上零售额", "网上零售额": "限额以上单位网上零售额",
    "占工业增加值比重": "增加值占规模以上工业增加值比重", "占工业增加值的比重": "增加值占规模以上工业增加值比重",
    "集群": "产业集群数",
}
# A figure whose paragraph spoke of above-scale industry (规模以上工业…) or fixed-asset investment
# before it names that aggregate's part: its 增加值 is above-scale value added, its 投资 fixed-asset
# investment (其中,金属制品业…增加值分别增长…).
_CONTEXT_UPGRADES: tuple[tuple[re.Pattern[str], str, str, bool | str], ...] = (
    # cue, generic, specific, and for which named industries: True all, False none of the
    # sectors, "industrial" only industry's (and those the subject says are above scale),
    # "no other sector" all but another sector's (建筑业增加值 is no above-scale industry's)
    (re.compile(r"规模以上|规上"), "value_added", "above_scale_industrial_value_added", "no other sector"),
    # enterprises above their industry's survey threshold (the 一套表 survey: 规上工业, 限上商贸,
    # 规上服务业, 资质等级以上建筑业): those the sentence says so of, an industrial one in a
    # paragraph of above-scale industry
    (re.compile(r"规模以上|规上|限额以上|限上|一套表|资质等级"), "enterprise_count", "above_scale_enterprise_count",
     "industrial"),
    (re.compile(r"固定资产投资"), "investment", "fixed_asset_investment", True),
)
# Counts of industrial divisions in NBS prose (41个大类行业中有35个行业增加值实现增长, 有13个行业实现
# 两位数以上增长, 19个行业增长放缓或持平), by the words of the count's subject.
# The same for other counts of that prose: indicators that slowed (四项指标均放缓), cities whose
# industry slowed (11个市工业生产增长…放缓), commodity classes that grew (16大类商品零售额…增长), and
# a plan's indicators (37项主要指标, 7项指标…超过规划目标, 11项指标达到规划目标, 23项预期性指标).
_DIVISION_COUNTS = (
    (re.compile(r"^行业.*两位数"), "double_digit_growth_division_count"),
    (re.compile(r"^行业.*(?:放缓|回落|持平)"), "slowing_division_count"),
    (re.compile(r"^行业.*(?:增长|增加)"), "growing_division_count"),
    (re.compile(r"^(?:工业)?大类行业"), "industry_division_count"),
    (re.compile(r"^(?:主要)?指标.*(?:均|都)?(?:放缓|回落)"), "slowing_indicator_count"),
    (re.compile(r"^市.*(?:放缓|回落)"), "slowing_city_count"),
    (re.compile(r"^商品.*增长"), "growing_commodity_category_count"),
    (re.compile(r"^指标.*超过.*(?:目标|要求)"), "indicator_count_ahead_of_plan"),
    (re.compile(r"^指标.*达到.*(?:目标|要求)"), "indicator_count_on_plan"),
    (re.compile(r"^预期性指标"), "expected_indicator_count"),
    (re.compile(r"^约束性指标"), "binding_indicator_count"),
    (re.compile(r"^主要指标"), "plan_indicator_count"),
)
# The same for figures naming no indicator: an industry's growth rate (汽车增长9.7%) after the
# paragraph's 规模以上工业增加值 is that value added's; an industry's 占比 its share of it.
_ABOVE_SCALE_VALUE_ADDED = re.compile(r"(?:规模以上|规上)工业增加值")
# Goods whose output statistics count by weight (NBS 工业产品产量 in 吨): coal and coke, cement,
# steel and iron, non-ferrous metals, silicon, fertilisers, chemicals, fibres, oils, paper, tea…
_BY_WEIGHT = re.compile(r"(?:煤|炭|焦|水泥|钢|铁|钢材|铝|铜|铅|锌|镍|锡|金属|硅|肥料|化肥|茶|糖|盐|碱|酸|烯|纤维|纱|"
                        r"原油|汽油|柴油|煤油|塑料|饲料|纸|纸浆|粮食?|肉|蛋|奶)$")
# Words that say whether a paragraph speaks of products' output or of industries.
_PRODUCT_CUES = ("产量", "产品")
_INDUSTRY_CUES = ("增加值", "行业", "产业")
_SECTOR_INDUSTRIES = ("ALL", "PRIMARY", "SECONDARY", "TERTIARY")
# A change of a growth rate in points (增速比上月回落0.7个百分点) and a gap to an average
# (高于全国1.6个百分点) are their own indicators, named after the level's: <code>_growth_change
# and <code>_growth_gap when the reference holds them.
_GAP_WORDS = re.compile(r"高于|低于|快于|慢于|高出|低出"
                        r"|(?:比|较)(?:全国|全省|全市|全区|全县|[^，,；;]{0,6}平均)")  # 较全国平均水平高4.3个百分点
# 拉动GDP增长0.7个百分点: points a part adds to its whole's growth; 贡献率 the share of that growth.
_CONTRIBUTION_POINTS = re.compile(r"拉动[^，,。；;]{0,12}增长")
_CONTRIBUTION_SHARE = re.compile(r"贡献率")
_GROWTH_DERIVED = ("_growth_gap", "_growth_change")
_BARE_STATISTIC = re.compile(r"产量|产值|总产值|收获面积|播种面积|种植面积|营业收入|增加值|出口|进口|销售额")
_WHOLE_REGION = re.compile(v.WHOLE_REGION)
# Who produced a part of a total, not what it is: 其中,县属企业完成1094.2万吨
_PRODUCER_GROUP = re.compile(r"(?:企业|单位|部门|地区|[省市县区])$")
_ON_YEAR = re.compile(r"[比较](?P<year>(?:19|20)\d{2})年")
# The three sectors in the order a ratio of 三次产业 lists them.
SECTOR_NAMES = ("第一产业", "第二产业", "服务业")
_SECTOR_RATIO = re.compile(r"三次产业|产业结构")
_RATE_UNITS = ("%", "个百分点", "個百分點")

class CodeProposer:
    def __init__(self, reference: dict[str, pd.DataFrame]):
        self.regions = RegionNames(reference["regions"])
        units = reference["units"]
        self.canonical = dict(zip(units["unit"], units["canonical_unit"]))
        self.indicators = [
            (_indicator_keyword(r.name_zh), r.indicator_code, r.measure_type, r.canonical_unit)
            for r in reference["indicators"].itertuples()
        ]
        by_name = {r.name_zh: r for r in reference["indicators"].itertuples()}
        self.indicators += [(word, by_name[name].indicator_code, by_name[name].measure_type, by_name[name].canonical_unit)
                            for word, name in INDICATOR_SYNONYMS.items() if name in by_name]
        # A bracket that qualifies a name shared with another indicator (固定资产投资(不含农户)
        # beside 固定资产投资) must be written for that one to match; a unit's bracket (产量(吨)) need not.
        keyword_count: dict[str, int] = {}
        for k, *_ in self.indicators:
            keyword_count[k] = keyword_count.get(k, 0) + 1
        self.qualifier: dict[str, str] = {}
        for r in reference["indicators"].itertuples():
            bracket = _BRACKETED.search(r.name_zh)
            inner = bracket.group(0)[1:-1] if bracket else ""
            if inner and inner not in self.canonical and keyword_count.get(_indicator_keyword(r.name_zh), 0) > 1:
                self.qualifier[r.indicator_code] = inner
        # Counts of things at a level (国家级特色产业集群数, 省级示范基地数) are written with words
        # between the level and the thing (国家级中小企业特色产业集群, 2个国家应急产业示范基地)
        self.level_counts = []
        for k, code, mtype, unit in list(self.indicators):
            level = re.match(r"(国家|省|市|县)级(.{2,})$", k)
            if mtype == "count" and level:
                pattern = re.compile(f"{level.group(1)}级?[^，,；;。]*{re.escape(level.group(2)[-2:])}")
                self.level_counts.append((pattern, len(k), code, mtype, unit))
        # 居住类价格 is also written 居住价格
        self.indicators += [(k.replace("类价格", "价格"), code, mtype, unit) for k, code, mtype, unit in self.indicators
                            if k.endswith("类价格")]
        self.indicator_codes = set(reference["indicators"]["indicator_code"])
        self.count_names = [(r.name_zh, r.indicator_code) for r in reference["indicators"].itertuples()
                            if r.measure_type == "count"]
        # X占比 (企业数占比, 营业收入占比): the share of X, found by X's words
        self.share_of = {_BRACKETED.sub("", r.name_zh[:-2]): r.indicator_code for r in reference["indicators"].itertuples()
                         if r.measure_type == "ratio" and r.name_zh.endswith("占比") and len(r.name_zh) >= 4}
        # X占Y比重 (投资占全部投资比重): the share of Y's whole, found by Y's words after 占
        self.share_of_whole = self.share_of | {r.name_zh[r.name_zh.index("占") + 1:-2]: r.indicator_code
                          for r in reference["indicators"].itertuples()
                          if r.measure_type == "ratio" and r.name_zh.endswith("比重") and "占" in r.name_zh
                          and len(r.name_zh) - r.name_zh.index("占") >= 5}
        self.indicator_names = dict(zip(reference["indicators"]["indicator_code"], reference["indicators"]["name_zh"]))
        # X占Y比重 rows by X's keyword: the shares of a statistic in a whole (产值 → 产值占规模以上工业总产值比重)
        self.share_wholes: dict[str, list[tuple[str, str]]] = {}
        for r in reference["indicators"].itertuples():
            if r.measure_type == "ratio" and "占" in r.name_zh and r.name_zh.endswith("比重"):
                part, whole = r.name_zh[:r.name_zh.index("占")], r.name_zh[r.name_zh.index("占") + 1:-2]
                self.share_wholes.setdefault(_indicator_keyword(part), []).append((r.indicator_code, whole))
        # kinds of enterprises by the word before 企业 (瞪羚企业数 → 瞪羚), for lists of their counts
        self.enterprise_kinds = [(k[:-2], code) for k, code, mtype, _ in self.indicators
                                 if mtype == "count" and k.endswith("企业") and len(k) >= 4]
        self.count_codes = {r.indicator_code for r in reference["indicators"].itertuples() if r.measure_type == "count"}
        self.count_keywords = {r.indicator_code: _indicator_keyword(r.name_zh)
                               for r in reference["indicators"].itertuples() if r.measure_type == "count"}
        self.industries = [(_industry_keyword(r.name_zh), r.industry_code) for r in reference["industries"].itertuples()]
        # 纺织服装、服饰业 is also written without its 、, 其他 also 其它; 农产品加工业's enterprises
        # are 农产品加工企业
        self.industries += [(k.replace("、", ""), code) for k, code in self.industries if "、" in k]
        self.industries += [(k.replace("其他", "其它"), code) for k, code in self.industries if "其他" in k]
        self.industries += [(k[:-1] + "企业", code) for k, code in self.industries
                            if k.endswith(("加工业", "制造业")) and len(k) >= 5]
        by_name = dict(zip(reference["industries"]["name_zh"], reference["industries"]["industry_code"]))
        self.industries += [(word, by_name[name]) for word, name in INDUSTRY_SYNONYMS.items() if name in by_name]
        # categories of a price index (食品烟酒(居民消费价格分类)) are written as prices (食品烟酒价格,
        # 衣着类价格); their figures are of that index (居民消费价格) where the quote names none
        indicator_by_name = dict(zip(reference["indicators"]["name_zh"], reference["indicators"]["indicator_code"]))
        self.price_index_of: dict[str, str] = {}
        for r in reference["industries"].itertuples():
            bracket = _BRACKETED.search(r.name_zh)
            if bracket and bracket.group(0)[1:-1].endswith("价格分类"):
                bare = _BRACKETED.sub("", r.name_zh)
                self.industries += [(bare + "价格", r.industry_code), (bare + "类价格", r.industry_code)]
                self.price_index_of[r.industry_code] = indicator_by_name.get(bracket.group(0)[1:-3], "")
        self.sectors = [by_name.get(name, "") for name in SECTOR_NAMES]
        # Kinds of enterprises named after an industry (高新技术企业 is a certification, not the
        # 高新技术产业): a count's keyword that holds an industry's names no industry.
        self.industry_words = [(k, code) for k, code in self.industries if len(k) >= 2]
        industry_words = {k for k, _ in self.industry_words}
        named = [_indicator_keyword(r.name_zh) for r in reference["indicators"].itertuples() if r.measure_type == "count"]
        self.entity_words = sorted({k for k in named if k.endswith("企业") and any(w in k and w != k for w in industry_words)},
                                   key=len, reverse=True)
        industries = reference["industries"]
        self.preferred: frozenset[str] = frozenset()  # industries that win a tie (in_region)
        self._regional: dict[str, CodeProposer] = {}
        self.local_industries = [(r.name_zh, r.industry_code) for r in industries.itertuples()
                                 if str(r.classification).startswith("local")]
        self.all_industries = "ALL" if "ALL" in set(by_name.values()) else ""
        # Products (原煤, 集成电路, 粮食…) by their classification; the output of any product
        # (产品产量) and the outputs in one unit (产量(吨)).
        parents = self.industry_parents = dict(zip(industries["industry_code"], industries["parent_code"]))
        self.products = {r.industry_code for r in industries.itertuples() if "product" in str(r.classification)}
        self.farm_products = {code for code in self.products if _descends(code, "A", parents)}
        indicators = reference["indicators"]
        self.output_any = next((r.indicator_code for r in indicators.itertuples() if r.name_zh == "产品产量"), "")
        self.thresholded = [(amount, _bigrams(rest), r.indicator_code) for r in indicators.itertuples()
                            if r.measure_type == "count" for amount, rest in [_threshold(r.name_zh)] if amount]
        self.output_in_units = {r.indicator_code for r in indicators.itertuples()
                                if _indicator_keyword(r.name_zh) == "产量" and r.name_zh != "产量"}
        self.output_by_weight = next((r.indicator_code for r in indicators.itertuples()
                                      if r.indicator_code in self.output_in_units and r.measure_type == "mass"), "")
        self.output_codes = {*self.output_in_units, self.output_any} - {""}
        self.industry_names = dict(zip(industries["industry_code"], industries["name_zh"]))

    def _fits(self, candidate: Candidate, measure_type: str, canonical_unit: str) -> bool:
        if candidate.measure == "share":
            return measure_type == "ratio"
        if candidate.measure in _RATE_MEASURES or _growth_points(candidate):
            return measure_type != "ratio"  # the growth of a level
        return self.canonical.get(candidate.unit) == canonical_unit

    def propose_indicators(self, candidates: list[Candidate], text: str = "", title: str = "") -> list[str]:
        """The indicator of each candidate, by the first rule that gives one (the module's
        docstring states them): a 分别 run over earlier figures or over listed items (their
        category, the statistic after the last item, each kind of enterprise); contribution
        points and shares; counts named by their words; a share of a level's statistic; the
        keyword of the subject, the level a rate follows, the quote (indicator()), read with the
        paragraph (_in_context, with the document's text) and the product's output unit; points
        of the rate or share before them; a price category's index; the title's indicator when it
        fits (…13个设区市GDP数据出炉: 苏州以X亿元 is a GDP); a threshold of a count; points are
        their rate's _growth_change or _growth_gap."""
        titled = [(code, mtype, unit) for k, code, mtype, unit in self.indicators
                  if len(k) >= 2 and k in matching_text(title)]
        out: list[str] = []
        listed = distributive(candidates)
        over = distributed_over_figures(candidates, text) if text else {}
        for i, c in enumerate(candidates):
            if i in over and out[over[i]] and _growth_points(c):
                # 分别比全省高7.6和5.8个百分点 after two rates: each rate's gap or change
                out.append(self._derived(out[over[i]], c))
                continue
            if i in listed and listed[i].category:
                # 教育、科学技术…等支出增速分别为: each item's 支出 (教育支出)
                code = self._indicator_in(listed[i].item + listed[i].category, c, True)
                if code:
                    out.append(code)
                    continue
            if i in listed and not listed[i].category and not self._indicator_in(matching_text(c.subject), c, True):
                # 新能源产业、新能源汽车产业产值分别增长34.7%和61.7%: the statistic after the last item's name
                code = self._indicator_in(self._after_industry(matching_text(listed[i].items[-1])), c, True)
                if code:
                    out.append(self._in_context(code, c, text))
                    continue
            if i in listed and c.unit in _COUNT_UNITS:
                # 专精特新、瞪羚、单项冠军个数分别达到33、8、4家: each kind of enterprise's count
                stems = [(len(stem), code) for stem, code in self.enterprise_kinds if stem in matching_text(listed[i].item)]
                if stems:
                    out.append(max(stems)[1])
                    continue
            contribution = self._contribution(c) or self._slogan_count(c)
            if contribution:
                out.append(contribution)
                continue
            division = self._division_count(c)
            if division:
                out.append(division)
                continue
            level = _level_before(candidates, out, i, text=text)
            code = self._share_of_level(candidates, out, i)
            if code:
                out.append(code)
                continue
            code = self.indicator(c, levels_first=level)
            if not code and c.measure == "share":
                code = self._share_of_whole(c)
            if not code and c.measure in ("level", "cumulative"):
                code = self._part_of_total(candidates, out, i)
            code = self._in_context(code, c, text)
            if code == "investment" and c.measure in _RATE_MEASURES and _FIXED_ASSETS in self.indicator_codes:
                code = _FIXED_ASSETS  # 工业投资增长42.4%: statistics publish growth of fixed-asset investment
            output = "" if level else self._output_growth(c, text)
            code = output or code
            if not code and c.measure in (*_RATE_MEASURES, "increment") and c.unit in _RATE_UNITS:
                # a rate is of the level before it in its quote; points of change of the rate
                # before them
                of = ("level", "cumulative", *_RATE_MEASURES) if c.unit != "%" else ("level", "cumulative")
                # 城镇化率为73.55%,提高0.56个百分点: points right after a share change the share
                code = self._share_change(candidates, out, i) or next((out[j] for j in range(i - 1, -1, -1)
                             if candidates[j].start >= c.quote_start and out[j] and candidates[j].measure in of
                             and _same_sentence(candidates[j], c)
                             and (not out[j].endswith("_count") or "数" in c.subject)), "")
                code = code or self._sibling_change(candidates, out, i, text) or self._in_context("", c, text)
            if not code and c.measure == "share":
                code = self._share_of_whole(c)
            if not code:  # 食品价格上涨3.3%: of the index its category belongs to
                code = self._price_index(c, text)
            # a rate is no growth of a count the title names; a figure of the title's own line
            # (a text whose first line is its first sentence) learns nothing from it
            if not code and c.measure != "share" and not (c.quote.strip() and c.quote.strip() in title):
                code = next((t for t, mtype, unit in titled if self._fits(c, mtype, unit)
                             and not (c.measure in _RATE_MEASURES and mtype == "count")), "")
            code = self._over_threshold(c, code) or code
            if code and c.kind == "growth_rate" and c.measure == "increment":
                code = self._derived(code, c)
            out.append(self._on_year(code, c) if code and c.measure in _RATE_MEASURES else code)
        return out

    def _slogan_count(self, c: Candidate) -> str:
        """“一港四园”, “一梁五柱”: a slogan counts the thing its character names, the count
        indicator whose name holds that character (产业港数, 产业园区数, “梁”项目数), if one does."""
        if not any("slogan" in note for note in c.notes):
            return ""
        unit = matching_text(c.unit)
        found = [(len(name), code) for name, code in self.count_names if unit in name]
        return min(found)[1] if found else ""

    def _part_of_total(self, candidates: list[Candidate], out: list[str], i: int) -> str:
        """原煤产量1657.8万吨…;其中,县属企业完成1094.2万吨: a part after 其中 named by who produced
        it is the statistic of the total before it in its sentence (the same unit)."""
        c = candidates[i]
        cue = c.quote.rfind("其中", 0, max(0, c.start - c.quote_start))
        if cue < 0 or not _PRODUCER_GROUP.search(matching_text(c.subject)):
            return ""  # a part named by what it is (增值税) has its own statistic
        return next((out[j] for j in range(i - 1, -1, -1) if out[j] and candidates[j].unit == c.unit
                     and candidates[j].end <= c.quote_start + cue  # the total stands before 其中
                     and candidates[j].measure in ("level", "cumulative") and candidates[j].value > c.value
                     and _same_sentence(candidates[j], c)), "")

    def _on_year(self, code: str, c: Candidate) -> str:
        """比2019年一季度增长14.5%: growth on a named earlier year's same period is the
        reference's <code>_growth_on_<year> where it holds one."""
        m = _ON_YEAR.search(_clause_before(c))
        derived = f"{code}_growth_on_{m['year']}" if m else ""
        return derived if derived in self.indicator_codes else code

    def _derived(self, code: str, c: Candidate) -> str:
        """The gap (高于全国…) or change (比上月回落…) of a rate's indicator, where the reference
        holds it; the rate's own code otherwise."""
        clause = _clause_before(c)
        if code in self.output_in_units and self.output_any:
            code = self.output_any  # the change of any product's growth is output_volume's
        derived = f"{code}_growth_gap" if _GAP_WORDS.search(clause) else f"{code}_growth_change"
        return derived if derived in self.indicator_codes else code

    def _over_threshold(self, c: Candidate, code: str) -> str:
        """A count of things above an amount (过1000亿元的集群1个, 产值超百亿企业20户, 3个万亿产业)
        is the reference's count over that amount (…_over_cny100bn) whose other words the clause
        shares, and that keeps the count's own noun (集群 stays a cluster count)."""
        if c.unit not in _COUNT_UNITS or c.measure == "share" or (code and code not in self.count_codes):
            return ""
        subject = matching_text(c.subject)
        amount, rest = _threshold(subject)
        if not amount:
            return ""
        clause = _bigrams(_clause_before(c) + subject)
        # the noun the subject ends in is what is counted (…应急产业龙头企业: enterprises); a
        # subject ending in its threshold (营业收入超百亿元) counts what the count's own word names
        tail = _BIGRAM_GAPS.sub(" ", rest).rstrip()
        head = {tail[-2:]} if len(tail) >= 2 and " " not in tail[-2:] else _bigrams(self.count_keywords.get(code, ""))
        found = [(len(words & clause), -len(words), option) for t, words, option in self.thresholded
                 if t == amount and head <= words and (words & clause or head)]
        return max(found)[2] if found else ""

    def _share_of_level(self, candidates: list[Candidate], out: list[str], i: int) -> str:
        """先进制造业总产值超过10000亿元,占规模以上工业比重达到70%: a share whose whole names no
        statistic is of the level's statistic: the reference's <level's name>占<whole…>比重."""
        c = candidates[i]
        clause = _clause_before(c)
        if c.measure != "share" or "占" not in clause:
            return ""
        level = _level_before(candidates, out, i, ("level", "cumulative"))
        name = self.indicator_names.get(level, "")
        whole = re.split(r"的?比重|的?占比", clause[clause.rindex("占") + 1:])[0]
        if not name or not whole or any(k in whole for k, *_ in self.indicators if len(k) >= 2 and k in name):
            return ""  # the whole names its statistic (占地区生产总值比重): the keywords decide
        keyword = _indicator_keyword(name)
        found = [(len(w), code) for code, w in self.share_wholes.get(keyword, []) if whole in w]
        return max(found)[1] if found else ""

    def _after_industry(self, item: str) -> str:
        """What follows the industry an item names (新能源汽车产业产值 → 产值), '' if it names none."""
        found = [(item.find(k), len(k)) for k, _ in self.industry_words if k in item]
        if not found:
            return ""
        start, length = min(found, key=lambda f: (f[0], -f[1]))
        rest = item[start + length:]
        return re.sub(r"^(?:产业|行业|业)", "", rest)

    def _price_index(self, c: Candidate, text: str) -> str:
        """The index a price category's figure (食品价格下降1.1%) belongs to: the category's
        (居民消费价格), or the narrower one its paragraph names (城市居民消费价格)."""
        index = self.price_index_of.get(self._industries_in(matching_text(c.subject)), "")
        if not index or not text:
            return index
        name = next((k for k, code, *_ in self.indicators if code == index), "")
        paragraph = matching_text(_context_before(text, c.start))
        narrower = [(len(k), code) for k, code, *_ in self.indicators if name and k.endswith(name) and k in paragraph]
        return max(narrower)[1] if narrower else index

    def _share_of_whole(self, c: Candidate) -> str:
        """A share of a whole the reference has an X占比 for: 占全区规上工业企业数的6.2% (企业数占比);
        其中应急装备产业占比60% after 营业收入…6000亿元 (营业收入占比, the whole its quote named)."""
        before = matching_text(c.said_before)
        clause = _last_clause(before)
        if "占" in clause and "占比" not in clause:
            whole, shares = clause[clause.rindex("占") + 1:], self.share_of_whole
        elif "占比" in clause:
            whole, shares = before, self.share_of
        else:
            return ""
        found = [(whole.rfind(k), len(k), code) for k, code in shares.items() if k in whole]
        return max(found)[2] if found else ""

    def _division_count(self, c: Candidate) -> str:
        if matching_text(c.unit) not in ("个", "项", "大类", "类") or c.measure == "share":
            return ""
        subject = matching_text(c.subject)
        code = next((code for pattern, code in _DIVISION_COUNTS if pattern.search(subject)), "")
        return code if code in self.indicator_codes else ""

    def _contribution(self, c: Candidate) -> str:
        """拉动…增长N个百分点 and …贡献率N%: the contribution indicators, whatever aggregate their
        quote names (拉动GDP增长 is no change of GDP's growth)."""
        clause = _clause_before(c)
        if c.unit in _RATE_UNITS[1:] and _CONTRIBUTION_POINTS.search(clause.replace("分别", "")):
            code = "growth_contribution_points"
        elif c.unit == "%" and _CONTRIBUTION_SHARE.search(clause):
            code = "growth_contribution_share"
        else:
            return ""
        return code if code in self.indicator_codes else ""

    def _sibling_change(self, candidates: list[Candidate], out: list[str], i: int, text: str) -> str:
        """Points right after other points of the same rate in one sentence (高于全国1.6个百分点,
        但比上年同期回落1.0个百分点) change that rate too: the indicator they derive from."""
        if i == 0 or not text or not _growth_points(candidates[i]) or not _growth_points(candidates[i - 1]):
            return ""
        if any(end in text[candidates[i - 1].end:candidates[i].start] for end in "。！？\n"):
            return ""
        return next((out[i - 1][:-len(d)] for d in _GROWTH_DERIVED if out[i - 1].endswith(d)), "")

    def _share_change(self, candidates: list[Candidate], out: list[str], i: int) -> str:
        """Points right after a share (城镇化率为74.46%,提高0.91个百分点; 占比分别较…提高0.1和1.2
        个百分点) change that share: <share>_change where the reference holds it."""
        c = candidates[i]
        if c.measure != "increment" or c.unit not in _RATE_UNITS[1:] or _growth_points(c) or i == 0:
            return ""
        share = _level_before(candidates, out, i, ("share",))
        clause = _clause_before(c)
        for derived in ((f"{share}_gap",) if _GAP_WORDS.search(clause) else ()) + (f"{share}_change",):
            if share and derived in self.indicator_codes:
                return derived  # 产销率95.9%,高于规模以上工业平均水平1.7个百分点: the gap
        before = candidates[i - 1]
        if out[i - 1].endswith("_change") and before.unit == c.unit and \
                (distributive(candidates[i - 1:i + 1]) or joined(before, c)):
            return out[i - 1]  # 占比分别较1—9月份和上年同期提高0.1和1.2个百分点: both change the share
        return ""

    def _output_growth(self, c: Candidate, text: str = "") -> str:
        """The output indicator of a percent growth of a product's output stated without its
        level (集成電路産量增長67.8%, 工業機器人增長61.7%, 牛奶产量增长11.2%): the one in the unit
        the product is counted in, as its level would be: tonnes for farm products and goods
        counted by weight (原煤, 水泥, 电解铝, 十种有色金属, 化学肥料, 精制茶: _BY_WEIGHT), the
        output in any unit otherwise. A bare product name is its output where the prose last
        spoke of products (分产品看…, 汽车增长9.7%), not of industries' value added
        (35个行业增加值实现增长，汽车增长9.7%). '' when the rate is no product's output growth."""
        if not self.output_any or c.unit != "%" or c.measure not in _RATE_MEASURES:
            return ""
        subject = matching_text(c.subject)
        named = self._indicator_in(subject, c, True)
        if named and named not in self.output_in_units:
            return ""
        product = self._industries_in(subject)
        if product and product not in self.products:
            return ""
        if not product and not named:
            return ""
        if product and not named:
            before = matching_text(_context_before(text, c.start) if text else c.said_before)
            cues = {cue: before.rfind(cue) for cue in (*_PRODUCT_CUES, *_INDUSTRY_CUES)}
            if max(cues[k] for k in _PRODUCT_CUES) <= max(cues[k] for k in _INDUSTRY_CUES):
                return ""
        name = self.industry_names.get(product, "") if product else subject.split("产量")[0]
        by_weight = product in self.farm_products or bool(_BY_WEIGHT.search(name))
        return (self.output_by_weight or self.output_any) if by_weight else self.output_any

    def _in_context(self, code: str, candidate: Candidate, text: str) -> str:
        if not text:
            return code
        paragraph = _context_before(text, candidate.start)
        subject = matching_text(candidate.subject)
        if not code:
            # 在三次产业中,一产业…增长23.0% after 固定资产投资…: a sector's part of that investment
            fai = paragraph.rfind("固定资产投资")
            va = max((m.start() for m in _ABOVE_SCALE_VALUE_ADDED.finditer(paragraph)), default=-1)
            sector = self._named_industry(candidate)
            if fai > va and candidate.measure in _RATE_MEASURES and candidate.unit == "%" \
                    and (sector in _SECTOR_INDUSTRIES[1:] or _descends(sector, "IND", self.industry_parents)) \
                    and _FIXED_ASSETS in self.indicator_codes:
                return _FIXED_ASSETS
            if not _ABOVE_SCALE_VALUE_ADDED.search(paragraph) or self._named_industry(candidate) in _SECTOR_INDUSTRIES:
                return code
            clause = _clause_before(candidate)
            if candidate.measure == "share" and ("占比" in subject or "占比" in clause):
                code = "value_added_share_of_above_scale_industry"
            elif candidate.measure in _RATE_MEASURES and candidate.unit == "%":
                code = "above_scale_industrial_value_added"
            return code if code in self.indicator_codes else ""
        named = self._named_industry(candidate) if any(code == u[1] for u in _CONTEXT_UPGRADES) else ""
        if code == "value_added" and named and named != "IND" and _descends(named, "IND", self.industry_parents) \
                and "全部" not in subject and _ABOVE_SCALE_VA in self.indicator_codes:
            # 高技术制造业增加值增长47.6%: statistics report industry's groupings above scale only
            return _ABOVE_SCALE_VA
        for cue, generic, specific, sectors_too in _CONTEXT_UPGRADES:
            if code != generic:
                continue
            if sectors_too in ("industrial", "no other sector"):
                # 建筑业增加值, 建筑企业: no above-scale industry's
                said = matching_text(candidate.said_before)
                applies = not named or _descends(named, "IND", self.industry_parents) \
                    or bool(cue.search(subject) or sectors_too == "industrial" and cue.search(said)) \
                    or sectors_too == "no other sector" \
                    and not any(_descends(named, s, self.industry_parents) for s in _SECTOR_INDUSTRIES[1:])
            else:
                applies = bool(sectors_too) or named not in _SECTOR_INDUSTRIES[1:]
            if code == generic and cue.search(paragraph) and "全部" not in subject and applies \
                    and specific in self.indicator_codes:
                return specific
        return code

    def indicator(self, candidate: Candidate, levels_first: str = "") -> str:
        """The longest fitting indicator keyword in the subject, else `levels_first` (the code
        of the level a rate follows in its sentence: 水产品产量4198吨,比上年增长4.6% is that
        output's growth, whatever the quote named before it), else a keyword in the quote before
        the value (规上 read as 规模以上, its usual abbreviation; traditional characters matched
        as simplified)."""
        before = candidate.said_before
        clause = _last_clause(before).strip()
        if candidate.measure in ("level", "cumulative") and len(clause) >= 2 and clause == candidate.subject:
            # a level whose clause is its own subject (契税12.5亿元，城市建设维护税10.3亿元) borrows
            # no name from the clauses of other figures
            before = clause
        for text, in_subject in ((matching_text(candidate.subject), True), (matching_text(before), False)):
            if not in_subject and levels_first:
                return levels_first
            found = self._indicator_in(text, candidate, in_subject)
            if found and levels_first and {found, levels_first} <= self.output_codes:
                return levels_first  # 水产品产量19.1万吨,增长3.8%: the output in its level's unit
            if found:
                return found
        return ""

    def _indicator_in(self, text: str, candidate: Candidate, in_subject: bool) -> str:
        """The longest indicator keyword in text that fits the candidate's measure and unit."""
        text = text.replace("规上", "规模以上")
        rate = candidate.measure in _RATE_MEASURES
        # a rate grows a count only where it says so (企业数增长5%): 新能源产业产值增长 and
        # 41个行业中…，汽车增长9.7% are no growth of a number of industries
        found = [(len(k), code) for k, code, mtype, unit in self.indicators
                 if k and k in text and self._fits(candidate, mtype, unit) and not _only_adjective(k, text)
                 and (not rate or mtype != "count" or (in_subject and "数" in text))]
        # one level, and the thing counted is the subject's last noun (省市级集群领军企业 counts
        # enterprises; 国家级、省级、市级创新平台 no one level's)
        one_level = sum(w in text for w in ("国家级", "省级", "市级", "县级")) <= 1 and "省市" not in text
        if in_subject and candidate.unit in _COUNT_UNITS and text.rstrip("”\"").endswith("企业"):
            # 国家级专精特新“小巨人”企业: a kind of enterprise with words between kind and 企业
            found += [(len(stem) + 2, code) for stem, code in self.enterprise_kinds if stem in text]
        found += [(n, code) for pattern, n, code, mtype, unit in self.level_counts
                  if in_subject and one_level and self._fits(candidate, mtype, unit)
                  and (m := pattern.search(text)) and m.end() >= len(text.rstrip()) - 2]
        # a qualified name not written yields to the unqualified one (固定资产投资 without 不含农户)
        found = [(n, code) for n, code in found if self.qualifier.get(code, "") in text] or found
        return max(found)[1] if found else ""

    def region(self, candidate: Candidate, document_region: str) -> str:
        """A place within the document's region named in the quote before the value."""
        if not document_region:
            return ""
        before = candidate.said_before
        return self.regions.propose(before, document_region)

    def industry(self, candidate: Candidate, document_industry: str = "") -> str:
        """The longest industry keyword (or synonym: 第三产业 is 服务业) in the subject, else in
        the quote before the value, else the document's industry (the one its title names),
        else all industries: a figure naming none is the region's whole economy."""
        return self._named_industry(candidate) or document_industry or self.all_industries

    def _named_industry(self, candidate: Candidate) -> str:
        before = candidate.said_before
        for text in (candidate.subject, before):
            found = self._industries_in(matching_text(text))
            if found:
                return found
        return ""

    def propose_industries(self, candidates: list[Candidate], document_industry: str = "", text: str = "") -> list[str]:
        """industry() of each candidate, with two sequences read together: the parts of a ratio
        of 三次产业 are the three sectors in order, and a rate or change that names no industry
        (比上年增长5%) takes the industry of the level before it in the same quote; with the
        document's text, a level named by its statistic alone (产量727.19万吨) takes the industry
        named earlier in its sentence."""
        out: list[str] = []
        run = -1
        listed = distributive(candidates)
        over = distributed_over_figures(candidates)
        named: list[bool] = []  # whether candidate j's industry was read in the text, not a fallback
        for i, c in enumerate(candidates):
            if i in over:  # 分别比全省高7.6和5.8个百分点: each of the rates before
                out.append(out[over[i]])
                named.append(True)
                continue
            if i in listed and _FISCAL.search(listed[i].category):
                # 节能环保、公共安全…等支出增速分别为: budget functions, no industries
                out.append(document_industry or self.all_industries)
                named.append(False)
                continue
            if i in listed:
                # the n-th value of 分别 is the n-th item's (轻、重工业…分别为173.4亿元和410.2亿元)
                code = self._industries_in(listed[i].item) or self._across(listed[i].item, listed[i].completed())
                if code:
                    out.append(code)
                    named.append(True)
                    continue
            ratio_part = any("part of a ratio" in n for n in c.notes)
            run = run + 1 if ratio_part and i > 0 and _next_part(candidates[i - 1], c) else 0 if ratio_part else -1
            if ratio_part and _SECTOR_RATIO.search(matching_text(c.quote)) and 0 <= run < len(self.sectors) \
                    and self.sectors[run]:
                out.append(self.sectors[run])
                named.append(True)
                continue
            subject = matching_text(c.subject)
            if c.measure == "share" and "占" in subject:
                # 高技术制造业增加值增长19.1%,占规模以上工业增加值比重为11.9%: the part is the one
                # named before 占 (or the figure before it), never the whole named after it
                code = self._industries_in(subject[:subject.index("占")]) or _level_before(candidates, out, i, _ANY)
            elif c.unit in _RATE_UNITS[1:] and (gap := _GAP_WORDS.search(subject)) and i > 0 \
                    and candidates[i - 1].start >= c.quote_start:
                # 产销率95.9%,高于规模以上工业平均水平1.7个百分点: what follows 高于 is the base compared
                # with; the gap is of the figure before it
                code = self._industries_in(subject[:gap.start()]) or out[i - 1]
            elif "等" in subject and (group := self._industries_in(subject[subject.rindex("等") + 1:])):
                code = group  # 工业机器人、新能源汽车…等高新产品产量: the group the list ends in
            else:
                code = self._industries_in(subject) or _level_before(candidates, out, i, _ANY_BUT_SHARE[c.unit == "%"])
            code = code or self._named_industry(c)
            if code == "IND" and not _AGGREGATE_WORDS.search(subject):
                # 全区汽车制造业逆势发展,实现工业增加值同比增长13.9%: the industry the sentence is
                # about, 工业 only says which statistic
                before = matching_text(c.said_before)
                before = before[:before.rfind(subject)] if subject and subject in before else before
                specific = self._industries_in(before)
                code = specific if specific != "IND" and _descends(specific, "IND", self.industry_parents) else code
            if not code and c.unit in _RATE_UNITS and c.measure != "share":
                code = next((out[j] for j in range(i - 1, -1, -1)
                             if candidates[j].start >= c.quote_start
                             and candidates[j].measure in ("level", "cumulative", *_RATE_MEASURES)), "")
            if not code and text and c.measure in ("level", "cumulative") and _BARE_STATISTIC.fullmatch(subject):
                # 蔬菜收获面积347.40万亩,同比增长0.1%;产量727.19万吨: the product the sentence named
                code = next((out[j] for j in range(i - 1, -1, -1)
                             if not any(end in text[candidates[j].end:c.start] for end in "。！？\n")
                             and named[j]), "")
            named.append(bool(code))
            # 云南全省固定资产投资增长7.4% in an industry release: the whole region's, no industry
            whole = _WHOLE_REGION.search(subject)
            out.append(code or (self.all_industries if whole else "") or document_industry or self.all_industries)
        return out

    def _across(self, head: str, completed: str) -> str:
        """The industry named across an elliptical head and its completion (轻 + 工业), none
        named in the completion alone."""
        found = [(-completed.find(k), len(k), code) for k, code in self.industries
                 if len(k) >= 2 and k in completed and completed.find(k) < len(head) < completed.find(k) + len(k)]
        return max(found)[2] if found else ""

    def _industries_in(self, text: str) -> str:
        """The industry named first (高新技术产业增加值占规模以上工业增加值比重 is of 高新技术产业),
        the longest name where two start together (规模以上工业 over 工业)."""
        text = text.replace("规上", "规模以上")  # the usual abbreviation, as for indicators
        for word in self.entity_words:
            text = text.replace(word, "　" * len(word))
        # a place's own industry wins where it starts (重庆汽车产业 over 汽车制造业 in Chongqing)
        found = [(-text.find(k), code in self.preferred, len(k), code) for k, code in self.industry_words if k in text]
        if not found:
            return ""
        start, _, length, code = max(found)
        # a name that qualifies the one right after it (工业战略性新兴产业): the head comes last
        while True:
            end = -start + length
            heads = [(n, c) for k, c in self.industry_words if text.startswith(k, end) for n in [len(k)]]
            if not heads:
                return code
            length, code = max(heads)
            start = -end

    def in_region(self, region: str) -> CodeProposer:
        """This proposer for a document of `region`: its place's local industries (重庆汽车产业)
        are also named without the place (汽车) and win over a national industry of that name;
        other places' local industries are named in full only."""
        if region not in self._regional:
            local = self._local_words(region)
            regional = copy.copy(self)
            regional.industry_words = [*local, *self.industry_words]
            regional.preferred = frozenset(code for _, code in local)
            self._regional[region] = regional
        return self._regional[region]

    def _local_words(self, region: str) -> list[tuple[str, str]]:
        words = []
        for name, code in self.local_industries:
            place = self.regions.name_at_start(name)
            rest = name[len(place):] if place else ""
            # 汽车产业 is named 汽车; a cluster (生物医药产业集群) is named as one, not as its industry
            rest = rest if rest.endswith("集群") else _industry_keyword(rest)
            if len(rest) >= 2 and region and any(self.regions.within(region, c) for c in self.regions.names[place]):
                words.append((matching_text(rest), code))
        return words

    def document_industry(self, title: str, region: str = "") -> str:
        """The industry a document's title names (…战略性新兴产业…), else ''. A local industry
        named after a place (泰安免疫力经济产业集群) is named without it (…免疫力经济产业…) in a
        document of that place."""
        found = self._industries_in(title)
        if found or not region:
            return found
        for name, code in self.local_industries:
            place = self.regions.name_at_start(name)
            rest = _industry_keyword(name[len(place):]) if place else ""
            if len(rest) >= 3 and rest in matching_text(title) and any(
                    self.regions.within(region, c) or self.regions.within(c, region) for c in self.regions.names[place]):
                return code
        return ""


def _next_part(before: Candidate, part: Candidate) -> bool:
    """part follows `before` in the same ratio: only a colon stands between them
    (由上年的17.3:41.2:41.5调整为17.8:… holds two ratios)."""
    if not any("part of a ratio" in n for n in before.notes) or before.quote_start != part.quote_start:
        return False
    between = part.quote[before.end - part.quote_start:part.start - part.quote_start]
    return between.strip() in (":", "：", "∶")


_CLAUSE_ENDS = tuple(",，、;；")
_FISCAL = re.compile(r"支出|收入|税")
_FIXED_ASSETS = "fixed_asset_investment"
# words that make 工业 the whole of industry (全市规模以上工业增加值), not the statistic of a part
_AGGREGATE_WORDS = re.compile(r"规模以上|规上|全市|全省|全区|全县|全国|全部|全社会")
_ABOVE_SCALE_VA = "above_scale_industrial_value_added"
_ANY = ("level", "cumulative", "increment", "share", *_RATE_MEASURES)
# what a rate's industry follows: a percent also a share (占比为95.56%,同比下降15.4%), points a rate
_ANY_BUT_SHARE = {True: ("level", "cumulative", "share", "increment"),
                  False: ("level", "cumulative", "share", "increment", *_RATE_MEASURES)}


_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)?([十百千]?)(万?)亿(?:元|级)?")
_MAGNITUDE = {"": 1, "十": 10, "百": 100, "千": 1000}
_COUNT_UNITS = frozenset(("个", "家", "户", "项", "种", "所", "座"))


def _threshold(text: str) -> tuple[float, str]:
    """The amount (in 亿元) a count's things exceed, and the text without it: 过1000亿元的集群 →
    1000, 产值超百亿企业 → 100, 万亿级产业 → 10000, 超亿元企业 → 1."""
    m = _AMOUNT.search(text)
    if m is None:
        return 0.0, text
    amount = float(m.group(1) or 1) * _MAGNITUDE[m.group(2)] * (10000 if m.group(3) else 1)
    return amount, text[:m.start()] + text[m.end():]


_BIGRAM_GAPS = re.compile(r"[^\u4e00-\u9fff]|规模|年?营业收入|过|超|突破|率先|达到|达|的|数$")


def _bigrams(text: str) -> set[str]:
    """Two-character words of text's Chinese, without the words of a threshold (规模过…的…数)."""
    text = _BIGRAM_GAPS.sub(" ", text)
    return {text[i:i + 2] for i in range(len(text) - 1) if " " not in text[i:i + 2]}


def _only_adjective(word: str, text: str) -> bool:
    """国家级, 省级: the word only qualifies a level of something else (国家级先进制造业集群 counts
    no countries)."""
    return all(text[m.end():m.end() + 1] == "级" for m in re.finditer(re.escape(word), text))


def _growth_points(c: Candidate) -> bool:
    """Points by which a growth rate changed or exceeds another (回落0.7个百分点, 高于全国1.6个百分点)."""
    return c.kind == "growth_rate" and c.measure == "increment" and c.unit in _RATE_UNITS[1:]


def _descends(code: str, ancestor: str, parents: dict[str, str]) -> bool:
    for _ in range(8):
        if code == ancestor:
            return True
        code = parents.get(code) or ""
    return False


def _level_before(candidates: list[Candidate], codes: list[str], i: int, of: tuple[str, ...] = (),
                  text: str = "") -> str:
    """The code proposed for the figure a rate or change at i is of, when its own subject names
    nothing: the nearest figure before it in the same sentence of its quote, a level or total
    for a percent (产量4198吨,比上年增长4.6%), also a rate for points (增长38.1%,提高6.9个百分点),
    or any figure of the measures `of`; an increment in the level's unit right after it
    (常住人口373.1万人,比上年末增加5.9万人) changes that level. With the document's text the
    figure before may stand in an earlier quote of the sentence."""
    c = candidates[i]
    if i == 0 or i > len(codes):
        return ""
    before = candidates[i - 1]
    if c.measure == "increment" and c.unit not in _RATE_UNITS and c.unit == before.unit and not of:
        of = ("level", "cumulative")  # 常住人口373.1万人,比上年末增加5.9万人: the change of that level
    elif c.unit not in _RATE_UNITS or c.measure not in (*_RATE_MEASURES, "increment", "share") \
            or (c.measure == "share" and not of):
        return ""
    of = of or (("level", "cumulative") if c.unit == "%" else ("level", "cumulative", *_RATE_MEASURES))
    if text and before.end <= c.start:
        after = text[before.end:c.start]
        if any(end in after for end in "。！？\n"):
            return ""
    elif before.start < c.quote_start or not _same_sentence(before, c):
        return ""
    else:
        after = c.quote[before.end - c.quote_start:c.start - c.quote_start]
    if before.measure not in of:
        return ""
    # the level closes its clause (4198吨,比上年增长): 10种有色金属增长15.3% counts a kind of metal
    after, unit = matching_text(after.lstrip()), matching_text(before.unit)
    after = after[len(unit):] if after.startswith(unit) else after
    return codes[i - 1] if after[:1] in _CLAUSE_ENDS else ""


def _last_clause(text: str) -> str:
    return re.split(r"[，,；;。]", text)[-1]


def _clause_before(c: Candidate) -> str:
    """The figure's own clause up to its value, in the matching text."""
    return _last_clause(matching_text(c.said_before))


def _same_sentence(earlier: Candidate, later: Candidate) -> bool:
    """No sentence end stands between the two figures in the later one's quote."""
    between = later.quote[max(0, earlier.end - later.quote_start):max(0, later.start - later.quote_start)]
    return not any(end in between for end in "。！？\n")


_CONTEXT_REACH = 400  # characters before a figure that still speak of its aggregate
_HEADING_LINE = re.compile(r"\n[ \t　]*(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+[章节部分])")


def _context_before(text: str, pos: int) -> str:
    """The text before pos that frames it: up to _CONTEXT_REACH characters, from the start of
    its section at most (一、综合 and 三、工业 frame their own figures)."""
    window = text[max(0, pos - _CONTEXT_REACH):pos]
    headings = list(_HEADING_LINE.finditer(window))
    return window[headings[-1].start():] if headings else window
