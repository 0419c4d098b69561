"""`make bi` / `regstat bi`: the local PostgreSQL for BI tools under warehouse/postgres/,
with its roles, credentials and the published marts loaded."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from orchestration import settings
from orchestration.serving.postgres_loader import load
from orchestration.serving.postgres_roles import ensure_roles
from orchestration.serving.postgres_server import DATABASE, LocalPostgres

LOADER = "regstat_loader"


def server() -> LocalPostgres:
    return LocalPostgres(settings.warehouse_dir() / "postgres")


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, never readable by others even for a moment."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def credentials(pg: LocalPostgres) -> dict[str, str]:
    """Passwords generated once per local server and kept beside it (mode 0600)."""
    path: Path = pg.data_dir / "credentials.json"
    if not path.exists():
        _write_private(path, json.dumps({LOADER: secrets.token_urlsafe(16), settings.pg_reader(): secrets.token_urlsafe(16)}))
    return json.loads(path.read_text())


def loader_dsn_file(pg: LocalPostgres) -> Path:
    """The loader's DSN (it holds the password) in a 0600 file: printed as a path, never as
    the string, so the password stays out of terminals, scrollback and CI logs."""
    path = pg.data_dir / "loader.dsn"
    _write_private(path, pg.dsn(LOADER, credentials(pg)[LOADER]) + "\n")
    return path


def start() -> LocalPostgres:
    pg = server()
    pg.start()
    passwords = credentials(pg)
    ensure_roles(pg.admin_dsn(), DATABASE, LOADER, passwords[LOADER], settings.pg_reader(), passwords[settings.pg_reader()])
    return pg


def loader_dsn() -> str:
    """REGSTAT_PG_DSN when set (production), else the local server's loader."""
    if settings.pg_dsn():
        return settings.pg_dsn()
    pg = server()
    return pg.dsn(LOADER, credentials(pg)[LOADER])


def connection_help(pg: LocalPostgres) -> str:
    reader, password = settings.pg_reader(), credentials(pg)[settings.pg_reader()]
    return "\n".join([
        f"PostgreSQL on 127.0.0.1:{pg.port}, database {DATABASE}, read-only user {reader}",
        f"  psql:        psql '{pg.dsn(reader, password)}'",
        f"  SQLAlchemy:  postgresql+psycopg://{reader}:{password}@127.0.0.1:{pg.port}/{DATABASE}",
        f"  JDBC:        jdbc:postgresql://127.0.0.1:{pg.port}/{DATABASE}?user={reader}&password={password}",
        f"  nightly loads: export REGSTAT_PG_DSN=\"$(cat {loader_dsn_file(pg)})\"   (the loader's DSN, mode 0600)",
        "  stop:        make bi-stop",
    ])


def load_published() -> dict[str, int]:
    return load(settings.published_db(), loader_dsn(), settings.pg_reader())
