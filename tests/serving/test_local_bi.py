"""`make bi`'s command, `regstat bi load`, as a user runs it: it starts PostgreSQL under the
warehouse folder, loads the published marts and prints connection strings that work;
`regstat bi stop` stops it."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.conftest import regstat


def test_bi_load_prints_working_connection_strings(seed_build):
    folder = Path(tempfile.mkdtemp(prefix="regstat-bi-"))
    folder.chmod(0o755)  # the server user must get through it
    warehouse = folder / "warehouse"
    warehouse.mkdir()
    shutil.copy(seed_build.published, warehouse / "industry_stats.duckdb")
    try:
        loaded = regstat("bi", "load", warehouse=warehouse)
        assert loaded.returncode == 0, loaded.stderr[-3000:]
        assert "127.0.0.1" in loaded.stdout and "bi_reader" in loaded.stdout
        dsn = re.search(r"psql:\s+psql '([^']+)'", loaded.stdout).group(1)
        listing = subprocess.run(["psql", dsn, "-At", "-c", "select count(*) from marts.fct_figure"],
                                 capture_output=True, text=True, timeout=60)
        assert listing.returncode == 0, listing.stderr
        assert int(listing.stdout) == seed_build.query("select count(*) from marts.fct_figure")[0][0]
        assert (warehouse / "postgres" / "credentials.json").stat().st_mode & 0o077 == 0  # private
    finally:
        stopped = regstat("bi", "stop", warehouse=warehouse)
        shutil.rmtree(folder, ignore_errors=True)
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
