"""Filter values of the query commands: a code, or a name in Chinese or English, resolved
against the published warehouse's dimensions. An unknown value is an error that names the
closest matches, never an empty answer."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import duckdb


class UnknownValue(ValueError):
    """A filter value that matches nothing (or several things); the message says which exist."""


@dataclass(frozen=True)
class Dimension:
    option: str  # the command-line option, for messages
    query: str  # code, then names, of every member


REGION = Dimension("--region", "select region_code, name_zh, name_en from marts.dim_region")
INDUSTRY = Dimension("--industry", "select industry_code, name_zh, name_en from marts.dim_industry")
INDICATOR = Dimension("--indicator", "select indicator_code, name_zh, name_en from marts.dim_indicator")
DOCUMENT = Dimension("--doc", "select doc_id, title, title from marts.dim_document")
RULE = Dimension("--rule", "select distinct rule, rule, rule from marts.fct_check_result")


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def resolve(con: duckdb.DuckDBPyConnection, dimension: Dimension, value: str) -> str:
    """The code `value` names: the code itself, a name (Chinese or English, any case), the
    start of exactly one name (菏泽 → 菏泽市, heze → Heze), or a part of exactly one name."""
    members = [(code, [n for n in names if n]) for code, *names in con.execute(dimension.query).fetchall()]
    wanted = _norm(value)
    for matches in (
        [code for code, _ in members if _norm(code) == wanted],
        [code for code, names in members if any(_norm(n) == wanted for n in names)],
        [code for code, names in members if any(_norm(n).startswith(wanted) for n in names)],
        [code for code, names in members if any(wanted in _norm(n) for n in names)],
    ):
        matches = sorted(set(matches))
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise UnknownValue(f"{dimension.option} {value!r} is ambiguous: it matches {_describe(matches, members)}")
    labels = {label: code for code, names in members for label in (code, *names)}
    close = difflib.get_close_matches(value, list(labels), n=5, cutoff=0.3)
    close_codes = list(dict.fromkeys(labels[label] for label in close))
    hint = f"closest: {_describe(close_codes, members)}" if close_codes else \
        f"known: {_describe(sorted(code for code, _ in members)[:10], members)}"
    raise UnknownValue(f"{dimension.option} {value!r} matches nothing in the warehouse; {hint}")


def _describe(codes: list[str], members: list[tuple[str, list[str]]]) -> str:
    names = dict(members)
    return ", ".join(code if names.get(code) in (None, [], [code, code]) else f"{code} ({' / '.join(dict.fromkeys(names[code]))})"
                     for code in codes)
