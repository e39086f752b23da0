"""Test-wide setup: Qt runs offscreen (no display needed) unless told otherwise, and the
samples' outputs are built once per run for the modules that read them."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:
    from tests.helpers.sample_files import SampleFiles


@pytest.fixture(scope="session")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> SampleFiles:
    from tests.helpers.sample_files import SampleFiles

    return SampleFiles(tmp_path_factory.mktemp("samples"))
