"""Fixtures shared by the core's tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core import editions, paths
from desktop.core.editions import load_edition
from desktop.core.self_eval_forms import load_form
from desktop.core.text import render
from tests.helpers.perf import install_edition


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


@pytest.fixture
def perf_edition(own_templates: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test edition of tests/data/editions/test-perf-2024.json (shanxi-2024 with a
    项目单位自评汇总表 and a 部门整体绩效评价报告) installed in the copy of templates/, text
    templates included; its id. No province ships it."""
    edition_id = install_edition(own_templates)
    monkeypatch.setattr(render, "template", lambda *parts: own_templates.joinpath(*parts))
    return edition_id
