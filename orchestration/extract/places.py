"""Place names in a text → GB/T 2260 region codes: every name of raw/reference/regions.csv,
its short form (黄岛区 → 黄岛) and, for autonomous areas, the usual one (临夏回族自治州 → 临夏州),
kept only inside the document's region."""

from __future__ import annotations

import re

import pandas as pd

_REGION_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区", "地区", "省", "市", "区", "县", "旗", "盟")
MAX_NAME = 12  # the longest place name matched, in characters
_OTHER_FIGURE = re.compile(r"\d+(?:\.\d+)?(?![\d.]|\s*[年月日号])")


# The 55 minority nationalities (and 各族: all of them), as autonomous areas name them
# (临夏回族自治州, 黔西南布依族苗族自治州, 龙胜各族自治县).
_NATIONALITIES = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克",
    "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬",
    "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克",
    "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各")
_AUTONOMOUS = re.compile("(?P<place>.{2,}?)(?:(?:" + "|".join(sorted(_NATIONALITIES, key=len, reverse=True))
                         + r")族?)+自治(?P<level>[州县旗])$")


def _usual_name(name: str) -> str | None:
    """临夏回族自治州 → 临夏州, 长阳土家族自治县 → 长阳县: how texts name an autonomous area."""
    m = _AUTONOMOUS.fullmatch(name)
    return m["place"] + m["level"] if m else None


def _short_name(name: str) -> str | None:
    """黄岛区 → 黄岛, 青岛市 → 青岛; None when the rest is one character (东区) or a common word."""
    for suffix in _REGION_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[:-len(suffix)]
    return None


class RegionNames:
    """Place names (full and short) of the region table → codes, with each code's parent."""

    def __init__(self, regions: pd.DataFrame):
        self.parent = dict(zip(regions["region_code"], regions["parent_code"]))
        self.names: dict[str, list[str]] = {}
        for code, name in zip(regions["region_code"], regions["name_zh"]):
            for key in {name, _short_name(name), _usual_name(name)}:
                if key and len(key) >= 2:
                    self.names.setdefault(key, []).append(code)

    @property
    def place_names(self) -> frozenset[str]:
        return frozenset(self.names)

    def name_at_start(self, text: str) -> str | None:
        """The longest place name text starts with (重庆汽车产业 → 重庆), None if none."""
        return next((text[:n] for n in range(min(MAX_NAME, len(text) - 1), 1, -1) if text[:n] in self.names), None)

    def within(self, code: str, ancestor: str) -> bool:
        seen = 0
        while code and seen < 6:
            if code == ancestor:
                return True
            code, seen = self.parent.get(code, ""), seen + 1
        return False

    def propose(self, text: str, document_region: str) -> str:
        """The last place name in `text` that lies within the document's region, else the
        document's region; where the last clause names places of different branches (唐山开平、
        张家口怀安2个示范基地) the figure spans them: their nearest common ancestor."""
        # a place named before another figure of an earlier clause is that figure's (怀安2个…基地,
        # 打造6个); in the figure's own clause it is the subject of both (郓城县…3个…和1个)
        clause_start = max(text.rfind(p) for p in "，,；;。\n") + 1
        figure = max((m.end() for m in _OTHER_FIGURE.finditer(text, 0, clause_start)), default=0)
        places = [(start, code) for start, code in self._places(text, document_region) if start >= figure]
        if not places:
            return document_region
        in_clause = [code for start, code in places if start >= clause_start]
        branches = {c for c in in_clause if not any(o != c and self.within(o, c) for o in in_clause)}
        distributed = text.rfind("分别")
        if distributed >= clause_start:
            # 常州、徐州等城市总量分别超过7000亿元和6000亿元: the k-th value is the k-th place's
            k = len(_OTHER_FIGURE.findall(text, distributed))
            listed = [code for start, code in places if clause_start <= start < distributed]
            return listed[k] if k < len(listed) else places[-1][1]
        if len(branches) > 1:
            return self._common_ancestor(branches, document_region)
        return places[-1][1]

    def _common_ancestor(self, codes: set[str], document_region: str) -> str:
        first = next(iter(codes))
        ancestor = self.parent.get(first, "")
        for _ in range(6):
            if not ancestor or all(self.within(c, ancestor) for c in codes):
                break
            ancestor = self.parent.get(ancestor, "")
        return ancestor if ancestor and self.within(ancestor, document_region) else document_region

    def _places(self, text: str, document_region: str) -> list[tuple[int, str]]:
        """(offset, code) of each place name in text within the document's region."""
        places: list[tuple[int, str]] = []
        i = 0
        while i < len(text):
            hit, start = "", i
            for n in range(min(MAX_NAME, len(text) - i), 1, -1):
                codes = self.names.get(text[i:i + n])
                if codes:
                    inside = [c for c in codes if self.within(c, document_region)]
                    if inside:  # 北京市 is a province and its districts' city: the higher level
                        hit = min(inside, key=lambda c: (c[4:] != "00", c[2:] != "0000", c))
                    if hit:
                        i += n - 1
                        break
            if hit:
                places.append((start, hit))
            i += 1
        return places
