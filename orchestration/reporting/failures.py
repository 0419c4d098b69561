"""What failed in a run, where and why, said the same way on the command line, in the
alert and in the nightly report: the step and its own reasons (`file:line: reason` from
ingest, the failed check ids from publish), never numbers of an earlier build."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass

import dagster as dg

from orchestration import settings
from orchestration.publish import snapshots
from orchestration.publish.build_info import now_utc
from orchestration.reporting.report_page import html_page

# Dagster prefixes an error's message with its class; the reasons start after it.
_PREFIXES = ("dagster._core.definitions.events.Failure: ",)


@dataclass(frozen=True)
class StepFailure:
    step: str
    reasons: str  # the step's own message, every line of it


def _reasons(error: dg.Failure | BaseException | None, description: str | None = None) -> str:
    if description:
        return description.strip()
    if error is None:
        return ""
    return f"{type(error).__name__}: {error}".strip()


def reasons_of_exception(error: BaseException | None) -> str:
    """A step's exception as its reasons: a Failure's description, else `Class: message`."""
    if isinstance(error, dg.Failure):
        return _reasons(error, error.description)
    cause = getattr(error, "__cause__", None)  # Dagster wraps user errors; the cause says what went wrong
    return _reasons(cause or error)


def step_failures(events: Iterable[dg.DagsterEvent]) -> list[StepFailure]:
    """The failed steps of a run, from its events (execute_in_process or a failure sensor)."""
    failures = []
    for event in events:
        if not event.is_step_failure:
            continue
        data = event.step_failure_data
        if data.user_failure_data and data.user_failure_data.description:
            reasons = data.user_failure_data.description.strip()
        elif data.error and data.error.cause:
            reasons = data.error.cause.message.strip()
        elif data.error:
            reasons = data.error.message.strip()
            for prefix in _PREFIXES:
                reasons = reasons.removeprefix(prefix)
        else:
            reasons = "failed"
        failures.append(StepFailure(event.step_key or "?", reasons))
    return failures


def live_state() -> str:
    """Which build stays published, in words."""
    record = snapshots.live_record()
    if record is None:
        return ("nothing is published yet" if not settings.published_db().exists()
                else f"{settings.published_db()} stays as it was")
    return f"build {record['build_id']} stays published ({settings.published_db()})"


def write_failure_report(run_id: str, failures: list[StepFailure], build_id: str | None = None) -> None:
    """warehouse/report/index.html and summary.json for a run that ended before the report
    step could describe it (ingest, dbt or validation failed): what failed, where, and which
    build stays published. The report of a run that got as far as its checks is the full one."""
    live = live_state()
    summary = {"generated_at": now_utc(), "run_id": run_id, "build_id": build_id, "published": False,
               "failed_steps": [f.step for f in failures], "reasons": {f.step: f.reasons for f in failures},
               "live": live, "figures": None, "statements": None, "checks": None, "changes": None}
    facts = [("run", run_id), ("build", build_id or "none (stopped before the build database was opened)"),
             ("report written", summary["generated_at"]),
             ("outcome", f"FAILED in {', '.join(summary['failed_steps'])}; NOT published: {live}")]
    facts_html = "<table class='facts'>" + "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>" for k, v in facts) + "</table>"
    reasons_html = "\n".join(f"<h3>{html.escape(f.step)}</h3><pre>{html.escape(f.reasons)}</pre>" for f in failures)
    body = (f"<section><h2>Build summary</h2>\n{facts_html}\n</section>\n"
            f"<section><h2>What failed</h2>\n{reasons_html}\n<p>No figure, check or target of this run is shown: "
            "it stopped before they were computed. The published warehouse is unchanged.</p>\n</section>")
    out = settings.report_dir()
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(html_page(f"regstat nightly report: run {run_id[:8]} failed",
                                              "regstat nightly report", body), encoding="utf-8")
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")


def read_run_summary(run_id: str) -> dict | None:
    """summary.json if this run wrote it; None when it is an earlier run's (or missing)."""
    path = settings.report_dir() / "summary.json"
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return summary if summary.get("run_id") == run_id else None
