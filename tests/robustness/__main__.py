"""`python -m tests.robustness`: run the whole corpus of bad inputs and print the table
by family (cases, clear message, done, traceback, hang, silent, lost), then every case
whose outcome is not the one it should have."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.robustness.corpus import CASES, classify, table


def main() -> int:
    outcomes = []
    wrong = []
    with tempfile.TemporaryDirectory(prefix="juesuan-corpus-") as scratch:
        for i, case in enumerate(CASES):
            folder = Path(scratch) / f"c{i}"
            folder.mkdir()
            outcome = classify(case, folder)
            outcomes.append((case, outcome))
            if outcome.kind != case.expect:
                wrong.append((case, outcome))
    print(table(outcomes))
    for case, outcome in wrong:
        print(f"\n[{case.family}] {case.name}: {outcome.kind} (expected {case.expect})")
        print(f"  {outcome.detail[:600]}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
