"""The two roles of the serving database: a loader that owns the served schemas, and a
reader (`bi_reader`) that can connect and SELECT, nothing else. Run once by an
administrator (`make bi` does it for the local server); docs/serving.md has the same SQL
for an existing server."""

from __future__ import annotations

import psycopg
from psycopg import sql


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
        pg.execute(sql.SQL("alter role {} set search_path = marts, analyst, public").format(sql.Identifier(reader)))
