"""Runs of values distributed by 分别 over listed items (orchestration/extract/value_lists.py)."""

import datetime

from orchestration.extract import extract
from orchestration.extract.value_lists import SECTORS, distributive


def listed(text: str) -> dict[str, tuple[str, str, str]]:
    """Value text → (its item, the item read as an elliptical head completed from the last
    item, the list's category)."""
    found = extract(text, datetime.date(2023, 3, 1)).candidates
    runs = distributive(found)
    return {found[i].value_text: (entry.item, entry.completed(), entry.category) for i, entry in runs.items()}


def test_each_value_takes_its_item_and_later_runs_reuse_the_list():
    """轻、重工业…分别为173.4亿元和410.2亿元,增长24.8%和19.6%: the second run has no 分别 and takes
    the first run's items; the elliptical head 轻 is completed from 重工业增加值."""
    found = listed("7月份,规模以上轻、重工业增加值分别为173.4亿元和410.2亿元,增长24.8%和19.6%。")
    assert found["173.4"][1].startswith("规模以上轻工业") and found["24.8"][1].startswith("规模以上轻工业")
    assert found["410.2"][0] == found["19.6"][0] == "重工业增加值"


def test_a_category_after_deng_and_the_sectors():
    """…社会保障和就业等支出…分别为: four items split on 、 (社会保障和就业 stays one), the category
    after 等; 三次产业…分别为 three values are the three sectors."""
    found = listed("一般公共服务、教育、科学技术、社会保障和就业等支出同比增速分别为-9.4%、23.0%、43.1%、26.4%。"
                   "三次产业对GDP增长的贡献率分别为13.3%、40.4%和46.3%。")
    assert (found["23.0"][0], found["23.0"][2]) == ("教育", "支出同比增速")
    assert found["26.4"][0] == "社会保障和就业"
    assert [found[v][0] for v in ("13.3", "40.4", "46.3")] == list(SECTORS)


def test_values_without_a_list_are_not_distributed():
    """Two values joined by 和 without 分别 and without an earlier list of two name no items; a
    level and its rate (4198吨,比上年增长4.6%) are no run."""
    assert listed("全年完成投资100亿元和200亿元。水产品产量4198吨,比上年增长4.6%。") == {}
