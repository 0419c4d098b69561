"""The `period` of a figure: YYYY, YYYY-MM, YYYY-MM/YYYY-MM, YYYY/YYYY or YYYY/.. (docs/curation.md)."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

_YEAR = re.compile(r"([0-9]{4})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_RANGE = re.compile(r"([0-9]{4})/([0-9]{4})")
_OPEN_RANGE = re.compile(r"([0-9]{4})/\.\.")
_MONTH_RANGE = re.compile(r"([0-9]{4}-[0-9]{2})/([0-9]{4}-[0-9]{2})")
_EXPECTED = "expected YYYY, YYYY-MM, YYYY-MM/YYYY-MM, YYYY/YYYY or YYYY/.."


@dataclass(frozen=True)
class Period:
    """A parsed period: first and last day it covers (end None for an open range) and its
    grain: `year`, `month`, `month_range` (1—10月份, 前三季度: 2022-01/2022-10),
    `range` or `open_range`."""

    text: str
    start: datetime.date
    end: datetime.date | None
    grain: str


def parse_period(text: str) -> Period:
    """Parse `2023`, `2021-07`, `2022-01/2022-10` (months, the end not before the start),
    `2013/2023` (end year ≥ start year) or `2024/..`.
    Raises ValueError saying why anything else is not a period."""
    if not isinstance(text, str):
        raise ValueError(f"bad period {text!r}: {_EXPECTED}")
    if m := _YEAR.fullmatch(text):
        year = _year(m[1], text)
        return Period(text, datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year")
    if m := _MONTH.fullmatch(text):
        year, month = _year(m[1], text), int(m[2])
        if not 1 <= month <= 12:
            raise ValueError(f"bad period {text!r}: month {m[2]} is not 01-12")
        last = calendar.monthrange(year, month)[1]
        return Period(text, datetime.date(year, month, 1), datetime.date(year, month, last), "month")
    if m := _RANGE.fullmatch(text):
        first, last = _year(m[1], text), _year(m[2], text)
        if last < first:
            raise ValueError(f"bad period {text!r}: end year {last} is before start year {first}")
        return Period(text, datetime.date(first, 1, 1), datetime.date(last, 12, 31), "range")
    if m := _MONTH_RANGE.fullmatch(text):
        first, last = parse_period(m[1]), parse_period(m[2])
        if last.start < first.start:
            raise ValueError(f"bad period {text!r}: end month {m[2]} is before start month {m[1]}")
        return Period(text, first.start, last.end, "month_range")
    if m := _OPEN_RANGE.fullmatch(text):
        return Period(text, datetime.date(_year(m[1], text), 1, 1), None, "open_range")
    raise ValueError(f"bad period {text!r}: {_EXPECTED}")


def end_year(period: Period | str) -> int | None:
    """The last year a period covers (a string is parsed first); None for an open range."""
    if isinstance(period, str):
        period = parse_period(period)
    return None if period.end is None else period.end.year


def _year(digits: str, text: str) -> int:
    year = int(digits)
    if year < 1:
        raise ValueError(f"bad period {text!r}: year {digits} is not a calendar year")
    return year
