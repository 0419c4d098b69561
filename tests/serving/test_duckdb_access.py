"""DuckDB-native BI tools: a SQLAlchemy engine (duckdb-engine) on the published file lists
the marts and answers queries while a build is running."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from tests.conftest import PROJECT


def test_sqlalchemy_reads_the_published_file_during_a_build(seed_build, tmp_path):
    warehouse = tmp_path / "warehouse"
    warehouse.mkdir()
    shutil.copy(seed_build.published, warehouse / "industry_stats.duckdb")
    # The URL the README gives; NullPool: a pooled connection would pin this process to the
    # file it first opened (DuckDB shares one database per path within a process).
    url = f"duckdb:///{warehouse / 'industry_stats.duckdb'}?access_mode=read_only"
    # --force: the inputs are the copied build's, which would otherwise just stay published
    build = subprocess.Popen([sys.executable, "-m", "orchestration.commands", "build", "--quiet", "--force"], cwd=PROJECT,
                             env={**os.environ, "REGSTAT_WAREHOUSE_DIR": str(warehouse)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    queries = 0
    try:
        while build.poll() is None:
            engine = sa.create_engine(url, poolclass=NullPool)
            assert "fct_figure" in sa.inspect(engine).get_table_names(schema="marts")
            with engine.connect() as con:
                assert con.execute(sa.text("select count(*) from marts.fct_figure")).scalar() > 0
            engine.dispose()
            queries += 1
            time.sleep(0.2)
    finally:
        _, stderr = build.communicate(timeout=600)
    assert build.returncode == 0, stderr[-3000:]
    assert queries >= 10  # the reads really overlapped the build
