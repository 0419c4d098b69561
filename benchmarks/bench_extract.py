"""Time the extractor on a generated 20,000-character document (make bench-extract).

Target (issue 6): under one second per 20,000 characters. Prints the median and worst of
several runs; exits 1 if the median misses the target."""

from __future__ import annotations

import datetime
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from orchestration.extract import extract  # noqa: E402
from tests.extract.synthetic_document import generate  # noqa: E402

TARGET_SECONDS = 1.0
RUNS = 7


def main() -> int:
    text = generate(20_000)
    published = datetime.date(2024, 6, 30)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        extraction = extract(text, published)
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    print(f"extract: {len(text)} characters, {len(extraction.candidates)} candidates, "
          f"{len(extraction.relations)} relations")
    print(f"median {median * 1000:.0f} ms, worst {max(timings) * 1000:.0f} ms over {RUNS} runs "
          f"(target < {TARGET_SECONDS * 1000:.0f} ms)")
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
