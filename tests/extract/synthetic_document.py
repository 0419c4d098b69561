"""A generated Chinese local-government text of any length, for timing the extractor:
varied paragraphs (statistical bulletin, plan targets, events, page furniture) with random
figures, deterministic for a seed. Not a quality fixture: its sentences are templates."""

from __future__ import annotations

import random

_INDUSTRIES = ("生物医药", "新材料", "高端装备制造", "新一代信息技术", "新能源汽车", "节能环保", "现代物流", "数字经济")
_PLACES = ("高新区", "经济开发区", "滨河新区", "临港产业园", "东部工业园")
_CN = ("两", "三", "四", "五", "六", "七", "八", "九", "十")

_TEMPLATES = (
    "{year}年，全市{ind}产业实现营业收入{amount}亿元，同比增长{pct}%，占全市规模以上工业营业收入的比重达到{share}%。",
    "截至{year}年底，全市共有{ind}企业{n}家，其中规模以上企业{m}家，国家高新技术企业{k}家。",
    "到{future}年，{ind}产业产值力争达到{amount}亿元，年均增长{pct}%左右，规模以上企业达到{n}家以上。",
    "{year}年{month}月，{place}举办{ind}产业招商推介会，{n}家企业参加，集中签约项目{m}个，总投资{amount}亿元。",
    "全市{ind}从业人员约{wan}万人，研发投入强度达到{share}%，较上年提高{point}个百分点。",
    "{since}年以来，累计引进高层次人才{n}名，建成省级以上创新平台{m}个，新增专利授权{k}件。",
    "{place}形成{cn}个特色产业集群，培育“专精特新”企业{n}家、单项冠军企业{m}家。",
    "{ind}重点项目完成投资超过{amount}亿元，新增装机容量{cap}万千瓦，年产能达到{mass}万吨。",
    "发布时间：{year}-0{month}-1{day} 10:{day}0 阅读次数：{n}{m}  联系电话：0531-86{k}{k}{day}{day}",
    "根据《关于推动{ind}产业高质量发展的实施意见》（鲁政发〔{year}〕{m}号），{place}制定了配套措施。",
    "P0{year}{n}{m}.jpg",
    "{ind}产业链上下游企业分别达到{n}家和{m}家，产值分别为{amount}亿元、{amount2}亿元。",
)


def generate(min_chars: int = 20_000, seed: int = 6) -> str:
    """At least min_chars characters of paragraphs, one per line."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    length = 0
    while length < min_chars:
        year = rng.randint(2015, 2023)
        values = {
            "year": year, "future": rng.choice((2025, 2026, 2027, 2030)), "since": year - rng.randint(3, 10),
            "month": rng.randint(1, 9), "day": rng.randint(1, 9), "ind": rng.choice(_INDUSTRIES),
            "place": rng.choice(_PLACES), "cn": rng.choice(_CN), "n": rng.randint(10, 999), "m": rng.randint(2, 99),
            "k": rng.randint(1, 9), "amount": f"{rng.uniform(1, 2000):.1f}", "amount2": f"{rng.uniform(1, 500):.2f}",
            "pct": f"{rng.uniform(1, 30):.1f}", "share": f"{rng.uniform(1, 60):.1f}", "point": f"{rng.uniform(0.1, 5):.1f}",
            "wan": f"{rng.uniform(1, 20):.1f}", "cap": rng.randint(10, 900), "mass": rng.randint(1, 300),
        }
        paragraph = rng.choice(_TEMPLATES).format(**values)
        paragraphs.append(paragraph)
        length += len(paragraph) + 1
    return "\n".join(paragraphs) + "\n"
