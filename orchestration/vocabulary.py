"""The project's words, defined once: figure kinds, measures and qualifiers, relation kinds
with their arity, check families, severities and statuses with their order, region levels
and target statuses. Python imports them from here; the dbt accepted values, the expectation
value sets and the relation kinds the SQL evaluates are tested against them
(tests/test_vocabulary.py), so a word added here and nowhere else fails a test."""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

# What a figure is (raw/figures kind) and what it measures.
KINDS: tuple[str, ...] = ("actual", "target", "growth_rate", "share")
MEASURES: tuple[str, ...] = ("level", "cumulative", "increment", "yoy_growth", "avg_annual_growth", "share")
RATE_MEASURES: tuple[str, ...] = ("yoy_growth", "avg_annual_growth", "share")
# A change may be negative (a decline, checked against the direction word in the quote);
# every other figure is a non-negative amount.
CHANGE_KINDS: tuple[str, ...] = ("growth_rate",)
CHANGE_MEASURES: tuple[str, ...] = ("increment", "yoy_growth", "avg_annual_growth")
CHANGE_UNITS: tuple[str, ...] = ("percentage_point",)  # canonical units of changes (回落1.2个百分点)

# How a written number bounds the value (docs: DESIGN.md, qualifiers table).
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "more_than", "up_to", "strive")
EXACT: tuple[str, ...] = ("exact", "strive")  # qualifiers whose bounds come from the written precision

# Relation kinds and how many figures each takes: (minimum, maximum; None: no maximum).
RELATION_ARITY: Mapping[str, tuple[int, int | None]] = MappingProxyType({
    "share": (3, 3),
    "sum_to_total": (3, None),
    "part_le_whole": (2, 2),
    "growth": (3, 3),
    "listed_count": (1, None),
    "target_sequence": (2, 2),
    "restatement": (2, 2),
    "structure": (2, None),  # the parts of a ratio a:b:c (unit %), then optionally a level per part
})
RELATION_KINDS: tuple[str, ...] = tuple(RELATION_ARITY)

# Reconciliation rules of tables, registers and enterprise reports (int_reconciliation.sql).
RECONCILIATION_RULES: tuple[str, ...] = (
    "region_hierarchy", "industry_hierarchy", "enterprises_vs_table", "register_vs_table", "aggregates_vs_document")
# The checks Great Expectations decides row by row (int_check_intervals.family).
CHECK_FAMILIES: tuple[str, ...] = ("relation", "reconciliation")

SEVERITIES: tuple[str, ...] = ("error", "warn")
# Check statuses, worst first: the order reports and listings sort by.
CHECK_STATUSES: tuple[str, ...] = ("fail", "warn", "pass")
STATUS_ORDER: Mapping[str, int] = MappingProxyType({status: i for i, status in enumerate(CHECK_STATUSES)})

REGION_LEVELS: tuple[str, ...] = ("province", "city", "county", "zone")  # zone: no GB/T 2260 code
TARGET_STATUSES: tuple[str, ...] = ("on_track", "at_risk", "off_track", "no_comparable_actual")
# A target judged by a later document's actual for its own period (fct_target_progress.outcome).
TARGET_OUTCOMES: tuple[str, ...] = ("met", "missed")
# Checks across documents (int_series_checks): decided like the stated relations.
SERIES_RULES: tuple[str, ...] = ("revision", "growth_across_years")


def status_order_sql(column: str = "status") -> str:
    """A SQL expression ordering `column` as CHECK_STATUSES does (worst first)."""
    cases = " ".join(f"when '{status}' then {i}" for status, i in STATUS_ORDER.items())
    return f"case {column} {cases} else {len(STATUS_ORDER)} end"
