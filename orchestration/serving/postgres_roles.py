"""The two roles of the serving database: a loader that owns the served schemas, and a
reader (`bi_reader`) that can connect and SELECT, nothing else. Run once by an
administrator (`make bi` does it for the local server); docs/serving.md has the same SQL
for an existing server."""

from __future__ import annotations

import os

import psycopg
from psycopg import sql


def reader_timeouts() -> dict[str, str]:
    """Session limits of the reader: a runaway dashboard query, or a BI tool that opens a
    transaction and walks away (holding the snapshot that keeps a swapped-out schema's old
    tables alive), is cut off. REGSTAT_PG_READER_STATEMENT_TIMEOUT and
    REGSTAT_PG_READER_IDLE_TIMEOUT override them (PostgreSQL durations: 90s, 5min)."""
    return {"statement_timeout": os.environ.get("REGSTAT_PG_READER_STATEMENT_TIMEOUT", "60s"),
            "idle_in_transaction_session_timeout": os.environ.get("REGSTAT_PG_READER_IDLE_TIMEOUT", "60s")}


def ensure_roles(admin_dsn: str, database: str, loader: str, loader_password: str, reader: str, reader_password: str) -> None:
    """Create or update both roles; `admin_dsn` is a superuser connected to `database`."""
    with psycopg.connect(admin_dsn, autocommit=True) as pg:
        for role, password in ((loader, loader_password), (reader, reader_password)):
            verb = "alter" if pg.execute("select 1 from pg_roles where rolname = %s", [role]).fetchone() else "create"
            pg.execute(sql.SQL(verb + " role {} login password {}").format(sql.Identifier(role), sql.Literal(password)))
        db = sql.Identifier(database)
        # PUBLIC gets CONNECT and TEMPORARY by default: take both, so the reader cannot even
        # create a temporary table; then grant exactly what each role needs.
        pg.execute(sql.SQL("revoke all on database {} from public").format(db))
        pg.execute(sql.SQL("grant connect, create on database {} to {}").format(db, sql.Identifier(loader)))
        pg.execute(sql.SQL("grant connect on database {} to {}").format(db, sql.Identifier(reader)))
        pg.execute("revoke all on schema public from public")  # PostgreSQL 15 already revokes CREATE
        for setting, value in reader_timeouts().items():
            pg.execute(sql.SQL("alter role {} set {} = {}").format(sql.Identifier(reader), sql.Identifier(setting),
                                                                   sql.Literal(value)))
        pg.execute(sql.SQL("alter role {} set search_path = marts, analyst, public").format(sql.Identifier(reader)))
