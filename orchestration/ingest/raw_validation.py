"""Every input of raw/ validated in one pass: all problems of all input kinds are collected
and reported together, then the run stops. The one function both `regstat build` (before
anything starts) and the ingest asset call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd

from orchestration.ingest.raw_files import not_inputs
from orchestration.ingest.raw_inputs import (
    Problem,
    RawDataError,
    Collector,
    document_frame,
    figure_frame,
    reference_frames,
    relation_frames,
)
from orchestration.ingest.register import Register, load_register, report_months
from orchestration.ingest.tables import load_tables


@dataclass(frozen=True)
class RawInputs:
    """The validated inputs, as the raw tables of the build database."""

    reference: dict[str, pd.DataFrame]
    documents: pd.DataFrame
    figures: pd.DataFrame
    relations: pd.DataFrame
    members: pd.DataFrame
    enterprises: Register  # checked in SQL, loaded by SQL (Register.load_into)
    table_values: pd.DataFrame
    months: list[str]

    def tables(self) -> dict[str, pd.DataFrame]:
        """raw.<name> → frame, for every table ingest writes from these inputs."""
        return {**self.reference, "documents": self.documents, "figures": self.figures,
                "relations": self.relations, "relation_members": self.members,
                "table_values": self.table_values}


def validate_raw(raw: Path, approx_band: float) -> RawInputs:
    """Read and check every input under `raw`: stray files and links, reference, documents,
    figures, relations, register, tables and the report folders. Raises one RawDataError
    listing every problem found (file, line, reason). An input that depends on a file that
    could not be read at all (the reference, documents.csv, a figures file) is not checked
    further: its problems would only echo that one."""
    problems = Collector()
    for path, reason in not_inputs(raw):
        problems.add(path, 0, reason)
    reference = reference_frames(raw, problems)
    reference_ok = not problems.unreadable
    empty = pd.DataFrame()
    documents = figures = relations = members = table_values = empty
    enterprises = Register(None, 0)
    if reference_ok:
        documents = document_frame(raw, reference, problems)
        if not problems.unreadable:
            figures = figure_frame(raw, documents, reference, approx_band, problems)
        if not problems.unreadable:
            relations, members = relation_frames(raw, figures, problems)
        enterprises = _collect(problems, load_register, raw, reference)
        table_values = _collect(problems, load_tables, raw, reference)
    months = _collect(problems, report_months, raw)
    problems.raise_if_any()
    return RawInputs(reference, documents, figures, relations, members, enterprises, table_values, months)


T = TypeVar("T")


def _collect(problems: Collector, load: Callable[..., T], *args: object) -> T | None:
    """The loader's result, or None with its problems (a RawDataError's) added to `problems`."""
    try:
        return load(*args)
    except RawDataError as exc:
        problems.problems.extend(exc.problems)
        return None


__all__ = ["Problem", "RawDataError", "RawInputs", "validate_raw"]
