"""Full or incremental (orchestration/publish/build_plan.py): a build starts from the published one
only when nothing but report months was added or changed and the code is the same; every
other change rebuilds from empty. Databases here are records written by the real
open_record, as a published build holds them."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from orchestration.publish.build_info import open_record
from orchestration.publish.build_plan import FULL, INCREMENTAL, code_hash, decide

INPUTS = {"figures/figures.csv": "a1", "register/enterprises.csv": "b2", "reports/month=2024-01/reports.parquet": "c3"}


@pytest.fixture
def published(tmp_path) -> Path:
    db = tmp_path / "industry_stats.duckdb"
    with duckdb.connect(str(db)) as con:
        open_record(con, "run-1", tmp_path, INPUTS, code_hash="code-1")
    return db


@pytest.mark.parametrize(("inputs", "code", "mode"), [
    (INPUTS, "code-1", INCREMENTAL),  # nothing changed: the month models are rebuilt, cheaply
    ({**INPUTS, "reports/month=2024-02/reports.parquet": "d4"}, "code-1", INCREMENTAL),  # a new month
    ({**INPUTS, "reports/month=2024-01/reports.parquet": "c4"}, "code-1", INCREMENTAL),  # a month redelivered
    ({**INPUTS, "register/enterprises.csv": "b3"}, "code-1", FULL),  # a new register re-sums every month
    ({k: v for k, v in INPUTS.items() if not k.startswith("reports/")}, "code-1", FULL),  # a month removed
    ({**INPUTS, "figures/figures.csv": "a2"}, "code-1", FULL),  # a curated figure changed
    (INPUTS, "code-2", FULL),  # models, loaders or suites changed
])
def test_only_new_or_changed_report_months_with_the_same_code_build_incrementally(published, inputs, code, mode):
    """Each kind of change gives the mode in the comment of its case."""
    plan = decide(published, inputs, code, full_refresh=False)
    assert plan.mode == mode, plan.reason
    if mode == INCREMENTAL:
        assert all(name.startswith("reports/") for name in plan.changed)


def test_full_refresh_another_engine_a_first_build_and_an_old_record_build_everything(published, tmp_path):
    """--full-refresh, models on another engine (Spark), an empty warehouse and a published
    build from before build_inputs existed all give a full build."""
    assert decide(published, INPUTS, "code-1", full_refresh=True).mode == FULL
    assert decide(published, INPUTS, "code-1", full_refresh=False, other_engine=True).mode == FULL
    assert decide(tmp_path / "missing.duckdb", INPUTS, "code-1", full_refresh=False).mode == FULL
    with duckdb.connect(str(published)) as con:
        con.execute("drop table meta.build_inputs")
    assert decide(published, INPUTS, "code-1", full_refresh=False).mode == FULL


def test_the_code_hash_covers_models_and_loaders(tmp_path):
    """Editing a model or an orchestration module changes the code hash; a file outside the
    listed code (a README) does not."""
    for name in ("orchestration/ingest/tables/cells.py", "dbt_project/models/marts/fct_x.sql", "README.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("v1")
    before = code_hash(tmp_path)
    (tmp_path / "README.md").write_text("v2")
    assert code_hash(tmp_path) == before
    for name in ("orchestration/ingest/tables/cells.py", "dbt_project/models/marts/fct_x.sql"):
        (tmp_path / name).write_text("v2")
        assert code_hash(tmp_path) != before
        before = code_hash(tmp_path)


def test_input_digests_cached_on_disk_still_see_every_change(tmp_path):
    """The digest cache (by size and mtime) gives the same hashes as reading the files; an
    edited file is read again; a damaged cache file is ignored."""
    import hashlib
    import os

    from orchestration.publish import build_info

    raw, cache = tmp_path / "raw", tmp_path / "warehouse" / "input_digests.json"
    (raw / "reports").mkdir(parents=True)
    month = raw / "reports" / "m.parquet"
    month.write_bytes(b"first")
    assert build_info.file_hashes(raw, cache) == {"reports/m.parquet": hashlib.sha256(b"first").hexdigest()}
    assert cache.exists()
    build_info._DIGESTS.clear()  # as a new process would start
    month.write_bytes(b"second, longer")
    stat = month.stat()
    os.utime(month, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert build_info.file_hashes(raw, cache)["reports/m.parquet"] == hashlib.sha256(b"second, longer").hexdigest()
    cache.write_text("not json")
    build_info._DIGESTS.clear()
    assert build_info.file_hashes(raw, cache)["reports/m.parquet"] == hashlib.sha256(b"second, longer").hexdigest()


def _same_size_edit_with_mtime_restored(path: Path, old: bytes, new: bytes) -> None:
    """Replace `old` by `new` (same length) in place and put the mtime back, as `touch -r`
    does: size and mtime are what they were."""
    import os

    assert len(old) == len(new)
    stat = path.stat()
    content = path.read_bytes()
    assert content.count(old) == 1
    path.write_bytes(content.replace(old, new))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)


def test_a_same_size_edit_with_the_mtime_restored_is_seen(tmp_path, monkeypatch):
    """A curated file is read on every call, cache or not; a report month's cached digest
    is keyed on ctime and inode too, so an edit of the same size with its mtime restored
    gives the new content's hash in a new process (cache on disk) and in the same one."""
    import hashlib
    import time

    from orchestration.publish import build_info

    monkeypatch.setattr(build_info, "RACY_NS", 0, raising=False)  # cache even a file written a moment ago
    monkeypatch.setattr(build_info, "_DIGESTS", {})  # as a new process starts
    raw, cache = tmp_path / "raw", tmp_path / "warehouse" / "input_digests.json"
    (raw / "reports").mkdir(parents=True)
    (raw / "figures").mkdir()
    figures, month = raw / "figures" / "doc.csv", raw / "reports" / "m.parquet"
    figures.write_bytes(b"hz-002,37,37\n")
    month.write_bytes(b"month value 37")
    build_info.file_hashes(raw, cache)
    assert [key[0] for key in build_info._DIGESTS] == [str(month)]  # only report months are cached
    time.sleep(0.05)  # past the file system's timestamp tick, as between two builds
    _same_size_edit_with_mtime_restored(figures, b"37,37", b"37,38")
    _same_size_edit_with_mtime_restored(month, b"37", b"38")
    for new_process in (False, True):
        if new_process:
            build_info._DIGESTS.clear()
        hashes = build_info.file_hashes(raw, cache)
        assert hashes["figures/doc.csv"] == hashlib.sha256(b"hz-002,37,38\n").hexdigest()
        assert hashes["reports/m.parquet"] == hashlib.sha256(b"month value 38").hexdigest()
