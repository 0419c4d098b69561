"""The generated 20,000-character document (the benchmark input): extraction completes
and finds the figures the templates put in. Its speed is measured by make bench-extract,
not asserted here (the machine is shared)."""

import datetime

from orchestration.extract import extract
from tests.extract.synthetic_document import generate


def test_twenty_thousand_characters_extract_completely():
    """A 20,000-character text yields hundreds of well-placed candidates and skips the page
    furniture, document numbers and file names the generator mixes in."""
    text = generate(20_000)
    assert len(text) >= 20_000
    extraction = extract(text, datetime.date(2024, 6, 30))
    assert len(extraction.candidates) > 500
    for c in extraction.candidates:
        assert text[c.start:c.end] == c.value_text
        line = text[text.rfind("\n", 0, c.start) + 1:text.find("\n", c.start)]
        assert not line.startswith(("发布时间", "P0")) and "号）" not in text[c.end:c.end + 3]
