"""Change detection cannot be fooled: a curated figure edited to a wrong value of the same
length, with its mtime put back (`touch -r`), is seen by the next build, which then builds
everything and validates it instead of publishing "no input changed"."""

from __future__ import annotations

import os
import shutil

from orchestration.build_info import file_hashes
from tests.conftest import copy_raw, regstat, sha256


def test_a_same_size_edit_with_the_mtime_restored_builds_in_full_and_is_refused(seed_build, tmp_path):
    """The published build came from these inputs and its digest cache knows them; then
    hz-002's value 37 becomes 38 (value_text stays 37) with size and mtime unchanged. The
    build must say it is full because figures/heze-sei-briefing-2024.csv changed, refuse the
    row by file and line, and leave the published file byte-identical."""
    raw, warehouse = copy_raw(tmp_path / "raw"), tmp_path / "warehouse"
    warehouse.mkdir()
    shutil.copy(seed_build.published, warehouse / "industry_stats.duckdb")
    file_hashes(raw, cache=warehouse / "input_digests.json")  # what the build that published left behind
    published = sha256(warehouse / "industry_stats.duckdb")

    path = raw / "figures" / "heze-sei-briefing-2024.csv"
    stat, content = path.stat(), path.read_bytes()
    lines = content.split(b"\n")
    assert lines[2].startswith(b"hz-002,") and lines[2].count(b",37,37,") == 1
    lines[2] = lines[2].replace(b",37,37,", b",37,38,")
    path.write_bytes(b"\n".join(lines))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)

    result = regstat("build", warehouse=warehouse, raw=raw)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert "incremental build" not in output
    assert "full build: 1 input(s) other than new report months changed, e.g. figures/heze-sei-briefing-2024.csv" in output
    assert "heze-sei-briefing-2024.csv:3" in output  # hz-002 is the file's second row
    assert sha256(warehouse / "industry_stats.duckdb") == published
