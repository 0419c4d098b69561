"""`make bench`: the warehouse build at three scales against a hand-written DuckDB floor.

For each scale: generate a consistent synthetic raw folder (regstat generate), run the
nightly build from an empty database (full), add one month of reports and build again
(incremental: the build starts from the published database and sums only the new month),
and run benchmarks/floor.sql, the same transformations as one plain DuckDB script, in this
process. Prints wall times, their ratios to the floor and peak memory (this process and its
children: dbt runs in a subprocess); writes warehouse/bench/<scale>.json.

Targets at the largest scale (issue 5): full build ≤ 1.5 × floor, incremental < 5 % of the
full build, peak memory < 4 GiB.

BENCH_SCALES=small,middle limits the scales (default: all three).

Spark (issue 8): at the middle scale the full build also runs with the models on Spark
(`--engine spark`, a local session) on the same inputs, into its own warehouse folder; its
time, its ratio to the DuckDB full build and whether every mart equals DuckDB's (content
hashes) are recorded. BENCH_SPARK=small,middle chooses the scales, BENCH_SPARK= none.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orchestration import settings  # noqa: E402
from orchestration.build_info import mart_stats  # noqa: E402
from orchestration.engines import engine_run_config  # noqa: E402
from orchestration.synthetic import Scale, generate  # noqa: E402
from orchestration.synthetic.generate import add_month  # noqa: E402

SCALES = {
    "small": Scale(enterprises=5_000, months=24, counties=10),
    "middle": Scale(enterprises=50_000, months=60, counties=40),
    "large": Scale(enterprises=500_000, months=120, counties=137),
}
CHECK_STEPS = ("expectation_results",)  # validation (the check-result mart is a view over its outcomes)
FLOOR_CHECK_SECTION = "-- 5."
SPARK_SCALES = {n.strip() for n in os.environ.get("BENCH_SPARK", "middle").split(",") if n.strip()}
BENCH_DIR = settings.warehouse_dir() / "bench"  # before the runs point the settings elsewhere


class PeakMemory:
    """Peak resident memory of this process and all its descendants, sampled every 50 ms."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(os.getpid()))
            self._stop.wait(0.05)


def _tree_rss(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) * 1024
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
        stack.extend(int(c) for c in children)
    return total


def run_build(full_refresh: bool, engine: str | None = None) -> dict:
    """The nightly job in this process; wall time, check time (from step events), peak memory."""
    from dagster import DagsterInstance

    from orchestration.definitions import defs

    job = defs.resolve_job_def("nightly_build")
    with PeakMemory() as memory, DagsterInstance.ephemeral() as instance:
        started = time.perf_counter()
        result = job.execute_in_process(
            instance=instance, raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}},
                        "ops": {"raw_inputs": {"config": {"full_refresh": full_refresh}}},
                        **engine_run_config(engine)})
        seconds = time.perf_counter() - started
        steps = {s.step_key: s.end_time - s.start_time for s in instance.get_run_step_stats(result.run_id)
                 if s.start_time and s.end_time}
    if not result.success:
        failures = [e.step_failure_data.error.message for e in result.all_events if e.is_step_failure]
        raise RuntimeError(f"build failed: {failures}")
    checks = sum(s for key, s in steps.items() if key in CHECK_STEPS or key.startswith(("marts__", "expectations")))
    return {"seconds": seconds, "check_seconds": checks, "steps": steps, "peak_bytes": memory.peak}


def run_floor(raw: Path, months: list[Path], published: Path, workdir: Path) -> dict:
    """benchmarks/floor.sql on a fresh database; the reference tables and table values come
    from the published build (they are the loaders' output, a few thousand rows)."""
    script = (ROOT / "benchmarks" / "floor.sql").read_text(encoding="utf-8")
    sql = script.replace("{raw}", str(raw)).replace("{months}", repr([str(m) for m in months]))
    body, checks = sql.split(FLOOR_CHECK_SECTION)
    checks = FLOOR_CHECK_SECTION + checks
    db = workdir / "floor.duckdb"
    db.unlink(missing_ok=True)
    limit = {"memory_limit": settings.duckdb_memory_limit()}  # the build's ceiling, for a fair floor
    with PeakMemory() as memory, duckdb.connect(str(db), config=limit) as con:
        started = time.perf_counter()
        con.execute(f"attach '{published}' as pub (read_only)")
        for table in ("regions", "industries", "indicators", "table_values"):
            con.execute(f"create table {table} as select * from pub.raw.{table}")
        con.execute("detach pub")
        con.execute(body)
        checks_started = time.perf_counter()
        con.execute(checks)
        finished = time.perf_counter()
        problems = con.execute("select count(*) from report_problems").fetchone()[0]
        failed = con.execute("select count(*) from reconciliation where not holds").fetchone()[0]
    return {"seconds": finished - started, "check_seconds": finished - checks_started, "peak_bytes": memory.peak,
            "report_problems": problems, "failed_checks": failed}


def bench(name: str, scale: Scale) -> dict:
    root = BENCH_DIR
    raw, warehouse = root / "data" / name, root / f"warehouse-{name}"
    print(f"\n== {name}: {scale.enterprises:,} enterprises × {scale.months} months "
          f"= {scale.enterprises * scale.months:,} report rows", flush=True)
    started = time.perf_counter()
    generate(raw, Scale(**{**asdict(scale), "inject": False}))
    generated = time.perf_counter() - started
    shutil.rmtree(warehouse, ignore_errors=True)
    os.environ["REGSTAT_RAW_DIR"], os.environ["REGSTAT_WAREHOUSE_DIR"] = str(raw), str(warehouse)

    full = run_build(full_refresh=True)
    print(f"  full build {full['seconds']:.1f} s", flush=True)
    spark = run_spark(name, warehouse) if name in SPARK_SCALES else None
    month = add_month(raw, scale)
    incremental = run_build(full_refresh=False)
    print(f"  incremental build (+{month}) {incremental['seconds']:.1f} s", flush=True)
    months = sorted((raw / "reports").glob("month=*/reports.parquet"))
    floor_full = run_floor(raw, months, settings.published_db(), warehouse)
    floor_month = run_floor_month(raw, months[-1], warehouse)
    result = {
        "scale": name, **asdict(scale), "report_rows": scale.enterprises * (scale.months + 1),
        "generate_seconds": generated, "full": full, "incremental": incremental,
        "floor_full": floor_full, "floor_month": floor_month,
        "ratio_full_to_floor": full["seconds"] / floor_full["seconds"],
        "ratio_incremental_to_floor": incremental["seconds"] / floor_month["seconds"],
        "ratio_checks_to_floor": full["check_seconds"] / floor_full["check_seconds"],
        "incremental_share_of_full": incremental["seconds"] / full["seconds"],
    }
    if spark:
        result.update(spark_full=spark, ratio_spark_to_duckdb=spark["seconds"] / full["seconds"])
    (root / f"{name}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


def run_spark(name: str, duckdb_warehouse: Path) -> dict:
    """The same full build with the models on Spark, in its own warehouse folder; whether
    its marts equal the DuckDB build's (order-independent content hash of each)."""
    warehouse = BENCH_DIR / f"warehouse-{name}-spark"
    shutil.rmtree(warehouse, ignore_errors=True)
    os.environ["REGSTAT_WAREHOUSE_DIR"] = str(warehouse)
    try:
        spark = run_build(full_refresh=True, engine="spark")
    finally:
        os.environ["REGSTAT_WAREHOUSE_DIR"] = str(duckdb_warehouse)
    with duckdb.connect(str(warehouse / settings.PUBLISHED_NAME), read_only=True) as con:
        on_spark = mart_stats(con)
    with duckdb.connect(str(duckdb_warehouse / settings.PUBLISHED_NAME), read_only=True) as con:
        on_duckdb = mart_stats(con)
    spark["marts_equal"] = on_spark == on_duckdb
    spark["marts_differing"] = sorted({m for m, _, _ in set(on_spark) ^ set(on_duckdb)})
    print(f"  full build on spark {spark['seconds']:.1f} s, marts equal to DuckDB's: {spark['marts_equal']}", flush=True)
    return spark


def run_floor_month(raw: Path, month_file: Path, warehouse: Path) -> dict:
    """The floor's incremental equivalent: checks and sums of the one new month added to the
    floor database the full run left, then the aggregates and reconciliation again."""
    script = (ROOT / "benchmarks" / "floor.sql").read_text(encoding="utf-8")
    sections = script.split("\n-- ")
    month_sql = "\n-- ".join(s for s in sections if s.startswith(("2.", "3."))).replace("{months}", repr([str(month_file)]))
    month_sql = month_sql.replace("create or replace table industry_month as", "insert into industry_month")
    month_sql = month_sql.replace("create or replace table report_problems as", "insert into report_problems")
    rest = "\n-- ".join(s for s in sections if s.startswith(("4.", "5.")))
    limit = {"memory_limit": settings.duckdb_memory_limit()}
    with PeakMemory() as memory, duckdb.connect(str(warehouse / "floor.duckdb"), config=limit) as con:
        started = time.perf_counter()
        con.execute("-- " + month_sql.replace("{raw}", str(raw)))
        con.execute("-- " + rest)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_bytes": memory.peak}


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def main() -> int:
    names = [n.strip() for n in os.environ.get("BENCH_SCALES", ",".join(SCALES)).split(",") if n.strip()]
    unknown = [n for n in names if n not in SCALES]
    if unknown:
        print(f"unknown scale(s) {unknown}; choose from {list(SCALES)}", file=sys.stderr)
        return 2
    from orchestration.cli import prepare_dbt_manifest

    prepare_dbt_manifest()  # the dbt assets load from the manifest
    results = [bench(name, SCALES[name]) for name in names]
    print("\nscale   report rows   full s  floor s  ratio   incr s  floor s  ratio  incr/full  checks s  ratio  peak GiB")
    for r in results:
        print(f"{r['scale']:<7} {r['report_rows']:>11,} {r['full']['seconds']:>8.1f} {r['floor_full']['seconds']:>8.1f}"
              f" {r['ratio_full_to_floor']:>6.2f} {r['incremental']['seconds']:>8.1f} {r['floor_month']['seconds']:>8.2f}"
              f" {r['ratio_incremental_to_floor']:>6.1f} {r['incremental_share_of_full']:>9.1%}"
              f" {r['full']['check_seconds']:>9.1f} {r['ratio_checks_to_floor']:>6.1f}"
              f" {max(r['full']['peak_bytes'], r['incremental']['peak_bytes']) / 2**30:>9.2f}")
    largest = results[-1]
    peak = max(largest["full"]["peak_bytes"], largest["incremental"]["peak_bytes"]) / 2**30
    print(f"\ntargets at {largest['scale']} (issue 5's are for large):"
          f" full ≤ 1.5 × floor {_verdict(largest['ratio_full_to_floor'] <= 1.5)} ({largest['ratio_full_to_floor']:.2f});"
          f" incremental < 5 % of full {_verdict(largest['incremental_share_of_full'] < 0.05)}"
          f" ({largest['incremental_share_of_full']:.1%}); peak < 4 GiB {_verdict(peak < 4)} ({peak:.2f} GiB)")
    for r in results:
        if "spark_full" in r:
            print(f"{r['scale']}: full build with the models on Spark {r['spark_full']['seconds']:.1f} s, "
                  f"DuckDB {r['full']['seconds']:.1f} s: Spark takes {r['ratio_spark_to_duckdb']:.1f}x as long "
                  f"(peak {r['spark_full']['peak_bytes'] / 2**30:.2f} GiB); marts equal: {r['spark_full']['marts_equal']}")
    print(f"results: {BENCH_DIR}/*.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
