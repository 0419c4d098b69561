"""Each rule kind with a passing and a failing case, on a generated dataset; and a build
with failing error checks does not touch the published warehouse."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import RAW, build, sha256
from tests.synthetic_rules import EXPECTED_STATUS, write_dataset


@pytest.fixture(scope="module")
def rules_build(seed_build, tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("rules_warehouse")
    shutil.copy(seed_build.published, warehouse / "industry_stats.duckdb")
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
    assert "share-fail" in result.result.stderr
    assert "NOT published" in result.result.stdout
    assert sha256(result.published) == before
