"""`make bi`'s command, `regstat bi load`, as a user runs it: it starts PostgreSQL under the
warehouse folder, loads the published marts and prints connection strings that work;
nobody but the server's owner gets in over the socket; the loader's password is never
printed; `regstat bi stop` stops it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.conftest import regstat


def psql(*args: str, user: str | None = None) -> subprocess.CompletedProcess:
    command = ["psql", "-X", "-At", *args]
    if user:  # another local OS user, as a shell account on the same machine would be
        command = ["runuser", "-u", user, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, cwd="/")


def test_bi_load_prints_working_connection_strings_and_lets_no_one_else_in(seed_build):
    """The printed reader DSN reads the marts, with a statement timeout and an idle-in-
    transaction timeout set for the reader; the loader DSN is in a 0600 file whose path is
    printed, not its password; pg_hba.conf has no trust line; the OS user `nobody`
    connecting over the server's own socket as the superuser is refused, and the socket's
    folder is private to the server's user."""
    folder = Path(tempfile.mkdtemp(prefix="regstat-bi-"))
    folder.chmod(0o755)  # the server user must get through it
    warehouse = folder / "warehouse"
    warehouse.mkdir()
    shutil.copy(seed_build.published, warehouse / "industry_stats.duckdb")
    data = warehouse / "postgres"
    try:
        loaded = regstat("bi", "load", warehouse=warehouse)
        printed = loaded.stdout + loaded.stderr
        assert loaded.returncode == 0, loaded.stderr[-3000:]
        assert "127.0.0.1" in loaded.stdout and "bi_reader" in loaded.stdout
        sockets = (data / "cluster" / "postmaster.pid").read_text().splitlines()[4]
        port = (data / "port").read_text().strip()
        for database in ("regstat", "postgres"):
            intruder = psql("-h", sockets, "-p", port, "-U", "postgres", "-d", database, "-c", "select 1", user="nobody")
            assert intruder.returncode != 0 and intruder.stdout.strip() != "1", intruder.stdout
        assert Path(sockets).stat().st_mode & 0o077 == 0, oct(Path(sockets).stat().st_mode)
        hba = [line.split() for line in (data / "cluster" / "pg_hba.conf").read_text().splitlines()
               if line.strip() and not line.lstrip().startswith("#")]
        assert hba and not any("trust" in fields for fields in hba), hba
        dsn = re.search(r"psql:\s+psql '([^']+)'", loaded.stdout).group(1)
        listing = psql(dsn, "-c", "select count(*) from marts.fct_figure")
        assert listing.returncode == 0, listing.stderr
        assert int(listing.stdout) == seed_build.query("select count(*) from marts.fct_figure")[0][0]
        assert (data / "credentials.json").stat().st_mode & 0o077 == 0  # private

        timeouts = psql(dsn, "-c", "show statement_timeout", "-c", "show idle_in_transaction_session_timeout")
        assert timeouts.returncode == 0, timeouts.stderr
        assert "0" not in timeouts.stdout.split(), timeouts.stdout  # 0 means no limit

        loader_password = json.loads((data / "credentials.json").read_text())["regstat_loader"]
        assert loader_password not in printed
        dsn_file = Path(re.search(r"REGSTAT_PG_DSN=\"\$\(cat ([^)]+)\)\"", loaded.stdout).group(1))
        assert dsn_file.stat().st_mode & 0o077 == 0
        who = psql(dsn_file.read_text().strip(), "-c", "select current_user")
        assert who.returncode == 0 and who.stdout.strip() == "regstat_loader", who.stderr

    finally:
        stopped = regstat("bi", "stop", warehouse=warehouse)
        shutil.rmtree(folder, ignore_errors=True)
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
