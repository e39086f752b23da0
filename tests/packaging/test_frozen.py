"""The frozen one-folder build, run as a user would (tests/packaging/smoke_frozen.py).

Slow and skipped unless JUESUAN_FROZEN_DIR names a folder built by packaging/build.py:

    python packaging/build.py
    JUESUAN_FROZEN_DIR=dist/juesuan python -m pytest -q tests/packaging
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.packaging import smoke_frozen
from tests.packaging.smoke_frozen import Frozen

FOLDER = os.environ.get("JUESUAN_FROZEN_DIR", "")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not FOLDER, reason="JUESUAN_FROZEN_DIR names no frozen build"),
]


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frozen]:
    folder = Path(FOLDER).resolve()
    assert folder.is_dir(), f"JUESUAN_FROZEN_DIR={FOLDER} is not a folder"
    yield Frozen(folder, tmp_path_factory.mktemp("frozen"))


# In order: the sample written first is what check and build read.
@pytest.mark.parametrize(
    "check", [c for _, c in smoke_frozen.CHECKS], ids=[t for t, _ in smoke_frozen.CHECKS]
)
def test_frozen(frozen: Frozen, check: Callable[[Frozen], str]) -> None:
    print(check(frozen))
