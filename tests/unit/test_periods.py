"""Periods: YYYY, YYYY-MM, YYYY-MM/YYYY-MM, YYYY/YYYY and YYYY/.. ."""

from datetime import date

import pytest

from orchestration.ingest.figures import Period, end_year, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end", "grain"),
    [
        ("2023", date(2023, 1, 1), date(2023, 12, 31), "year"),
        ("2021-07", date(2021, 7, 1), date(2021, 7, 31), "month"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28), "month"),
        ("2023-12", date(2023, 12, 1), date(2023, 12, 31), "month"),
        ("2013/2023", date(2013, 1, 1), date(2023, 12, 31), "range"),
        ("2023/2023", date(2023, 1, 1), date(2023, 12, 31), "range"),
        ("2024/..", date(2024, 1, 1), None, "open_range"),
        ("2022-01/2022-10", date(2022, 1, 1), date(2022, 10, 31), "month_range"),
        ("2024-01/2024-02", date(2024, 1, 1), date(2024, 2, 29), "month_range"),
        ("2023-11/2024-02", date(2023, 11, 1), date(2024, 2, 29), "month_range"),
    ],
)
def test_parse_period(text, start, end, grain):
    """Each accepted form gives its first day, last day (None when open) and grain."""
    assert parse_period(text) == Period(text, start, end, grain)


@pytest.mark.parametrize(
    ("period", "year"),
    [("2023", 2023), ("2021-07", 2021), ("2022-01/2022-09", 2022), ("2013/2023", 2023), ("2024/..", None)],
)
def test_end_year(period, year):
    """end_year gives the last covered year, None for an open range, from a Period or text."""
    assert end_year(parse_period(period)) == year
    assert end_year(period) == year


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023年", "bad period '2023年': expected YYYY, YYYY-MM, YYYY-MM/YYYY-MM, YYYY/YYYY or YYYY/.."),
        ("", "bad period '': expected"),
        ("23", "expected YYYY"),
        ("2023-7", "expected YYYY"),
        ("2023/07", "expected YYYY"),
        (" 2023", "expected YYYY"),
        ("2023/", "expected YYYY"),
        ("2023/...", "expected YYYY"),
        ("../2023", "expected YYYY"),
        ("２０２３", "expected YYYY"),
        ("2021-13", "month 13 is not 01-12"),
        ("2021-00", "month 00 is not 01-12"),
        ("2023/2013", "end year 2013 is before start year 2023"),
        ("2022-10/2022-01", "end month 2022-01 is before start month 2022-10"),
        ("2022-01/2022-13", "month 13 is not 01-12"),
        ("2022-01/2022", "expected YYYY"),
        ("0000", "year 0000 is not a calendar year"),
    ],
)
def test_rejects_bad_periods(text, reason):
    """Anything else raises ValueError quoting the text and saying what is wrong."""
    with pytest.raises(ValueError) as info:
        parse_period(text)
    assert reason in str(info.value)


def test_rejects_non_strings():
    """A missing period (None) raises ValueError, not TypeError."""
    with pytest.raises(ValueError, match="bad period None"):
        parse_period(None)  # type: ignore[arg-type]
