"""Every command the README shows in its code blocks runs as written, from a folder laid out
as a fresh clone after `make run` (.venv/ and a built warehouse/; nothing on PATH but the
system's): the query commands against the seed build, make targets at least as a dry run,
and the few that build, serve or change raw/ are listed with the test that runs them."""

from __future__ import annotations

import os
import re
import shlex
import subprocess

import pytest

from tests.conftest import PROJECT

README = (PROJECT / "README.md").read_text(encoding="utf-8")
# Lines of the code blocks that are commands: they start with a program the README names.
COMMANDS = [line.split("  #", 1)[0].strip()
            for block in re.findall(r"```(?:sh|bash)?\n(.*?)```", README, flags=re.S)
            for line in block.splitlines()
            if re.match(r"(\w+=\S+ )*(\.venv/bin/|make )", line.strip())]
# Commands a test elsewhere runs for real (a build, a server, a benchmark, a change to raw/).
ELSEWHERE = {
    "make run": "every e2e test's seed build (regstat build)",
    "make test": "this suite",
    "make serve": "a long-running Dagster server: tests/test_definitions.py",
    "make bench": "minutes of generated data: benchmarks/, tests/scale/",
    "make bi": "tests/serving/test_local_bi.py",
    "make eval-extract": "tests/extract/",
    ".venv/bin/regstat add-document": "tests/extract/ (it adds a document to raw/)",
    ".venv/bin/regstat accept": "tests/extract/ (it adds figures to raw/)",
    ".venv/bin/regstat generate": "tests/scale/test_scale_build.py and the register build of test_analyst_views.py",
    "REGSTAT_RAW_DIR=": "tests/scale/test_scale_build.py (a generated build)",
    ".venv/bin/regstat build --engine spark": "tests/spark/",
    ".venv/bin/regstat rollback": "tests/operations/test_snapshots.py (it republishes: not on the shared seed build)",
}


def elsewhere(command: str) -> str | None:
    return next((why for start, why in ELSEWHERE.items() if command == start or command.startswith(start + " ")
                 or (start.endswith("=") and command.startswith(start))), None)


def test_the_readme_shows_the_commands_analysts_need():
    """The extraction finds the query commands, the shell and the export (no `uv run`, no bare `duckdb`)."""
    assert any(c.startswith(".venv/bin/regstat figures") for c in COMMANDS)
    assert ".venv/bin/regstat shell" in COMMANDS and any(c.startswith(".venv/bin/duckdb -readonly") for c in COMMANDS)
    assert not re.search(r"^(uv run|duckdb )", README, flags=re.M)


@pytest.fixture(scope="module")
def clone(seed_build, tmp_path_factory):
    """A folder as a fresh clone is after `make run`: .venv/ and the built warehouse/."""
    folder = tmp_path_factory.mktemp("clone")
    (folder / ".venv").symlink_to(PROJECT / ".venv")
    (folder / "warehouse").symlink_to(seed_build.warehouse)
    return folder


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs_as_written(command, clone, seed_build):
    """The command exits 0 in the clone and says something; make targets exist (dry run)."""
    if elsewhere(command):
        if command.startswith("make "):
            dry = subprocess.run(["make", "-n", command.split()[1]], cwd=PROJECT, capture_output=True, text=True)
            assert dry.returncode == 0, dry.stderr
        return
    if command.startswith("make "):
        result = subprocess.run(["make", "-n", *shlex.split(command)[1:]], cwd=PROJECT, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8",
           "REGSTAT_WAREHOUSE_DIR": str(seed_build.warehouse), "DAGSTER_DISABLE_TELEMETRY": "1"}
    result = subprocess.run(["bash", "-c", command], cwd=clone, env=env, capture_output=True, text=True,
                            input="select 42 as answer;\n", timeout=300)
    assert result.returncode == 0, f"{command}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    assert (result.stdout + result.stderr).strip(), command  # a file written says so on stderr
