"""Readers query the published database in a loop while builds publish: none ever gets an
error or a partial result."""

from __future__ import annotations

import json

from tests.operations.conftest import published_state


def test_readers_never_see_an_error_or_a_partial_build(history):
    """Three reader processes loop over the published file while two builds publish (the
    seed build is replaced by other inputs, then those by the seed inputs again; the
    `history` fixture): zero errors, every result is one whole build, and they saw both
    swaps. A connection opened before the publishes keeps its consistent view of the first
    build until it closes."""
    states = set(history.states)
    first_id = history.states[0][0]
    assert len(states) == 3
    # The connection opened before the publishes still saw the first build, whole.
    assert history.held_build_id == first_id and history.held_figures > 0
    assert published_state(history.warehouse / "industry_stats.duckdb")[0] != first_id  # a new connection sees another

    logs = history.reader_logs
    assert all(code == 0 for code in history.reader_exits), [log.read_text()[-2000:] for log in logs]
    lines = [json.loads(line) for log in logs for line in log.read_text().splitlines()]
    errors = [line for line in lines if "error" in line]
    assert errors == [], errors[:5]
    seen = {(line["build_id"], line["marts_hash"]) for line in lines}
    assert seen <= states  # every result is one whole published build
    assert len({build_id for build_id, _ in seen}) == 3  # readers saw both swaps happen
    assert len(lines) >= 100
    print(f"{len(lines)} reader queries over {len(states)} builds, 0 errors")
