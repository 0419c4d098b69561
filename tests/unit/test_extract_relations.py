"""Relations the extractor proposes between its candidates (issue 15): parts that add up
are a sum, parts that do not are each a part; a ratio binds its parts and their levels;
later targets of a series follow earlier ones; equal rates are restated only by name."""

import datetime

from orchestration.extract import extract


def relations(text: str, published: datetime.date) -> set[tuple[str, tuple[str, ...]]]:
    extraction = extract(text, published)
    values = [c.value_text for c in extraction.candidates]
    return {(r.kind, tuple(values[m] for m in r.members)) for r in extraction.relations}


def test_parts_that_add_up_are_a_sum_and_parts_that_do_not_are_parts():
    """其中 with parts summing to the total within rounding: sum_to_total; 其中 naming the
    largest items only (135.79 + 28.38 < 361.20): each a part_le_whole, no sum."""
    sums = relations("2021年，地区生产总值4302.63亿元，其中第一产业170.7亿元、第二产业2077.1亿元、第三产业2054.83亿元。",
                     datetime.date(2022, 3, 31))
    assert ("sum_to_total", ("4302.63", "170.7", "2077.1", "2054.83")) in sums
    parts = relations("2021年，一般公共预算收入361.20亿元，其中增值税135.79亿元、企业所得税28.38亿元。",
                      datetime.date(2022, 3, 31))
    assert ("part_le_whole", ("135.79", "361.20")) in parts and ("part_le_whole", ("28.38", "361.20")) in parts
    assert not any(kind == "sum_to_total" for kind, _ in parts)


def test_a_ratio_binds_its_parts_then_their_levels():
    """三次产业比例1.2:75.1:23.7 after the three sectors' value added: one structure relation,
    parts then levels in the same order."""
    text = ("上半年，全县地区生产总值为1437936万元。其中，第一产业增加值为16931万元；第二产业增加值为1080242万元；"
            "第三产业增加值为340763万元。\n从产业结构看，三次产业比例为1.2:75.1:23.7。\n")
    found = relations(text, datetime.date(2024, 9, 9))
    assert ("structure", ("1.2", "75.1", "23.7", "16931", "1080242", "340763")) in found


def test_a_later_target_of_a_series_follows_the_earlier_one():
    """到2025年…达到300家；到2027年，达到400家: target_sequence (300, 400); a different series
    of the same unit (企业1000家) is not bound to it."""
    text = ("到2025年，省级以上创新平台达到300家，科技型中小企业1000家；到2027年，省级以上创新平台达到400家左右，"
            "科技型中小企业1200家。")
    found = {m for kind, m in relations(text, datetime.date(2024, 6, 24)) if kind == "target_sequence"}
    assert found == {("300", "400"), ("1000", "1200")}


def test_equal_rates_of_different_series_are_no_restatement():
    """第二产业增加值增长5.9% and 工业增加值增长5.9% are two series; 增速比1—9月份加快0.8个百分点
    twice names a comparison, not a series; the same rate named twice alike is a restatement."""
    text = ("2023年，第二产业增加值2181.22亿元，增长5.9%。工业增加值1722.11亿元，增长5.9%。"
            "机械装备产业增速比1—9月份加快0.8个百分点。纺织服装产业增速比1—9月份加快0.8个百分点。"
            "第三产业增加值增长17.6%。全年第三产业增加值增长17.6%。")
    found = [m for kind, m in relations(text, datetime.date(2024, 3, 28)) if kind == "restatement"]
    assert found == [("17.6", "17.6")]


def test_a_count_opening_its_clause_restates_the_count_before_it():
    """340家企业中,…48家; 48家超亿元企业…: both open their clause and name the count stated just
    before (restatements); the part 48 is bound to the first 340; 84.9% is a share of output,
    not of the count."""
    text = ("1至2月，全区汽车制造业企业共有340家。340家企业中，产值超亿元企业达48家，"
            "48家超亿元企业产值占行业产值比重达84.9%。")
    found = relations(text, datetime.date(2016, 3, 29))
    assert ("restatement", ("340", "340")) in found and ("restatement", ("48", "48")) in found
    extraction = extract(text, datetime.date(2016, 3, 29))
    part = next(r for r in extraction.relations if r.kind == "part_le_whole")
    assert [extraction.candidates[m].start for m in part.members][1] == text.index("340")
    assert not any(kind == "share" for kind, _ in found)


def test_one_named_item_and_deng_before_a_count_is_an_open_list():
    """改造提升现代石化等4个传统产业: a listed_count of one named item, open (等)."""
    extraction = extract("下一步，将改造提升现代石化等4个传统产业。", datetime.date(2024, 5, 10))
    (r,) = [r for r in extraction.relations if r.kind == "listed_count"]
    assert r.list_open and len(r.items) == 1 and r.items[0].endswith("现代石化")


def test_the_total_before_qizhong_is_the_nearest_that_can_hold_the_part():
    """新增城镇就业人员7.6万人,其中失业人员再就业2.43万人: the increment 7.6万 is the whole (not the
    population stated earlier); 比上年增加63公顷 cannot hold 小麦21500公顷, the area before it does."""
    jobs = relations("2023年，常住人口375.6万人。新增城镇就业人员7.6万人，其中失业人员再就业2.43万人。",
                     datetime.date(2024, 3, 28))
    assert ("part_le_whole", ("2.43万", "7.6万")) in jobs
    area = relations("2022年，全年粮食种植面积43907公顷，比上年增加63公顷。其中，小麦种植面积21500公顷。",
                     datetime.date(2023, 4, 30))
    assert ("part_le_whole", ("21500", "43907")) in area


def test_new_units_listed_after_qizhong_add_up_to_the_new_total():
    """新增…957户。其中,新增规上工业企业232户,限上商贸企业246户…: a total of new units and its
    parts (新增 said once) are a sum; a change after each part (比上年增加39公顷) is no part of a
    level total."""
    text = "2021年，全市新增调查企业957户。其中,新增规上工业企业232户,限上商贸企业246户,规上服务业企业479户。"
    assert relations(text, datetime.date(2022, 1, 24)) == {("sum_to_total", ("957", "232", "246", "479"))}
    text = ("2022年全年粮食种植面积43907公顷,比上年增加63公顷。其中,小麦种植面积21500公顷,比上年增加39公顷;"
            "玉米种植面积11118公顷,比上年减少265公顷。")
    assert {r for r in relations(text, datetime.date(2023, 4, 30)) if "39" in r[1] or "265" in r[1]} == set()


def test_a_share_binds_the_level_its_part_was_named_by_in_an_earlier_sentence():
    """第一产业增加值2861.18亿元…。第一产业增加值占地区生产总值的比重为14.2%;第二产业…: each
    share binds the level stated under its own part's name and the whole before it."""
    text = ("2022年，全省地区生产总值20164.58亿元。第一产业增加值2861.18亿元;第二产业增加值7113.03亿元。"
            "第一产业增加值占地区生产总值的比重为14.2%;第二产业增加值占地区生产总值的比重为35.3%。")
    shares = {r for r in relations(text, datetime.date(2023, 5, 17)) if r[0] == "share"}
    assert shares == {("share", ("2861.18", "20164.58", "14.2")), ("share", ("7113.03", "20164.58", "35.3"))}


def test_a_whole_named_with_or_without_its_region_is_one_whole():
    """年末全省常住人口3856万人…城镇常住人口2114万人,占年末常住人口的比重为54.81%: 全省 does not
    make another whole."""
    text = "2022年末全省常住人口3856万人。其中,城镇常住人口2114万人,占年末常住人口的比重为54.81%。"
    assert ("share", ("2114万", "3856万", "54.81")) in relations(text, datetime.date(2023, 5, 17))
