"""A decline word governs every item of the list after it (分别回落0.2个和1.2个百分点), and
nothing beyond: real releases state declines of several series in one list."""

import pytest

from orchestration.ingest.figures.signs import decline_word_before, declines_everywhere


@pytest.mark.parametrize(
    ("quote", "value_text", "word"),
    [
        ("增幅比上月分别回落0.2个和1.2个百分点", "1.2", "回落"),
        ("增幅比上月分别回落0.2个和1.2个百分点", "0.2", "回落"),
        ("分别下降3.1%、2.4%和0.5%", "0.5", "下降"),
        ("分别下降3.1%、2.4%和0.5%", "2.4", "下降"),
        ("分别增长24.8%和19.6%,增幅比上月分别回落0.2个和1.2个百分点", "19.6", None),
        ("利润下降2.0%,营业收入增长5.1%", "5.1", None),
        ("下降至3.5%和4.0%", "4.0", None),
    ],
)
def test_decline_word_over_a_list(quote, value_text, word):
    """The later items of a list after a decline word are declines; a list after a growth
    word, a clause after a comma, and a level reached (降至) are not."""
    assert decline_word_before(quote, value_text) == word
    assert declines_everywhere(quote, value_text) is (word is not None)
