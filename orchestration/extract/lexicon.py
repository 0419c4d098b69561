"""The words of Chinese statistical prose the extractor knows: units and classifiers, the
position of each qualifier marker, time and kind cues. General language, no document's
strings: what a figure looks like in any local-government text."""

from __future__ import annotations

import re

from orchestration.ingest.figures import QUALIFIER_MARKERS

# Units as written after a number, longest first when matched. A magnitude (万/亿) written
# before a base unit forms a compound unit only where the compound is listed here (万元,
# 亿元…); otherwise the magnitude stays in the value (8万人 → value_text 8万, unit 人).
AMOUNT_UNITS = ("万亿元", "亿元", "万元", "千元", "元", "亿美元", "万美元", "美元")
CAPACITY_UNITS = ("亿千瓦时", "万千瓦时", "千瓦时", "万千瓦", "千瓦", "兆瓦")
MASS_UNITS = ("万吨", "吨", "千克", "公斤")
AREA_UNITS = ("万平方米", "平方米", "平方公里", "万亩", "亩", "公顷")
LENGTH_UNITS = ("公里", "千米")
RATIO_UNITS = ("个百分点", "百分点", "%", "％", "‰")
# Classifiers of counted things. A Chinese numeral (两, 四十) counts only with the common
# ones: with the others it is mostly an idiom (两条腿走路, 三头六臂).
# 次 is Arabic-only: 两次, 三次 are how often something happened, not a statistic.
COUNT_UNITS_COMMON = ("家", "个", "位", "种", "项", "人", "名", "户", "所", "座", "支",
                      "大类", "系列", "类", "批")
COUNT_UNITS_ARABIC_ONLY = ("人次", "次", "万人次", "辆", "台", "套", "艘", "架", "条", "件", "款", "处", "宗", "株",
                           "头", "只", "份", "篇", "场", "例", "张")
MAGNITUDES = ("万亿", "亿", "万")
UNITS: tuple[str, ...] = tuple(sorted(
    {*AMOUNT_UNITS, *CAPACITY_UNITS, *MASS_UNITS, *AREA_UNITS, *LENGTH_UNITS, *RATIO_UNITS,
     *COUNT_UNITS_COMMON, *COUNT_UNITS_ARABIC_ONLY},
    key=len, reverse=True))
COMPOUND_UNITS = frozenset(u for u in UNITS for m in MAGNITUDES if u.startswith(m) and u[len(m):] in UNITS)
COUNT_UNITS = frozenset((*COUNT_UNITS_COMMON, *COUNT_UNITS_ARABIC_ONLY))
CHINESE_NUMERAL_UNITS = frozenset(COUNT_UNITS_COMMON)
POINT_UNITS = frozenset(("个百分点", "百分点"))
UNIT_NORMALISED = {"％": "%", "百分点": "个百分点"}
# N大系列, 9大类: 大 between a numeral and these classifiers still counts them (四大名药 does not).
BIG_INFIX_UNITS = ("系列", "类")
# A unit followed by these is another word: 3个月 (a duration), 两位数 (digits), 三次产业 (sectors).
UNIT_BREAKERS: dict[str, tuple[str, ...]] = {
    "个": ("月", "工作日", "小时", "星期", "季度", "年头", "点"),
    "位": ("数",),
    "次": ("产业", "方"),
    "名": ("称", "单", "牌", "片", "义", "誉", "列", "录"),
    "项": ("目",),
    "类": ("型", "似", "别"),
    "人": ("民",),
    "家": ("庭", "族", "乡", "长"),
    "种": ("植", "养", "子", "业", "类"),
    "所": ("有", "以", "属", "得", "在", "谓"),
    "条": ("件", "例", "款"),
    "台": ("湾", "风", "阶"),
    "批": ("准", "复", "示", "次", "评"),
}

# Qualifier markers by where they stand; the qualifier itself always comes from
# figures.QUALIFIER_MARKERS, so the extractor and ingest validation cannot disagree.
PREFIX_MARKERS = ("不低于", "不超过", "超过", "突破", "超", "过", "近", "约")
SUFFIX_MARKERS = ("左右", "以上", "以内")
NUMBER_SUFFIX_MARKERS = ("多", "余")  # inside the value text: 1600多, 200余
STRIVE_MARKER = "力争"
assert all(m in QUALIFIER_MARKERS for m in (*PREFIX_MARKERS, *SUFFIX_MARKERS, *NUMBER_SUFFIX_MARKERS, STRIVE_MARKER))
# Words that end in a one-character marker without being one: 签约3个项目 is not "about 3".
FALSE_PREFIX_WORDS = frozenset((
    "签约", "节约", "制约", "预约", "合约", "条约", "契约", "邀约", "履约", "特约", "违约", "解约", "相约", "集约",
    "最近", "附近", "就近", "邻近", "通过", "经过", "不过", "越过", "跨过", "度过", "错过", "高超", "赶超",
))
# What may follow a bounded figure (以上, 超…) that is a statement, not a threshold in a
# definition (10亿元以上项目15个, 过1000亿元的集群1个): punctuation, a conjunction, the end.
# 超9414亿元的GDP总量, 突破千亿元的经济总量: after 的 the quantity's own name follows (a statement),
# not the kind of thing the amount classes (过1000亿元的集群).
QUANTITY_AFTER_DE = re.compile(r"的(?:GDP|地区生产总值|生产总值|经济)?(?:总量|规模|总额|总值)")
STATEMENT_FOLLOWERS = frozenset("，,。；;：:、）)】」”’！？!?\n 　和与及并或等")

# Prefixes that make a number not a quantity: ordinals (第五代), ranks (前10名), rates per
# unit (每万元), vague counts (数十家, 几十个).
ORDINAL_PREFIXES = ("第",)
RANK_PREFIXES = ("前", "后")
RANK_UNITS = frozenset(("名", "位"))
PER_PREFIXES = ("每",)
VAGUE_PREFIXES = ("数", "几", "若干")
CLASS_SUFFIXES = ("级",)  # 万吨级, 10万吨级码头: a size class, not a quantity

# Well-known political formulae with a numeral and a classifier: names, not statistics.
NAMED_NUMERAL_PHRASES = ("两个确立", "两个维护", "四个意识", "四个自信", "四个全面", "三个代表", "两个一百年",
                         "五位一体", "八项规定", "三个务必", "两个毫不动摇", "六个必须坚持")

# Kind and measure cues. A percent that is not a growth rate is a share (占, 比重, …率, 强度).
GROWTH_WORDS = ("同比增长", "比上年增长", "较上年增长", "年均增长", "年均递增", "增长", "增速", "递增", "增幅", "涨幅",
                "上涨", "下跌", "下滑", "回升", "负增长", "下降", "减少", "提高", "提升", "上升", "增加", "回落", "降低",
                "收窄", "扩大")
# A 个百分点 change is of a growth rate when the sentence speaks of growth before it.
GROWTH_CUES = ("增速", "增幅", "涨幅", "增长", "增加值增长", "回升", "回落")
AVG_GROWTH_WORDS = ("年均", "平均增长", "平均年增速", "平均增速", "年平均")
# 拉动…增长4.2个百分点, 对…增长的贡献: points of growth whatever rate stood before.
GROWTH_CONTRIBUTION = re.compile(r"拉动[^，,。；;]{0,12}增长")
# Counted units whose level is a stock at a date (enterprises, households), never a sum over months.
STOCK_UNITS = frozenset(("家", "户"))
LEVEL_VERB_SUFFIXES = ("到", "至")  # 提高到45%: a level reached, not a change
CUMULATIVE_WORDS = ("累计", "共计", "总计", "以来", "共")
INCREMENT_WORDS = ("新增", "新建", "新认定", "新建成", "新培育", "新引进", "新开工", "新登记", "新注册", "新入库", "新签约", "新投产")
# 增加22家, 减少12家: a count or amount right after a change word is an increment.
CHANGE_VERBS = ("增加", "减少", "增长", "下降", "净增", "净减")
FUTURE_VERB = re.compile(r"将(?:新增|达到|达|实现|形成|带动|超过|突破|增加|提高|提升|建成|完成|拉动|吸纳|创造|产生|增长|有)")
FUTURE_WORDS = ("预计", "争取", "确保", "目标是", "下一步", STRIVE_MARKER)  # not 计划: 计划总投资 is a project's size
TARGET_SECTION_WORDS = ("目标", "任务")

# Subjects: verbs and markers trimmed from the phrase before a number.
SUBJECT_TRAILING = (
    "分别达到", "分别为", "分别是", "分别", "达到了", "达到", "达", "实现了", "实现", "完成", "为", "是", "有", "拥有",
    "突破", "超过", "超", "过", "约", "近", "不低于", "不超过", "控制在", "保持在", "稳定在", "提高到", "提升至", "提高至",
    "提升到", "增长到", "增至", "提高", "提升", "增长", "同比增长", "年均增长", "下降", "共", "累计", "共计", "力争", "争取",
    "新增", "获得", "聘请", "推出了", "推出", "引进", "培育", "建成", "建设", "形成", "吸引了", "吸引", "签约",
    "签订", "销售", "金额", "达成", "总计", "合计", "共推动建设", "推动建设", "推动", "全部", "并", "占",
)
SUBJECT_LEADING = ("其中", "同时", "目前", "此外", "另外", "全年", "今年", "当年", "以及", "和", "及", "并", "且")
# The whole of the document's region, named by its level (全省, 全市, 我省, 本县): no place of
# its own, and no industry (全省固定资产投资 is the whole economy's).
WHOLE_REGION = r"全[省市县区州盟旗国]|我[省市县区]|本[省市县区]"
