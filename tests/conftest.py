"""Test-wide setup: Qt runs offscreen (no display needed) unless told otherwise; property
tests have no per-example deadline, and run fewer examples in the fast loop; the samples'
outputs are built once per run for the modules that read them."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:
    from tests.helpers.sample_files import Book, SampleFiles

# Hypothesis' default 200 ms deadline per example is a wall-clock assertion: on a loaded
# machine it fails tests that are merely slow. Tests are bounded by their example count.
settings.register_profile("full", deadline=None)
# The fast loop (`pytest -m "not slow"`) runs each property test that keeps Hypothesis'
# default example count on a quarter of it; CI runs everything with the full count.
settings.register_profile("dev", parent=settings.get_profile("full"), max_examples=25)
settings.load_profile("full")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("markexpr") == "not slow":
        settings.load_profile("dev")


@pytest.fixture(scope="session")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> SampleFiles:
    from tests.helpers.sample_files import SampleFiles

    return SampleFiles(tmp_path_factory.mktemp("samples"))


@pytest.fixture
def book(sample_files: SampleFiles) -> Book:
    """book(name): a sample's workbook as openpyxl reads it, parsed once per run; each
    call gives a copy of its own."""
    return sample_files.workbook
