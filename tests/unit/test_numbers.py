"""parse_value_text: every written form the curation contract allows, and the refusals."""

from decimal import Decimal

import pytest

from orchestration.ingest.figures import QUALIFIER_MARKERS, ParsedNumber, parse_value_text
from orchestration.ingest.figures import numbers

D = Decimal


@pytest.mark.parametrize(
    ("text", "value", "decimals", "resolution"),
    [
        ("869.1", D("869.1"), 1, D("0.1")),
        ("69.9", D("69.9"), 1, D("0.1")),
        ("6000", D("6000"), 0, D("1")),
        ("0", D("0"), 0, D("1")),
        ("0.05", D("0.05"), 2, D("0.01")),
        ("1,600", D("1600"), 0, D("1")),
        ("1，600", D("1600"), 0, D("1")),
        ("12,345,678.9", D("12345678.9"), 1, D("0.1")),
        ("１６００", D("1600"), 0, D("1")),
        ("８６９．１", D("869.1"), 1, D("0.1")),
        (" 869.1 ", D("869.1"), 1, D("0.1")),
    ],
)
def test_arabic_numbers(text, value, decimals, resolution):
    """Arabic integers, decimals, thousands separators and full-width forms parse exactly."""
    parsed = parse_value_text(text)
    assert (parsed.value, parsed.decimals, parsed.resolution) == (value, decimals, resolution)
    assert parsed.implied_qualifier is None and parsed.more_than_step is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两", 2), ("二", 2), ("三", 3), ("四", 4), ("十", 10), ("十二", 12), ("四十", 40),
        ("二十一", 21), ("一百", 100), ("一千二百", 1200), ("一千零五", 1005), ("一百零五", 105),
        ("一千零五十", 1050), ("两千", 2000), ("九千九百九十九", 9999), ("〇", 0), ("零", 0), ("千", 1000), ("百", 100), ("一万二千", 12000),
        ("三亿零五百万", 305000000),
    ],
)
def test_chinese_numerals(text, value):
    """Chinese numerals from 〇 to 9999 parse to integers with decimals 0 and resolution 1."""
    assert parse_value_text(text) == ParsedNumber(D(value), 0, D(1), None, None)


@pytest.mark.parametrize(
    ("text", "value", "decimals", "resolution"),
    [
        ("1亿", D("100000000"), 0, D("100000000")),
        ("1.2万", D("12000"), 1, D("1000")),
        ("1.25万", D("12500"), 2, D("100")),
        ("869.1亿", D("86910000000"), 1, D("10000000")),
        ("三万", D("30000"), 0, D("10000")),
        ("十万", D("100000"), 0, D("10000")),
        ("两亿", D("200000000"), 0, D("100000000")),
        ("1.5万亿", D("1500000000000"), 1, D("100000000000")),
        ("１．２万", D("12000"), 1, D("1000")),
    ],
)
def test_magnitude_suffix(text, value, decimals, resolution):
    """万, 亿 and 万亿 scale value and resolution; decimals stay as written."""
    parsed = parse_value_text(text)
    assert (parsed.value, parsed.decimals, parsed.resolution) == (value, decimals, resolution)
    assert str(parsed.value) == str(value)  # no exponent or trailing '.0' left by scaling


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [
        ("1600多", 1600, 100), ("40多", 40, 10), ("200余", 200, 100), ("3多", 3, 1),
        ("1万多", 10000, 10000), ("1600多万", 16000000, 1000000), ("200余万", 2000000, 1000000),
        ("四十多", 40, 10), ("十多", 10, 10), ("一百余", 100, 100), ("三万多", 30000, 10000),
        ("1,000多", 1000, 1000), ("2.5多", D("2.5"), D("0.1")), ("1.5万多", 15000, 1000),
    ],
)
def test_more_than_suffix(text, value, step):
    """多/余 (before or after 万/亿) imply more_than with the next order-of-magnitude step."""
    parsed = parse_value_text(text)
    assert parsed.value == D(value)
    assert parsed.implied_qualifier == "more_than"
    assert parsed.more_than_step == D(step)


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("超1亿", 100000000, "at_least"), ("超过500", 500, "at_least"), ("突破1000亿", 100000000000, "at_least"),
        ("过100", 100, "at_least"), ("超两千", 2000, "at_least"), ("近8", 8, "approx"),
        ("约1.2万", 12000, "approx"), ("约三", 3, "approx"),
    ],
)
def test_prefix_qualifiers(text, value, qualifier):
    """超/超过/突破/过 imply at_least and 近/约 imply approx, without a more_than step."""
    parsed = parse_value_text(text)
    assert (parsed.value, parsed.implied_qualifier, parsed.more_than_step) == (D(value), qualifier, None)


def test_project_examples():
    """The contract's examples: 869.1, 1600多, 超1亿, 两, 四, 一千二百 give the documented values."""
    assert parse_value_text("869.1") == ParsedNumber(D("869.1"), 1, D("0.1"), None, None)
    assert parse_value_text("1600多") == ParsedNumber(D(1600), 0, D(1), "more_than", D(100))
    assert parse_value_text("超1亿") == ParsedNumber(D(100000000), 0, D(100000000), "at_least", None)
    assert parse_value_text("两").value == 2
    assert parse_value_text("四").value == 4
    assert parse_value_text("一千二百").value == 1200


def test_implied_qualifiers_follow_the_marker_table():
    """Every prefix and suffix marker maps to the same qualifier as QUALIFIER_MARKERS."""
    for marker in (*numbers._PREFIXES, *numbers._SUFFIXES):
        text = f"{marker}5" if marker in numbers._PREFIXES else f"5{marker}"
        assert parse_value_text(text).implied_qualifier == QUALIFIER_MARKERS[marker]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "not a number: '' (empty)"),
        ("   ", "(empty)"),
        ("abc", "not a number: 'abc'"),
        ("12a", "not a number: '12a'"),
        ("1.2.3", "not a number"),
        (".5", "not a number"),
        ("5.", "not a number"),
        ("-3", "not a number"),
        ("1,60", "thousands separators must group 3 digits"),
        ("1,6000", "thousands separators"),
        ("多", "no digits"),
        ("超", "no digits"),
        ("万", "no digits"),
        ("超1600多", "imply different qualifiers"),
        ("约200余", "imply different qualifiers"),
        ("1万2", "final magnitude suffix"),
        ("一千五", "ambiguous abbreviation"),
        ("一千二十", "needs 零"),
        ("一千零二百", "superfluous 零"),
        ("一千零", "trailing 零"),
        ("零五", "misplaced 零"),
        ("二〇二三", "misplaced 〇"),
        ("一二", "two Chinese digits in a row"),
        ("五百千", "千 without a digit"),
        ("二十百", "百 without a digit"),
        ("十一百", "百 out of order"),
        ("1千", "not a number"),
        ("1600多多", "not a number"),
        ("1" * 30, "more than 24 digits"),
    ],
)
def test_rejects_non_numbers(text, reason):
    """Anything outside the accepted forms raises ValueError naming the text and the reason."""
    with pytest.raises(ValueError) as info:
        parse_value_text(text)
    assert str(info.value).startswith(f"not a number: {text!r}")
    assert reason in str(info.value)


def test_rejects_non_strings():
    """A missing value (None, or NaN from pandas) raises ValueError, not TypeError."""
    with pytest.raises(ValueError, match="expected a string"):
        parse_value_text(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="expected a string"):
        parse_value_text(float("nan"))  # type: ignore[arg-type]
