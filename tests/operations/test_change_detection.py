"""Change detection cannot be fooled: a curated figure edited to a value of the same length,
with its mtime put back (`touch -r`), is seen by the next build, which builds everything
again and records the file's new hash, instead of publishing "no input changed". (A wrong
value is refused by the validation every build makes first, tests/ingest; here the edit is
a valid one, so only change detection can tell the build that something changed.)"""

from __future__ import annotations

import hashlib
import os
import shutil

from orchestration.publish.build_info import file_hashes
from tests.conftest import build, copy_raw


def test_a_same_size_edit_with_the_mtime_restored_builds_in_full(seed_build, tmp_path):
    """The published build came from these inputs and its digest cache knows them; then
    hz-002's label 比重 becomes 占比 (the same bytes long) with size and mtime unchanged. The
    build must be full (not "incremental: no input changed"), publish the new label and
    record the file's real hash in meta.build_inputs."""
    raw, warehouse = copy_raw(tmp_path / "raw"), tmp_path / "warehouse"
    warehouse.mkdir()
    shutil.copy(seed_build.published, warehouse / "industry_stats.duckdb")
    file_hashes(raw, cache=warehouse / "input_digests.json")  # what the build that published left behind

    path = raw / "figures" / "heze-sei-briefing-2024.csv"
    stat, content = path.stat(), path.read_bytes()
    lines = content.split(b"\n")
    old = ",高新技术产业产值占规上工业总产值比重".encode()  # hz-002's subject_zh, its last field
    assert lines[2].startswith(b"hz-002,") and lines[2].rstrip(b"\r").endswith(old)
    lines[2] = lines[2].replace(old, ",高新技术产业产值占规上工业总产值占比".encode())
    path.write_bytes(b"\n".join(lines))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)

    result = build(warehouse, raw)
    assert result.result.returncode == 0, result.result.stdout + result.result.stderr
    [(mode,)] = result.query("select mode from meta.build_info")
    assert mode == "full"
    [(subject,)] = result.query("select subject_zh from marts.fct_figure where figure_id = 'hz-002'")
    assert subject == "高新技术产业产值占规上工业总产值占比"
    [(recorded,)] = result.query("select sha256 from meta.build_inputs where path = 'figures/heze-sei-briefing-2024.csv'")
    assert recorded == hashlib.sha256(path.read_bytes()).hexdigest()
