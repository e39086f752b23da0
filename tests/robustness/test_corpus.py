"""Every case of the corpus of bad inputs (`corpus.CASES`) has the outcome it should: a
clear Chinese message for what is refused, the work done for what should work — never a
traceback, a hang, a silent acceptance or a lost file. `python -m tests.robustness`
prints the same cases as a table by family."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.robustness.corpus import CASES, Case, classify

pytestmark = pytest.mark.slow  # 88 bad inputs, each through the loader, importer or a build

POSIX_ONLY = ("/dev/", "fifo", "full disk")
HEAVY = ("linear work", "full disk", "at their limits", "/dev/zero")


def _marks(case: Case) -> list[pytest.MarkDecorator]:
    marks = []
    if any(word in case.name for word in POSIX_ONLY):
        marks.append(pytest.mark.skipif(sys.platform == "win32", reason="POSIX files"))
    if any(word in case.name for word in HEAVY):
        marks.append(pytest.mark.slow)  # several PDFs, or a new process
    return marks


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=f"{c.family}: {c.name}", marks=_marks(c)) for c in CASES],
)
def test_case(case: Case, tmp_path: Path) -> None:
    outcome = classify(case, tmp_path)
    assert outcome.kind == case.expect, outcome.detail
