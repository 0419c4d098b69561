"""`make bench`: the seeds build, and the warehouse build at three scales against a tight
hand-written DuckDB floor.

Seeds: `regstat build` on the committed raw/ as a user runs it (a process of its own):
once to warm up, then again after the warehouse folder was emptied (the warm seeds build:
dbt's partial-parse state is warm, the warehouse path the same, since dbt re-parses the
whole project when the profile's warehouse path changes), then again with nothing changed
(the early exit: no dbt, no Dagster run).

For each scale: generate a consistent synthetic raw folder (regstat generate), parse the
dbt project for its warehouse path (as a user's warm `make run` has it), run the nightly
build from an empty database (full), add one month of reports and build again
(incremental: the build starts from the published database and sums only the new month),
run the job once more with nothing changed (what an incremental build costs besides its
month: the job does not take the CLI's early exit), time `regstat build` with nothing
changed (the early exit), and run benchmarks/floor.sql, the tight floor (one
pass over the months doing the checks and the decimal sums together, problem rows named
only when a counter is not zero), in this process. Prints wall times, ratios to the floor
and peak memory (this process and its descendants, found by walking /proc/*/stat: this
kernel has no /proc/<pid>/task/<tid>/children); writes warehouse/bench/<scale>.json.

Targets (issue 16; the scale ones hold at the largest scale run): seeds build warm ≤ 10 s;
nothing-changed build ≤ 3 s; full build ≤ 1.5 × the tight floor; an incremental month
within 2 s of a nothing-changed build; peak memory < 4 GiB. Load is printed with every
number: the machine may be shared.

BENCH_SCALES=small,middle limits the scales (default: all three); BENCH_SEEDS=0 skips the
seeds builds.

Spark (issue 8): at the middle scale the full build also runs with the models on Spark
(`--engine spark`, a local session) on the same inputs, into its own warehouse folder; its
time, its ratio to the DuckDB full build and whether every mart equals DuckDB's (content
hashes) are recorded. BENCH_SPARK=small,middle chooses the scales, BENCH_SPARK= none.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orchestration import settings  # noqa: E402
from orchestration.publish.build_info import mart_stats  # noqa: E402
from orchestration.pipeline.engines import engine_run_config  # noqa: E402
from orchestration.ingest.register import uscc_valid_sql  # noqa: E402
from orchestration.synthetic import Scale, generate  # noqa: E402
from orchestration.synthetic.generate import add_month  # noqa: E402

SCALES = {
    "small": Scale(enterprises=5_000, months=24, counties=10),
    "middle": Scale(enterprises=50_000, months=60, counties=40),
    "large": Scale(enterprises=500_000, months=120, counties=137),
}
CHECK_STEPS = ("expectation_results",)  # validation (the check-result mart is a view over its outcomes)
SPARK_SCALES = {n.strip() for n in os.environ.get("BENCH_SPARK", "middle").split(",") if n.strip()}
PAGE = os.sysconf("SC_PAGE_SIZE")
BENCH_DIR = settings.warehouse_dir() / "bench"  # before the runs point the settings elsewhere


class PeakMemory:
    """Peak resident memory of this process and all its descendants, sampled every 100 ms."""

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
            self._stop.wait(0.1)


def _tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and its descendants: the parent of every process from
    /proc/*/stat (field 4, after the command name in parentheses), RSS pages from field 24."""
    parents, rss = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:  # gone meanwhile
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        parents[int(entry)], rss[int(entry)] = int(fields[1]), int(fields[21]) * PAGE
    total, stack = 0, [pid]
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def load() -> str:
    """The 1-minute load average, printed beside every time (the cores may be shared)."""
    return f"load {os.getloadavg()[0]:.1f}"


def run_build(full_refresh: bool, engine: str | None = None) -> dict:
    """The nightly job in this process; wall time, check time (from step events), peak memory."""
    from dagster import DagsterInstance

    from orchestration.pipeline.definitions import defs

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
    return {"seconds": seconds, "check_seconds": checks, "steps": steps, "peak_bytes": memory.peak,
            "load": os.getloadavg()[0]}


def floor_sections(raw: Path, months: list[Path]) -> dict[str, str]:
    """benchmarks/floor.sql by section number, placeholders filled."""
    script = (ROOT / "benchmarks" / "floor.sql").read_text(encoding="utf-8")
    script = (script.replace("{raw}", str(raw)).replace("{months}", repr([str(m) for m in months]))
              .replace("{uscc_valid}", uscc_valid_sql("uscc")))
    return {part[3]: part for part in re.split(r"\n(?=-- \d+\. )", script) if re.match(r"-- \d+\. ", part)}


FLOOR_COUNTERS = ("select (select bad_rows + duplicates + bad_regions + bad_industries from register_problems)"
                  " + (select coalesce(sum(wrong_month + bad_amounts + duplicates + unknown), 0) from month_pass)")


def run_floor(raw: Path, months: list[Path], published: Path, workdir: Path) -> dict:
    """benchmarks/floor.sql on a fresh database; the reference tables and table values come
    from the published build (they are the loaders' output, a few thousand rows)."""
    sql = floor_sections(raw, months)
    db = workdir / "floor.duckdb"
    db.unlink(missing_ok=True)
    limit = {"memory_limit": settings.duckdb_memory_limit()}  # the build's ceiling, for a fair floor
    with PeakMemory() as memory, duckdb.connect(str(db), config=limit) as con:
        started = time.perf_counter()
        con.execute(f"attach '{published}' as pub (read_only)")
        for table in ("regions", "industries", "indicators", "table_values"):
            con.execute(f"create table {table} as select * from pub.raw.{table}")
        con.execute("detach pub")
        con.execute(sql["1"])
        con.execute(sql["2"])
        problems = con.execute(FLOOR_COUNTERS).fetchone()[0]
        if problems:
            con.execute(sql["3"])
        con.execute(sql["4"])
        checks_started = time.perf_counter()
        con.execute(sql["5"])
        finished = time.perf_counter()
        failed = con.execute("select count(*) from reconciliation where not holds").fetchone()[0]
    return {"seconds": finished - started, "check_seconds": finished - checks_started, "peak_bytes": memory.peak,
            "report_problems": problems, "failed_checks": failed, "load": os.getloadavg()[0]}


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

    from orchestration.commands import prepare_dbt_manifest

    prepare_dbt_manifest()  # dbt's profile names the warehouse path: parsed once per path, as a warm user has it
    full = run_build(full_refresh=True)
    print(f"  full build {full['seconds']:.1f} s ({load()})", flush=True)
    spark = run_spark(name, warehouse) if name in SPARK_SCALES else None
    month = add_month(raw, scale)
    incremental = run_build(full_refresh=False)
    print(f"  incremental build (+{month}) {incremental['seconds']:.1f} s ({load()})", flush=True)
    unchanged = run_build(full_refresh=False)
    print(f"  nothing changed, the job run anyway {unchanged['seconds']:.1f} s ({load()})", flush=True)
    early_exit, early_load = cli_build(raw, warehouse, expect="nothing changed")
    print(f"  nothing changed, `regstat build` {early_exit:.2f} s (load {early_load:.1f})", flush=True)
    months = sorted((raw / "reports").glob("month=*/reports.parquet"))
    floor_full = run_floor(raw, months, settings.published_db(), warehouse)
    floor_month = run_floor_month(raw, months[-1], warehouse)
    print(f"  tight floor {floor_full['seconds']:.1f} s, one month {floor_month['seconds']:.2f} s ({load()})", flush=True)
    result = {
        "scale": name, **asdict(scale), "report_rows": scale.enterprises * (scale.months + 1),
        "generate_seconds": generated, "full": full, "incremental": incremental, "unchanged": unchanged,
        "floor_full": floor_full, "floor_month": floor_month,
        "unchanged_cli": {"seconds": early_exit, "load": early_load},
        "ratio_full_to_floor": full["seconds"] / floor_full["seconds"],
        "ratio_incremental_to_floor": incremental["seconds"] / floor_month["seconds"],
        "ratio_checks_to_floor": full["check_seconds"] / floor_full["check_seconds"],
        "incremental_share_of_full": incremental["seconds"] / full["seconds"],
        "incremental_over_unchanged": incremental["seconds"] - unchanged["seconds"],
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
    """The floor's incremental equivalent: the one new month's pass (checks counted, sums)
    added to the floor database the full run left, then the aggregates and reconciliation."""
    sql = floor_sections(raw, [month_file])
    month_pass = sql["2"].split("create or replace view")[0].replace("create or replace table month_pass as",
                                                                      "insert into month_pass")
    limit = {"memory_limit": settings.duckdb_memory_limit()}
    with PeakMemory() as memory, duckdb.connect(str(warehouse / "floor.duckdb"), config=limit) as con:
        started = time.perf_counter()
        con.execute(month_pass)
        if con.execute(FLOOR_COUNTERS).fetchone()[0]:
            con.execute(sql["3"])
        con.execute(sql["4"])
        con.execute(sql["5"])
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_bytes": memory.peak, "load": os.getloadavg()[0]}


def cli_build(raw: Path, warehouse: Path, expect: str = "published:") -> tuple[float, float]:
    """`regstat build` in a process of its own, as a user runs it; (wall seconds, load).
    Its step lines are kept in the result's output, which must contain `expect`."""
    env = {**os.environ, "REGSTAT_WAREHOUSE_DIR": str(warehouse), "REGSTAT_RAW_DIR": str(raw)}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "orchestration.commands", "build"], cwd=ROOT, env=env,
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    if result.returncode != 0 or expect not in result.stdout:
        raise RuntimeError(f"build in {warehouse} did not say {expect!r}: {result.stdout[-2000:]}{result.stderr[-2000:]}")
    cli_build.last_output = result.stdout  # type: ignore[attr-defined]
    return seconds, os.getloadavg()[0]


def run_seeds() -> dict:
    """`regstat build` on the committed raw/, as a user runs it: a warm-up, the warm seeds
    build after the warehouse folder was emptied (same path: dbt's parse stays partial),
    then nothing changed."""
    with tempfile.TemporaryDirectory() as tmp:
        warehouse = Path(tmp) / "warehouse"
        cli_build(ROOT / "raw", warehouse)
        shutil.rmtree(warehouse)
        warm, warm_load = cli_build(ROOT / "raw", warehouse)
        steps = [line for line in cli_build.last_output.splitlines() if line.startswith("  ")]  # type: ignore[attr-defined]
        unchanged, unchanged_load = cli_build(ROOT / "raw", warehouse, expect="nothing changed")
    print(f"seeds: warm build {warm:.1f} s (load {warm_load:.1f}); nothing changed {unchanged:.2f} s "
          f"(load {unchanged_load:.1f})", flush=True)
    for line in steps:
        print(f"  {line}", flush=True)
    return {"warm_seconds": warm, "warm_load": warm_load, "unchanged_seconds": unchanged, "unchanged_load": unchanged_load,
            "warm_steps": steps}


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def main() -> int:
    names = [n.strip() for n in os.environ.get("BENCH_SCALES", ",".join(SCALES)).split(",") if n.strip()]
    unknown = [n for n in names if n not in SCALES]
    if unknown:
        print(f"unknown scale(s) {unknown}; choose from {list(SCALES)}", file=sys.stderr)
        return 2
    from orchestration.commands import prepare_dbt_manifest

    prepare_dbt_manifest()  # the dbt assets load from the manifest
    # Imported before any timing: the first scale's full build would otherwise carry seconds
    # of one-time imports (Great Expectations, the Dagster definitions) that the floor, run
    # in the same process, does not (the seeds build, in a process of its own, has them).
    import great_expectations  # noqa: F401

    from orchestration.pipeline.definitions import defs  # noqa: F401

    seeds = run_seeds() if os.environ.get("BENCH_SEEDS", "1") != "0" else None
    results = [bench(name, SCALES[name]) for name in names]
    print("\nscale   report rows   full s  floor s  ratio   incr s  job same s  incr-same  cli same s  floor/month s"
          "  peak GiB  load full/floor/incr/same")
    for r in results:
        peak = max(r[k]["peak_bytes"] for k in ("full", "incremental", "unchanged")) / 2**30
        print(f"{r['scale']:<7} {r['report_rows']:>11,} {r['full']['seconds']:>8.1f} {r['floor_full']['seconds']:>8.1f}"
              f" {r['ratio_full_to_floor']:>6.2f} {r['incremental']['seconds']:>8.1f} {r['unchanged']['seconds']:>11.1f}"
              f" {r['incremental_over_unchanged']:>10.1f} {r['unchanged_cli']['seconds']:>11.2f}"
              f" {r['floor_month']['seconds']:>14.2f} {peak:>9.2f}"
              f"  {r['full']['load']:.1f}/{r['floor_full']['load']:.1f}/{r['incremental']['load']:.1f}"
              f"/{r['unchanged']['load']:.1f}")
    largest = results[-1] if results else None
    targets = []
    if seeds:
        targets += [(f"seeds build warm ≤ 10 s ({seeds['warm_seconds']:.1f} s, load {seeds['warm_load']:.1f})",
                     seeds["warm_seconds"] <= 10),
                    (f"nothing changed ≤ 3 s ({seeds['unchanged_seconds']:.1f} s, load {seeds['unchanged_load']:.1f})",
                     seeds["unchanged_seconds"] <= 3)]
    if largest:
        peak = max(largest[k]["peak_bytes"] for k in ("full", "incremental", "unchanged")) / 2**30
        at = f"at {largest['scale']}" + ("" if largest["scale"] == "large" else ", not the large scale the targets are for")
        targets += [(f"full ≤ 1.5 × tight floor {at} ({largest['ratio_full_to_floor']:.2f})", largest["ratio_full_to_floor"] <= 1.5),
                    (f"incremental month within 2 s of the job run with nothing changed {at} "
                     f"({largest['incremental_over_unchanged']:+.1f} s; `regstat build` with nothing changed: "
                     f"{largest['unchanged_cli']['seconds']:.2f} s)",
                     largest["incremental_over_unchanged"] <= 2),
                    (f"peak < 4 GiB {at} ({peak:.2f} GiB)", peak < 4)]
    print("\ntargets:")
    for text, met in targets:
        print(f"  {_verdict(met):<6} {text}")
    for r in results:
        if "spark_full" in r:
            print(f"{r['scale']}: full build with the models on Spark {r['spark_full']['seconds']:.1f} s, "
                  f"DuckDB {r['full']['seconds']:.1f} s: Spark takes {r['ratio_spark_to_duckdb']:.1f}x as long "
                  f"(peak {r['spark_full']['peak_bytes'] / 2**30:.2f} GiB); marts equal: {r['spark_full']['marts_equal']}")
    print(f"results: {BENCH_DIR}/*.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
