"""What changed between two builds (orchestration.reporting.changes.compare), on two real databases:
the published seed build and a copy edited with DuckDB the way a later build would differ."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from orchestration.reporting.changes import compare

LATER_BUILD = "29991231T000000Z-edited00"


GONE_CHECK = "hz-r01"  # a stated relation of the seeds that passes


@pytest.fixture(scope="module")
def later_build(seed_build, tmp_path_factory) -> Path:
    """The seed build with one figure added, one removed, one revised, a warning turned
    into a failure, a check gone and a target gone off track."""
    path = tmp_path_factory.mktemp("later") / "industry_stats.duckdb"
    shutil.copyfile(seed_build.published, path)  # copyfile: the published file's mode may be read-only
    con = duckdb.connect(str(path))
    try:
        con.execute(f"update meta.build_info set build_id = '{LATER_BUILD}'")
        con.execute("insert into marts.fct_figure select * replace ('hz-999' as figure_id) from marts.fct_figure"
                    " where figure_id = 'hz-037'")
        con.execute("delete from marts.fct_figure where figure_id = 'hz-001'")
        con.execute("update marts.fct_figure set value_text = '955.0', value = 9.55e10 where figure_id = 'hz-038'")
        # fct_check_result is a view over the check intervals and GX's recorded outcomes
        con.execute("update intermediate.int_check_intervals set severity_on_failure = 'error' where check_id = 'ta-r02'")
        con.execute(f"delete from intermediate.int_check_intervals where check_id = '{GONE_CHECK}'")
        con.execute("update marts.fct_target_progress set status = 'off_track' where target_figure_id = 'hz-013'")
    finally:
        con.close()
    return path


def test_changes_by_figure_check_and_target(seed_build, later_build):
    """Each edit shows up once, in the right list, keyed by its id, with before and after."""
    changes = compare(seed_build.published, later_build)
    [(seed_id,)] = seed_build.query("select build_id from meta.build_info")
    assert changes.previous_build == seed_id
    assert changes.figures_added["figure_id"].tolist() == ["hz-999"]
    assert changes.figures_removed["figure_id"].tolist() == ["hz-001"]
    [revised] = changes.figures_changed.to_dict("records")
    assert revised["figure_id"] == "hz-038"
    assert revised["before"] == "869.1 亿元 (2023)" and revised["after"] == "955.0 亿元 (2023)"
    checks = {r["check_id"]: (r["before"], r["after"]) for r in changes.checks_changed.to_dict("records")}
    assert checks == {"ta-r02": ("warn", "fail"), GONE_CHECK: ("pass", "(gone)")}
    targets = {r["target_figure_id"]: (r["before"], r["after"]) for r in changes.targets_changed.to_dict("records")}
    assert targets == {"hz-013": ("on_track", "off_track")}
    assert changes.total == 6


def test_same_build_has_no_changes_and_first_build_has_no_comparison(seed_build):
    """A build compared with itself changes nothing; with no previous build there is no
    comparison (the report says "first build")."""
    assert compare(seed_build.published, seed_build.published).total == 0
    assert compare(None, seed_build.published) is None
