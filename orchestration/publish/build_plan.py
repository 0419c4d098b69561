"""Whether a build is needed at all (nothing changed: the published build stays), starts
from the published one and rebuilds only what new report months change (incremental), or
starts from an empty database (full).

Nothing changed when the published build was made by the same code, on the same engine,
from the same inputs: `regstat build` and the nightly schedule then say so and stop
before importing Dagster, dbt or Great Expectations (this module imports neither).

Incremental only when the published build was made by the same code (orchestration, dbt
project, expectation suites, locked dependencies) from the same inputs except report-month
files added or changed since. Anything else (a new register, a changed figure, a removed
month, a code change, `--full-refresh`, the Spark engine) builds everything again, so an incremental build
always equals a full rebuild of the same inputs (tested).
"""

from __future__ import annotations

import fcntl
import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration import settings
from orchestration.publish.build_info import file_hashes

# What decides the warehouse's contents besides raw/: a change here rebuilds everything.
CODE = ["orchestration/**/*.py", "dbt_project/dbt_project.yml", "dbt_project/selectors.yml", "dbt_project/models/**/*",
        "dbt_project/macros/**/*", "dbt_project/tests/**/*", "expectations/suites/**/*", "uv.lock"]
REPORT_PREFIX = "reports/"
# The one input an incremental build reloads; the dbt selector `new_report_months`
# (dbt_project/selectors.yml) is everything downstream of it.
REPORT_MONTHS_SOURCE = ["raw", "report_files"]
FULL, INCREMENTAL = "full", "incremental"


@dataclass(frozen=True)
class Plan:
    mode: str  # FULL or INCREMENTAL
    reason: str  # one line, for the log
    changed: tuple[str, ...] = ()  # raw files added or changed since the published build


def code_hash(root: Path = settings.PROJECT_ROOT) -> str:
    digest = hashlib.sha256()
    for path in sorted({p for pattern in CODE for p in root.glob(pattern) if p.is_file()}):
        digest.update(f"{path.relative_to(root).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def decide(published: Path, hashes: dict[str, str], code: str, full_refresh: bool, other_engine: bool = False) -> Plan:
    """Compare the inputs and code with what the published build recorded. A build whose
    models run on another engine (Spark, docs/spark.md) is full: that engine holds none of
    the published build."""
    if full_refresh:
        return Plan(FULL, "full refresh asked for")
    if other_engine:
        return Plan(FULL, "the models are built on another engine, which holds none of the published build")
    if not published.exists():
        return Plan(FULL, "nothing published yet")
    previous = _published_inputs(published)
    if previous is None:
        return Plan(FULL, "the published build did not record its inputs")
    previous_code, previous_hashes = previous.code, previous.hashes
    if previous_code != code:
        return Plan(FULL, "the code changed since the published build")
    removed = sorted(set(previous_hashes) - set(hashes))
    changed = tuple(sorted(name for name, digest in hashes.items() if previous_hashes.get(name) != digest))
    others = removed + [name for name in changed if not name.startswith(REPORT_PREFIX)]
    if others:
        return Plan(FULL, f"{len(others)} input(s) other than new report months changed, e.g. {others[0]}")
    if not changed:
        return Plan(INCREMENTAL, "no input changed", changed)
    return Plan(INCREMENTAL, f"only report months changed: {', '.join(changed)}", changed)


@dataclass(frozen=True)
class PublishedInputs:
    """What the published build recorded about how it was made."""

    build_id: str
    code: str
    hashes: dict[str, str]
    engine: str | None  # None: recorded before builds named their engine


def _published_inputs(published: Path) -> PublishedInputs | None:
    con = duckdb.connect(str(published), read_only=True)
    try:
        tables = {name for (name,) in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'meta'").fetchall()}
        columns = {name for (name,) in con.execute(
            "select column_name from duckdb_columns() where schema_name = 'meta' and table_name = 'build_info'").fetchall()}
        if "build_inputs" not in tables or "code_hash" not in columns:
            return None
        engine = ", engine" if "engine" in columns else ", null"
        build_id, code, engine = con.execute(f"select build_id, code_hash{engine} from meta.build_info").fetchone()
        return PublishedInputs(build_id, code, dict(con.execute("select path, sha256 from meta.build_inputs").fetchall()),
                               engine)
    finally:
        con.close()


def input_digest_cache(warehouse: Path | None = None) -> Path:
    """Where report-month digests survive between processes (build_info.file_hashes), in
    `warehouse` (default the environment's)."""
    return (warehouse or settings.warehouse_dir()) / "input_digests.json"


def nothing_changed(engine: str, lock_held: bool = False) -> str | None:
    """The published build's id when building now would make it again: the same code
    (code_hash), the same engine and the same inputs, file for file. None when a build is
    needed, or when another build holds the lock (it may be about to publish something
    else: the caller then takes the lock, waiting, and asks again with `lock_held`)."""
    published = settings.published_db()
    if not published.exists():
        return None
    if lock_held:
        return _same_as_published(published, engine)
    try:
        handle = open(settings.build_lock_path(), "a+")  # noqa: SIM115 (open while comparing)
    except OSError:
        return None
    with handle:  # closing it releases the flock
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return None  # a build runs
        return _same_as_published(published, engine)


def _same_as_published(published: Path, engine: str) -> str | None:
    try:
        previous = _published_inputs(published)
    except duckdb.Error:  # damaged, or not a database: a build says why
        return None
    if previous is None or previous.engine != engine:
        return None
    if file_hashes(settings.raw_dir(), cache=input_digest_cache()) != previous.hashes:
        return None
    return previous.build_id if code_hash() == previous.code else None
