"""Publish the validated build as warehouse/industry_stats.duckdb by an atomic replace."""


import os
import shutil

import dagster as dg

from orchestration import settings
from orchestration.report import build_summary
from orchestration.warehouse import connect

CHECK_RESULTS = dg.AssetKey(["marts", "fct_check_result"])


class PublishBlocked(Exception):
    """Raised when error-severity checks failed: the published warehouse stays as it was."""


def publish_build() -> None:
    """Copy the finished build next to the published file, then rename it over it: readers
    see the old file or the new one, never a partial one."""
    build, published = settings.build_db(), settings.published_db()
    with connect(build) as con:
        con.execute("checkpoint")  # everything in the file, nothing left in the WAL
    staging = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(build, staging)
        with open(staging, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(staging, published)
    finally:
        staging.unlink(missing_ok=True)
    directory = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


@dg.asset(
    key=["warehouse", "published"],
    deps=[CHECK_RESULTS],
    group_name="publish",
    kinds={"duckdb"},
    description="The validated warehouse at warehouse/industry_stats.duckdb; not published when an error-severity check fails.",
)
def published_warehouse(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    with connect(settings.build_db(), read_only=True) as con:
        failed = con.execute(
            "select check_id, message from marts.fct_check_result where status = 'fail' order by check_id"
        ).fetchall()
        summary = build_summary(con)
    if failed:
        listing = "\n".join(f"  {check_id}: {message}" for check_id, message in failed)
        raise PublishBlocked(
            f"{len(failed)} error-severity check(s) failed; {settings.published_db()} left unchanged:\n{listing}"
        )
    publish_build()
    context.log.info(f"published {settings.published_db()}")
    return dg.MaterializeResult(metadata={
        "path": str(settings.published_db()),
        "figures": summary["figures"],
        **{f"checks_{status}": n for status, n in summary["checks"].items()},
    })
