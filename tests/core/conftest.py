"""Fixtures shared by the core's tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core import editions, paths
from desktop.core.editions import load_edition
from desktop.core.self_eval_forms import load_form


@pytest.fixture
def own_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of templates/ that editions and forms are read from (a province's own)."""
    root = tmp_path / "templates"
    shutil.copytree(paths.template(), root)
    load_edition.cache_clear()
    load_form.cache_clear()
    # editions finds every layout file (editions.layout_file), forms included
    monkeypatch.setattr(editions, "template", lambda *parts: root.joinpath(*parts))
    yield root
    load_edition.cache_clear()
    load_form.cache_clear()
