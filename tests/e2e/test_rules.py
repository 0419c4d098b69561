"""Each rule kind with a passing and a failing case, on a generated dataset; and a build
with failing error checks does not touch the published warehouse but still reports."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from orchestration.vocabulary import RELATION_KINDS, SERIES_RULES
from tests.conftest import PROJECT, RAW, build, sha256
from tests.synthetic_rules import DROPPED_RESTATEMENTS, EXPECTED_STATUS, FIGURES, write_dataset


@pytest.fixture(scope="module")
def rules_build(seed_build, tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("rules_warehouse")
    shutil.copy(seed_build.published, warehouse / "industry_stats.duckdb")
    shutil.copytree(seed_build.warehouse / "snapshots", warehouse / "snapshots")  # the live build's snapshot
    before = sha256(warehouse / "industry_stats.duckdb")
    raw = write_dataset(tmp_path_factory.mktemp("rules") / "raw", RAW)
    return build(warehouse, raw), before


@pytest.mark.parametrize("relation_id, expected", sorted(EXPECTED_STATUS.items()))
def test_rule_status(rules_build, relation_id, expected):
    """The check engine gives each synthetic relation the status it was built to have."""
    result, _ = rules_build
    rows = result.query(f"select status from marts.fct_check_result where check_id = '{relation_id}'", db=result.build_db)
    assert rows == [(expected,)], relation_id


def test_failed_errors_block_publishing(rules_build):
    """A wrong share (and the other failing cases) stop the publish step: the run fails,
    names the failed checks, and the published file is byte for byte the old one."""
    result, before = rules_build
    assert result.result.returncode != 0
    assert "share-fail" in result.result.stdout + result.result.stderr  # the summary names the failed checks
    assert "NOT published" in result.result.stdout
    assert sha256(result.published) == before


def test_report_written_when_not_published(rules_build, seed_build):
    """A build that does not publish still writes the nightly report: it says it was not
    published, lists the seven failures first, each with the quotes of its figures, and
    compares with the live build (the seed build's snapshot)."""
    result, _ = rules_build
    report = (result.warehouse / "report" / "index.html").read_text(encoding="utf-8")
    assert f"report: {result.warehouse / 'report' / 'index.html'}" in result.result.stdout
    fails = sum(status == "fail" for status in EXPECTED_STATUS.values())
    warns = sum(status == "warn" for status in EXPECTED_STATUS.values())
    assert f"Blocked: {fails} error-severity check(s) failed" in report
    headline = report.split("<h2>Target progress", 1)[0]
    assert f"<h3>Failures ({fails})</h3>" in headline and "A企业产值40亿元" in headline  # failures first, with their quotes
    checks = report.split("<h2>All checks 全部检查</h2>", 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<tr class='(\w+)'>(.*?)</tr>", checks)
    statuses = [status for status, _ in rows]
    assert statuses[:fails] == ["fail"] * fails and statuses[fails:fails + warns] == ["warn"] * warns
    assert "fail" not in statuses[fails:]
    share_fail = next(cells for _, cells in rows if "<td>share-fail</td>" in cells)
    assert "A企业产值40亿元" in share_fail and "A企业占50%" in share_fail  # the quotes of its figures

    [(seed_id,)] = seed_build.query("select build_id from meta.build_info")
    changes = headline
    assert f"Since build {seed_id}: " in changes
    [(added,)] = result.query("select count(*) from marts.fct_figure", db=result.build_db)  # no figure_id shared
    [(removed,)] = seed_build.query("select count(*) from marts.fct_figure")
    assert f"<h3>Figures added ({added})</h3>" in changes and f"<h3>Figures removed ({removed})</h3>" in changes
    summary = json.loads((result.warehouse / "report" / "summary.json").read_text(encoding="utf-8"))
    assert summary["published"] is False and summary["checks"]["fail"] == fails and summary["changes"] > added + removed


def test_only_agreeing_restatements_leave_fct_figure(rules_build):
    """A restatement whose check passed (sy-16 restates sy-13) is one fact with it; one that
    disagrees (sy-17: 125 against 120, error; sy-15: 力争110 against 150, warn) keeps both
    facts: fct_figure holds every statement but the agreeing restatements."""
    result, _ = rules_build
    ids = {fid for (fid,) in result.query("select figure_id from marts.fct_figure where doc_id = 'synthetic-rules'",
                                          db=result.build_db)}
    assert ids == set(FIGURES) - DROPPED_RESTATEMENTS
    [(restated_by,)] = result.query("select restated_by from marts.fct_figure where figure_id = 'sy-13'", db=result.build_db)
    assert restated_by == "sy-16"


def test_signed_decline_reaches_fct_figure_and_the_growth_rule(rules_build):
    """下降5% is stored as -5 with bounds [-5.5, -4.5] (mirrored), and the growth rule uses
    the signed rate: 80 × (1 − 5%) = 76 passes, 80 × (1 − 10%) ≠ 76 fails."""
    result, _ = rules_build
    [row] = result.query("select value, value_low, value_high from marts.fct_figure where figure_id = 'sy-20'",
                         db=result.build_db)
    assert row == pytest.approx((-5.0, -5.5, -4.5))
    [(low, high)] = result.query("select expected_low, expected_high from intermediate.int_rule_evaluations "
                                 "where check_id = 'growth-decline-pass'", db=result.build_db)
    # previous 80亿元 is [79.5, 80.5]亿元, the rate [-5.5, -4.5]%: a decline, not 80 × 1.05
    assert (low, high) == pytest.approx((79.5e8 * (1 - 0.055), 80.5e8 * (1 - 0.045)))


def test_each_rule_kind_is_decided_by_great_expectations(rules_build):
    """Every relation kind of the vocabulary is checked, each row once, decided by the GX
    suite check_intervals (decided_by), and every check that did not pass names the GX
    expectations that failed it: nothing decides a relation but Great Expectations."""
    result, _ = rules_build
    suite = json.loads((PROJECT / "expectations/suites/check_intervals.json").read_text(encoding="utf-8"))
    expectation_ids = {e["id"] for e in suite["expectations"]}
    rows = result.query("select check_id, rule, decided_by, status, message from marts.fct_check_result"
                        " where check_id not like 'gx:%'", db=result.build_db)
    # the checks across documents (revision, growth_across_years) are decided the same way
    assert {rule for _, rule, *_ in rows} - set(SERIES_RULES) == set(RELATION_KINDS)
    assert len({check_id for check_id, *_ in rows}) == len(rows)
    assert {decided_by for _, _, decided_by, *_ in rows} == {"great_expectations:check_intervals"}
    not_passed = [(check_id, message) for check_id, _, _, status, message in rows if status != "pass"]
    assert len(not_passed) >= 9
    for check_id, message in not_passed:
        failed = set(message.split(" | failed: ", 1)[1].split(", "))
        assert failed and failed <= expectation_ids, check_id
