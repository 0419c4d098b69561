"""`make serve`: `dagster dev` (daemon and web UI) under a small supervisor that stops all of
it within STOP_SECONDS of SIGTERM or Ctrl-C, leaving no process behind.

Why a supervisor. `dagster dev` maps SIGTERM to SIGINT and shuts its children down in
order (a message on a pipe to each), but a signal sent to the whole process group (Ctrl-C
in a terminal, `kill -- -PGID`, a service manager) reaches every Dagster process at once:
the web server's code-server manager sees its code server exit and starts a new one, the
daemon lets every thread finish its tick (a sensor launching a run), and `dagster dev`
waits up to 60 s for each child before it kills it. Under load that took more than 30 s and
left processes that needed SIGKILL. (`uv run` in between added one more process and a
bytecode pass at each start; the Makefile now runs the environment's Python directly.)

Here `dagster dev` runs in a process group of its own that only this supervisor signals:
SIGINT to `dagster dev` alone (its orderly shutdown), and what is left of the group after
GRACE_SECONDS gets SIGTERM, then SIGKILL. The supervisor is the children's subreaper, so
orphans are reaped too."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time

STOP_SECONDS = 15  # the promise (docs/operations.md): everything is gone by then
GRACE_SECONDS = 9  # for dagster dev's own orderly shutdown
TERM_SECONDS = 3  # then SIGTERM to whatever is left, then SIGKILL
PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER = 1, 36


def _prctl(option: int, value: int) -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the process group still takes everything down


def _become_subreaper() -> None:
    """Orphaned descendants (a code server whose parent died) are reparented to us, so we
    can reap them instead of leaving zombies to an init that may not."""
    _prctl(PR_SET_CHILD_SUBREAPER, 1)


def _stop_with_parent() -> None:
    """In dagster dev, before exec: if the supervisor itself is killed (SIGKILL), dagster dev
    gets SIGTERM (its orderly shutdown) instead of running on in its own group."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _group_alive(pgid: int) -> bool:
    _reap()
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _wait_group(pgid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _group_alive(pgid):
            return True
        time.sleep(0.1)
    return not _group_alive(pgid)


def stop(dev: subprocess.Popen, say=print) -> None:
    """SIGINT to dagster dev, then SIGTERM and SIGKILL to its whole group."""
    pgid = dev.pid  # the group dev leads (start_new_session)
    started = time.monotonic()
    try:
        dev.send_signal(signal.SIGINT)
    except ProcessLookupError:
        pass
    try:
        dev.wait(timeout=GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        say(f"regstat serve: dagster dev still running after {GRACE_SECONDS} s: terminating its processes")
    if _wait_group(pgid, max(0.0, GRACE_SECONDS - (time.monotonic() - started))):
        return
    for sig, seconds in ((signal.SIGTERM, TERM_SECONDS), (signal.SIGKILL, 1.0)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            return
        if _wait_group(pgid, seconds):
            return


def main(argv: list[str]) -> int:
    _become_subreaper()
    # The environment's bin first on PATH, as `uv run` put it: the code server runs `dbt`.
    env = {**os.environ, "PATH": os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])}
    dev = subprocess.Popen([sys.executable, "-m", "dagster", "dev", *argv], start_new_session=True,
                           preexec_fn=_stop_with_parent, env=env)
    stopping = {"signal": None}

    def on_signal(signum: int, _frame) -> None:
        stopping["signal"] = signum

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_signal)
    while stopping["signal"] is None and dev.poll() is None:
        time.sleep(0.2)
    if stopping["signal"] is not None:
        print(f"regstat serve: {signal.Signals(stopping['signal']).name} received, stopping Dagster "
              f"(within {STOP_SECONDS} s)", flush=True)
    stop(dev, say=lambda message: print(message, flush=True))
    _reap()
    if stopping["signal"] is not None:
        print("regstat serve: stopped", flush=True)
        return 0
    return dev.returncode or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
