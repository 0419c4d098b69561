"""A real PostgreSQL 15 for the serving tests: started once per session in its own folder
under /tmp (the server user must reach it: pytest's tmp folders are private to root),
stopped and removed at the end."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from orchestration.serving.postgres_roles import ensure_roles
from orchestration.serving.postgres_server import DATABASE, LocalPostgres

LOADER, READER = "regstat_loader", "bi_reader"


@dataclass
class Server:
    pg: LocalPostgres
    loader_dsn: str
    reader_dsn: str


@pytest.fixture(scope="session")
def postgres() -> Server:
    folder = Path(tempfile.mkdtemp(prefix="regstat-pg-"))
    folder.chmod(0o755)  # mkdtemp makes it private; the server user must get through it
    pg = LocalPostgres(folder / "data")
    pg.start()
    try:
        ensure_roles(pg.admin_dsn(), DATABASE, LOADER, "loader-secret", READER, "reader-secret")
        yield Server(pg, pg.dsn(LOADER, "loader-secret"), pg.dsn(READER, "reader-secret"))
    finally:
        pg.stop()
        shutil.rmtree(folder, ignore_errors=True)
