"""Failure alerts: a JSON line in warehouse/alerts.jsonl, always, and a POST to the webhook
named by REGSTAT_ALERT_WEBHOOK when one is configured (a Slack- or Teams-style incoming
webhook: the body carries a `text` field besides the details)."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path

from orchestration import settings
from orchestration.publish.build_info import now_utc

WEBHOOK_TIMEOUT = 10  # seconds; an alert must not hang the sensor
# The `text` a webhook shows carries the reasons; past this many lines it points to the file.
TEXT_LINES = 25


def alerts_path() -> Path:
    return settings.warehouse_dir() / "alerts.jsonl"


def _post(url: str, alert: dict) -> str:
    body = json.dumps(alert, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:
            return f"sent ({response.status})"
    except (urllib.error.URLError, OSError) as exc:
        return f"failed: {exc}"


def alert_text(job: str, run_id: str, error: str, failed_steps: list[str]) -> str:
    """One message a person reads in a chat: which run failed, in which step, and why, with
    every reason line (file:line, check ids) up to TEXT_LINES."""
    head = f"regstat: run {run_id[:8]} of {job} failed" + (f" in {', '.join(failed_steps)}" if failed_steps else "")
    lines = [line.rstrip() for line in error.strip().splitlines() if line.strip()]
    shown = lines[:TEXT_LINES]
    if len(lines) > len(shown):
        shown.append(f"… {len(lines) - len(shown)} more line(s) in {alerts_path()}")
    return head + (": " + "\n".join(shown) if shown else "")


def raise_alert(job: str, run_id: str, error: str, failed_steps: list[str]) -> dict:
    """Record the failure and notify; returns the alert as written (with the webhook outcome)."""
    alert = {
        "at": now_utc(),
        "severity": "error",
        "job": job,
        "run_id": run_id,
        "failed_steps": failed_steps,
        "error": error,
        "text": alert_text(job, run_id, error, failed_steps),
    }
    url = os.environ.get("REGSTAT_ALERT_WEBHOOK")
    alert["webhook"] = _post(url, alert) if url else "not configured"
    path = alerts_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(alert, ensure_ascii=False) + "\n")
    return alert
