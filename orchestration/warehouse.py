"""DuckDB access: short-lived connections, so a file never has a writer and readers at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from orchestration import settings


@contextmanager
def connect(path: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    if read_only and not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `make run` (or `regstat build`) first")
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    # SET, not a connect config: another connection of this process to the same file with a
    # different config would be refused
    con.execute(f"set memory_limit = '{settings.duckdb_memory_limit()}'")
    try:
        yield con
    finally:
        con.close()


def replace_table(con: duckdb.DuckDBPyConnection, schema: str, name: str, frame: pd.DataFrame) -> None:
    """Create or replace schema.name with the rows of `frame`."""
    con.execute(f"create schema if not exists {schema}")
    con.register("_frame", frame)
    try:
        con.execute(f"create or replace table {schema}.{name} as select * from _frame")
    finally:
        con.unregister("_frame")


def query_frame(path: Path, sql: str, params: list | None = None) -> pd.DataFrame:
    """Run one read-only query against a database file."""
    with connect(path, read_only=True) as con:
        return con.execute(sql, params or []).df()
