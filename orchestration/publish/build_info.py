"""What a build records about itself: `meta.build_info` (one row) and `meta.build_marts`
(one row per mart), written into the build database and so into every snapshot.

The ingest step opens the record (build id, start time, input hash); the publish step
completes it (end time, check summary, row count and content hash of every mart)."""

from __future__ import annotations

import hashlib
import json
import os
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from orchestration.ingest.raw_files import input_files

META = "meta"


def now_utc() -> str:
    """The time stamp every record of a build carries (build info, snapshots, lock, alerts)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# Only the large report months may take their digest from a cache; every other input (the
# curated CSVs, documents, reference, tables, register: small) is read on every call, so
# no edit can hide behind a restored mtime.
CACHED_PREFIX = "reports/"
# What git's index compares to decide a file is unchanged: a same-size edit whose mtime is
# restored (`touch -r`) still moves ctime, and a file replaced by another moves the inode.
StatKey = tuple[str, int, int, int, int]  # (path, size, mtime_ns, ctime_ns, inode)
# A file changed less than this before it was hashed may change again within the same
# timestamp tick (git's "racily clean" entries): its digest is not cached.
RACY_NS = 2_000_000_000

# StatKey → sha256: a long-lived process (the sensor's code server) does not reread a
# gigabyte of unchanged report files every tick.
_DIGESTS: dict[StatKey, str] = {}


def _stat_key(path: Path, stat: os.stat_result) -> StatKey:
    return (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def _read_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sha256(path: Path, cacheable: bool) -> str:
    if not cacheable:
        return _read_sha256(path)
    stat = path.stat()
    key = _stat_key(path, stat)
    if key in _DIGESTS:
        return _DIGESTS[key]
    digest = _read_sha256(path)
    if time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) > RACY_NS:
        _DIGESTS[key] = digest
    return digest


def file_hashes(root: Path, cache: Path | None = None) -> dict[str, str]:
    """sha256 of every input file under `root` (orchestration/ingest/raw_files.py: a stray file in a
    curated folder is not read, a symbolic link not followed), keyed by its relative path
    (posix). Report months (reports/) are read only when their size, mtime, ctime or inode
    changed; with `cache` (a JSON file) those digests survive the process, as git's index
    does, so a new `regstat build` does not reread a gigabyte of report months. Every other
    file is read."""
    if cache is not None and cache.exists():
        try:
            _DIGESTS.update({tuple(key): digest for key, digest in json.loads(cache.read_text(encoding="utf-8"))
                             if len(key) == 5})  # entries of an older format (size, mtime) are dropped
        except (ValueError, TypeError):
            pass  # a damaged cache is only slower
    hashes = {}
    for path in input_files(root):
        name = path.relative_to(root).as_posix()
        hashes[name] = _sha256(path, cacheable=name.startswith(CACHED_PREFIX))
    if cache is not None:
        files = {str(root / name) for name in hashes if name.startswith(CACHED_PREFIX)}
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps([[list(k), d] for k, d in _DIGESTS.items() if k[0] in files]), encoding="utf-8")
        os.replace(partial, cache)
    return hashes


def input_hash(hashes: dict[str, str]) -> str:
    """One hash over names and contents: renaming, adding or editing a file changes it,
    touching one does not."""
    digest = hashlib.sha256()
    for name in sorted(hashes):
        digest.update(f"{name}\0{hashes[name]}\n".encode())
    return digest.hexdigest()


def new_build_id(run_id: str, started: datetime) -> str:
    """Sortable by start time, unique by run: 20261125T020000Z-1a2b3c4d."""
    return f"{started.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}-{run_id[:8]}"


def open_record(con: duckdb.DuckDBPyConnection, run_id: str, raw_dir: Path, hashes: dict[str, str] | None = None,
                code_hash: str | None = None, mode: str = "full", engine: str = "duckdb") -> str:
    """Start the build's record in the build database; returns the build id. `hashes`
    (file_hashes of raw_dir) saves reading the inputs twice. Each input file's hash, the
    code hash and the engine that built the models go in too: the next build compares them
    to choose full or incremental, or to build nothing at all (build_plan.nothing_changed)."""
    started = datetime.now(timezone.utc)
    build_id = new_build_id(run_id, started)
    hashes = hashes if hashes is not None else file_hashes(raw_dir)
    con.execute(f"create schema if not exists {META}")
    con.execute(f"""create or replace table {META}.build_info (
        build_id varchar not null, run_id varchar not null, started_at timestamptz not null,
        finished_at timestamptz, input_hash varchar not null, figures bigint,
        checks_pass bigint, checks_warn bigint, checks_fail bigint, marts_hash varchar,
        code_hash varchar, mode varchar not null, engine varchar)""")
    con.execute(f"insert into {META}.build_info (build_id, run_id, started_at, input_hash, code_hash, mode, engine) "
                "values (?, ?, ?, ?, ?, ?, ?)", [build_id, run_id, started, input_hash(hashes), code_hash, mode, engine])
    con.execute(f"create or replace table {META}.build_inputs (path varchar not null, sha256 varchar not null)")
    con.executemany(f"insert into {META}.build_inputs values (?, ?)", sorted(hashes.items()))
    return build_id


def mart_stats(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, str]]:
    """(mart, rows, content hash) per table or view of schema marts (fct_check_result is a
    view). The hash is order-independent (a sum of row hashes), so equal contents give
    equal hashes whatever the row order."""
    marts = [name for (name,) in con.execute(
        "select table_name from duckdb_tables() where schema_name = 'marts' union all "
        "select view_name from duckdb_views() where schema_name = 'marts' and not internal order by 1").fetchall()]
    stats = []
    for mart in marts:
        rows, total = con.execute(f"select count(*), coalesce(sum(hash(t)::hugeint), 0) from marts.{mart} as t").fetchone()
        stats.append((mart, rows, hashlib.sha256(f"{rows}:{total}".encode()).hexdigest()[:16]))
    return stats


def close_record(con: duckdb.DuckDBPyConnection, checks: dict[str, int], figures: int) -> dict:
    """Complete the record at publish time; returns it as a dict."""
    stats = mart_stats(con)
    marts_hash = hashlib.sha256("".join(f"{m}:{h};" for m, _, h in stats).encode()).hexdigest()[:16]
    con.execute(f"create or replace table {META}.build_marts (mart varchar not null, row_count bigint not null, content_hash varchar not null)")
    con.executemany(f"insert into {META}.build_marts values (?, ?, ?)", stats)
    con.execute(f"""update {META}.build_info set finished_at = ?, figures = ?, checks_pass = ?, checks_warn = ?,
                    checks_fail = ?, marts_hash = ?""",
                [datetime.now(timezone.utc), figures, checks["pass"], checks["warn"], checks["fail"], marts_hash])
    return read_record(con)


def read_build_info(con: duckdb.DuckDBPyConnection) -> dict:
    """meta.build_info as a dict: present from ingest on, so also in a build that does not
    publish (the nightly report reads it then)."""
    cursor = con.execute(f"select * from {META}.build_info")
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row))


def read_record(con: duckdb.DuckDBPyConnection) -> dict:
    """meta.build_info as a dict, with `marts` mapping each mart to (rows, hash); complete
    once the build is published (meta.build_marts is written by close_record)."""
    record = read_build_info(con)
    record["marts"] = {m: (n, h) for m, n, h in con.execute(
        f"select mart, row_count, content_hash from {META}.build_marts order by mart").fetchall()}
    return record
